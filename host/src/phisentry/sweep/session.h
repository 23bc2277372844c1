#pragma once
// One sweep from start to reports: sources feed the worker pool, every report is appended to
// pages.jsonl as it comes, progress is checkpointed in sweep-state.json so that an interrupted sweep
// resumes where it stopped, and pages.csv, report.html and summary.json are written at the end.

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "phisentry/scan/compiled_pack.h"
#include "phisentry/sweep/coverage.h"
#include "phisentry/sweep/report.h"
#include "phisentry/sweep/site_reader.h"
#include "phisentry/crypto/value_hasher.h"

namespace phisentry::sweep {

struct SweepRequest {
  std::vector<std::filesystem::path> paths;  // exports, folders, files
  std::optional<SiteOptions> site;
  std::filesystem::path out_dir = "phisentry-sweep";
  bool resume = false;
  unsigned jobs = 0;
  rules::Confidence min_confidence = rules::Confidence::medium;
  bool progress = false;
};

struct SweepOutcome {
  std::vector<PageReport> reports;  // this run's and, when resuming, the earlier run's
  Summary summary;
};

// Output files in `out_dir`.
inline constexpr const char* kPagesJsonl = "pages.jsonl";
inline constexpr const char* kPagesCsv = "pages.csv";
inline constexpr const char* kReportHtml = "report.html";
inline constexpr const char* kSummaryJson = "summary.json";
inline constexpr const char* kStateJson = "sweep-state.json";

// Throws std::runtime_error when the outputs cannot be written or --resume has nothing to resume.
SweepOutcome run_sweep(const SweepRequest& request, std::shared_ptr<const scan::CompiledPack> compiled,
                       const crypto::ValueHasher& hasher, const Coverage& coverage, const std::atomic<bool>& stop);

}  // namespace phisentry::sweep
