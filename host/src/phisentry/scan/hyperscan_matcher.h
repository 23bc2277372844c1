#pragma once
// Hyperscan databases for a pattern set, and the matcher that scans with them.
//  - one block-mode regex database without start-of-match (start-of-match costs 1.5-2x scan time);
//  - one more for the context-gated patterns (PatternSet::gated), run only on windows around the
//    keywords that could raise them: their broad shapes (plates, record numbers, member ids) end
//    hundreds of thousands of times per MiB, and almost none of those ends have a keyword near;
//  - one literal database for dictionaries and context keywords (hs_compile_lit_multi: a regex per
//    name would take minutes to compile);
//  - one small start-of-match database per pattern, run only on a short window before a hit's end
//    (the windows of one pattern's nearby ends merge into one scan).

#include <hs/hs.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "phisentry/scan/compiled_pack.h"

namespace phisentry::scan {

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct ScratchDeleter {
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};
using DatabasePtr = std::unique_ptr<hs_database_t, DatabaseDeleter>;
using ScratchPtr = std::unique_ptr<hs_scratch_t, ScratchDeleter>;

// The compile flags of a regex pattern (its rule's flags; no start of match).
unsigned regex_flags(bool caseless, bool dotall);

// One block-mode database of the set's regexes for which `include(index)` holds, each under its index
// in the set; nullptr when none is. Throws rules::RuleError naming the pattern that does not compile.
DatabasePtr compile_regex_subset(const PatternSet& patterns, const rules::RulePack& pack,
                                 const std::function<bool(std::size_t)>& include);

// Throws std::invalid_argument with Hyperscan's reason, or when an unbounded pattern has no cap.
PatternWidth pattern_max_width(const std::string& expression, bool caseless, bool dotall,
                               std::optional<std::uint32_t> cap);

class HyperscanDatabases {
 public:
  // Throws rules::RuleError naming the rule whose pattern does not compile.
  static std::shared_ptr<const HyperscanDatabases> compile(const PatternSet& patterns, const rules::RulePack& pack);
  // nullptr when the blob was written by another Hyperscan version or for another CPU.
  static std::shared_ptr<const HyperscanDatabases> deserialize(std::string_view blob, std::size_t regex_count);
  std::string serialize() const;

  const hs_database_t* regex() const { return regex_.get(); }
  const hs_database_t* gated() const { return gated_.get(); }
  const hs_database_t* literal() const { return literal_.get(); }
  const hs_database_t* start_of_match(std::uint32_t pattern) const { return start_of_match_[pattern].get(); }
  ScratchPtr clone_scratch() const;

 private:
  void allocate_scratch();

  DatabasePtr regex_;
  DatabasePtr gated_;
  DatabasePtr literal_;
  std::vector<DatabasePtr> start_of_match_;
  ScratchPtr prototype_scratch_;
};

class HyperscanMatcher final : public Matcher {
 public:
  HyperscanMatcher(std::shared_ptr<const HyperscanDatabases> databases, const PatternSet& patterns);
  void find_literals(std::string_view text, Hits& hits) override;
  void find_patterns(std::string_view text, Hits& hits) override;
  std::optional<std::uint32_t> leftmost_start(std::uint32_t pattern, std::string_view text,
                                              std::uint32_t end) override;
  std::span<const std::uint32_t> leftmost_starts(std::string_view text, std::span<const RegexHit> ends) override;
  void match_gated_everywhere(bool everywhere) override { gated_everywhere_ = everywhere; }

 private:
  struct Window {
    std::uint32_t start;
    std::uint32_t end;
  };
  bool scan_regexes(const hs_database_t* db, std::string_view text, std::uint32_t base, Hits& hits);
  void collect_gated_windows(std::string_view text, const Hits& hits);
  // The starts of one pattern's ends (sorted), one start-of-match scan per run of overlapping windows.
  void find_starts_in_windows(std::string_view text, std::span<const RegexHit> ends, std::uint32_t* starts);

  std::shared_ptr<const HyperscanDatabases> databases_;
  const PatternSet& patterns_;
  ScratchPtr scratch_;  // allocated once here, never on the scan path
  std::vector<Window> windows_;
  bool gated_everywhere_ = false;
};

}  // namespace phisentry::scan
