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
#include <mutex>
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
  // nullptr when the blob was written by another Hyperscan version or for another CPU. `storage` (the
  // mapped cache file) keeps the blob alive: the start-of-match databases are read from it on first use.
  static std::shared_ptr<const HyperscanDatabases> deserialize(std::string_view blob, std::size_t regex_count,
                                                               std::shared_ptr<const void> storage);
  std::string serialize() const;

  const hs_database_t* regex() const { return regex_.get(); }
  const hs_database_t* gated() const { return gated_.get(); }
  const hs_database_t* literal() const { return literal_.get(); }
  // A page needs a few of the ~110 start-of-match databases; reading them all took ~14 ms of every
  // cached start. Null only if the cached bytes were damaged after they were checked at load.
  const hs_database_t* start_of_match(std::uint32_t pattern) const;
  // The scratch covers the regex and literal databases; a start-of-match database's needs are added to
  // a scratch by the matcher before its first scan with it.
  ScratchPtr clone_scratch() const;

 private:
  struct LazyDatabase {
    std::string_view serialized;  // in storage_; empty when compiled here
    std::once_flag read;
    DatabasePtr db;
  };
  void allocate_scratch();

  DatabasePtr regex_;
  DatabasePtr gated_;
  DatabasePtr literal_;
  std::shared_ptr<const void> storage_;
  std::unique_ptr<LazyDatabase[]> start_of_match_;
  std::size_t start_of_match_count_ = 0;
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
  // The pattern's start-of-match database, with this matcher's scratch grown to scan it.
  const hs_database_t* start_database(std::uint32_t pattern);

  std::shared_ptr<const HyperscanDatabases> databases_;
  const PatternSet& patterns_;
  ScratchPtr scratch_;  // allocated here, grown once per start-of-match database, never freed while scanning
  std::vector<bool> scratch_fits_start_;
  std::vector<Window> windows_;
  bool gated_everywhere_ = false;
};

}  // namespace phisentry::scan
