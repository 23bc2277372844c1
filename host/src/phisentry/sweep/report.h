#pragma once
// The sweep's outputs: one JSON line per page (also what a resumed sweep reads back), CSV for
// spreadsheets, a standalone HTML report, and a summary with totals by space and category.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "phisentry/sweep/page.h"

namespace phisentry::sweep {

nlohmann::json to_json(const PageReport& report);
PageReport report_from_json(const nlohmann::json& line);  // throws nlohmann::json::exception

struct Totals {
  std::size_t pages = 0;
  std::size_t with_phi = 0;
  std::size_t findings = 0;
  std::map<std::string, std::size_t> pages_by_category;
  std::map<std::string, std::size_t> findings_by_category;

  void add(const PageReport& report);
};

struct RunFacts {
  std::vector<std::string> sources;
  std::string rule_pack;        // id, version and hash
  std::string started_at;       // ISO 8601, UTC
  double seconds = 0;
  std::uint64_t bytes = 0;      // bytes read in this run
  std::size_t pages_this_run = 0;
  unsigned threads = 0;
  bool complete = true;         // false when interrupted or a site stopped answering
};

struct Summary {
  Totals all;
  Totals uncovered;  // pages outside every covered workspace: what IT must act on
  Totals covered;
  std::map<std::string, Totals> by_space;  // by space_label()
  std::vector<Problem> problems;
  RunFacts run;
};

std::string space_label(const Location& where);
Summary summarize(const std::vector<PageReport>& reports, std::vector<Problem> problems, RunFacts run);
nlohmann::json to_json(const Summary& summary);

// Every category the reports mention, in a stable order.
std::vector<std::string> categories_of(const std::vector<PageReport>& reports);

void write_csv(const std::filesystem::path& file, const std::vector<PageReport>& reports);
void write_html(const std::filesystem::path& file, const std::vector<PageReport>& reports, const Summary& summary);

// Writes through a temporary file and a rename, so a reader never sees half a report.
void write_atomically(const std::filesystem::path& file, const std::string& content);

}  // namespace phisentry::sweep
