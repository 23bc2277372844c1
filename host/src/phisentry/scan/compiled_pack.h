#pragma once
// A rule pack turned into what the matchers need: regex patterns with their widths, and one table of
// unique literals (dictionary entries and context keywords) with who owns each.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "phisentry/rules/rule.h"
#include "phisentry/scan/matcher.h"

namespace phisentry::scan {

struct RegexPattern {
  std::uint32_t rule;
  std::string expression;
  bool caseless;
  bool dotall;
  std::uint32_t max_width;  // longest match in bytes (the rule's max_length when unbounded)
  bool unbounded;           // e.g. a URL's tail: Hyperscan reports an end at every byte of it
  bool capped;              // max_width is the rule's max_length, shorter than the longest match
};

struct LiteralOwner {
  enum class Kind : std::uint8_t { dictionary, keyword } kind;
  std::uint32_t index;  // rule index for dictionary entries, keyword id for keywords
};

// How far around a keyword hit a context-gated pattern's match may end and still be raised by it.
struct KeywordReach {
  bool gates = false;       // the keyword raises some gated pattern
  std::uint32_t before = 0;  // bytes after the keyword's start a raised match may end (width + clause before)
  std::uint32_t after = 0;   // bytes before the keyword's start a raised match may start (width + clause after)
};

// A context clause's keywords: ids in order, to walk, and a bitmap, so the scanner's test of each
// keyword hit near a candidate is one bit (it was a binary search per hit, ~10 % of a scan).
struct KeywordIds {
  std::vector<std::uint32_t> ids;
  std::vector<std::uint64_t> bits;
  bool contains(std::uint32_t id) const { return id / 64 < bits.size() && ((bits[id / 64] >> (id % 64)) & 1U) != 0; }
};

struct PatternSet {
  std::vector<RegexPattern> regexes;
  // Parallel to `regexes`: the pattern's rule reports nothing unless one of its keywords is near
  // (base none, no co-occurrence clause, bounded width), so it is matched only around those keywords.
  std::vector<bool> gated;
  std::vector<KeywordReach> keyword_reach;  // by keyword id
  std::vector<std::string> literals;                    // lower case, unique
  std::vector<std::vector<LiteralOwner>> literal_owners;  // parallel to `literals`
  std::vector<std::string> keywords;                    // by keyword id, lower case
  // clause_keywords[rule][clause]: the keyword ids of that context clause
  std::vector<std::vector<KeywordIds>> clause_keywords;
  // The pack's TableRows: sorted keyword ids of the subject headers, and the literal a row borrows.
  std::vector<std::uint32_t> table_subject_keywords;
  std::optional<std::uint32_t> table_row_literal;
};

struct PatternWidth {
  std::uint32_t max;  // longest match in bytes; `cap` when unbounded or longer
  bool unbounded;
  bool capped;        // `max` is the cap, shorter than the longest match
};

// Throws rules::RuleError naming the rule when a pattern is malformed or unbounded without max_length.
// `known_widths` (one per pattern of the pack, in order, from the cache) saves asking Hyperscan for them.
PatternSet build_pattern_set(const rules::RulePack& pack, const std::vector<PatternWidth>* known_widths = nullptr);

class HyperscanDatabases;
class NameIndex;

// The rules whose candidates come from the name finder, by the form each takes.
struct NameRule {
  std::uint32_t rule;
  rules::NameSource::Form form;
};

struct CacheOptions {
  bool enabled = true;
  std::filesystem::path dir;  // empty: the user's cache folder
};

// Everything immutable that scanning needs; shared by all scanners (one per thread).
class CompiledPack {
 public:
  // Compiles the pack (or loads its databases from the cache). Throws rules::RuleError.
  static std::shared_ptr<const CompiledPack> build(rules::RulePack pack, const CacheOptions& cache = {});
  ~CompiledPack();

  const rules::RulePack& pack() const { return pack_; }
  const PatternSet& patterns() const { return patterns_; }
  bool loaded_from_cache() const { return loaded_from_cache_; }
  // Null when no rule detects names.
  const std::shared_ptr<const NameIndex>& name_index() const { return name_index_; }
  const std::vector<NameRule>& name_rules() const { return name_rules_; }
  // A Hyperscan matcher with its own scratch space, for one thread.
  std::unique_ptr<Matcher> make_matcher() const;

 private:
  CompiledPack() = default;
  rules::RulePack pack_;
  PatternSet patterns_;
  std::shared_ptr<const HyperscanDatabases> databases_;
  std::shared_ptr<const NameIndex> name_index_;
  std::vector<NameRule> name_rules_;
  bool loaded_from_cache_ = false;
};

}  // namespace phisentry::scan
