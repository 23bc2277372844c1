#pragma once
// Turns one page into its report: its visible text is scanned with the shared rule pack, findings are
// counted by category with keyed hashes of their values, and the title and URL are redacted.

#include <memory>

#include "phisentry/scan/scanner.h"
#include "phisentry/sweep/coverage.h"
#include "phisentry/sweep/page.h"
#include "phisentry/crypto/value_hasher.h"

namespace phisentry::sweep {

// One per thread: it owns a Scanner, and so its own Hyperscan scratch.
class PageAnalyzer {
 public:
  PageAnalyzer(std::shared_ptr<const scan::CompiledPack> compiled, const crypto::ValueHasher& hasher,
               const Coverage& coverage, rules::Confidence min_confidence);

  PageReport analyze(Page page);
  // `text` with every identifier found in it (at any confidence) replaced by "[category]".
  std::string redact(std::string_view text);
  std::string redact_file_name(const std::string& url);

 private:
  std::string visible_text(Page& page);
  void tally(std::string_view raw, PageReport& report);
  std::string redact_scanned_as(std::string_view raw, char (*as_scanned)(char));

  scan::Scanner scanner_;
  const crypto::ValueHasher& hasher_;
  const Coverage& coverage_;
  rules::Confidence min_confidence_;
};

}  // namespace phisentry::sweep
