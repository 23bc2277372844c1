#pragma once
// The matching stage behind an interface: Hyperscan in production, a slow and obviously correct
// PCRE2-based reference beside it, so differential tests can compare the two on generated text.

#include <cstdint>
#include <climits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace phisentry::scan {

// A regex pattern ended at `end` (a byte offset); its start is found later, only if needed.
struct RegexHit {
  std::uint32_t pattern;
  std::uint32_t end;
  friend bool operator==(const RegexHit&, const RegexHit&) = default;
  friend auto operator<=>(const RegexHit&, const RegexHit&) = default;
};

// A literal (dictionary entry or context keyword) stood as a whole word at [start, end).
struct LiteralHit {
  std::uint32_t literal;
  std::uint32_t start;
  std::uint32_t end;
  // Nonzero for a keyword lent by a table header to one cell or row, [start, cell_end): it speaks
  // only about what is inside, not about the cells or lines next to it.
  std::uint32_t cell_end = 0;
  friend bool operator==(const LiteralHit&, const LiteralHit&) = default;
  friend auto operator<=>(const LiteralHit&, const LiteralHit&) = default;
};

struct Hits {
  std::vector<RegexHit> regex;
  std::vector<LiteralHit> literals;
  bool overflow = false;  // the hit limit was reached; later text was not matched

  void clear() {
    regex.clear();
    literals.clear();
    overflow = false;
  }
  std::size_t size() const { return regex.size() + literals.size(); }
};

// More hits than this in one text means the text is hostile (every rule matching at every offset);
// matching stops there instead of growing memory without bound.
inline constexpr std::size_t kMaxHitsPerScan = 2'000'000;

class Matcher {
 public:
  virtual ~Matcher() = default;
  // Appends every whole-word literal occurrence in `text`, then every (pattern, end) of the regex set.
  void find(std::string_view text, Hits& hits) {
    find_literals(text, hits);
    if (!hits.overflow) find_patterns(text, hits);
  }
  // The two halves of find(), for a caller that adds keyword hits of its own in between (a table
  // header's keywords lent to the cells below it) which context-gated patterns must see.
  virtual void find_literals(std::string_view text, Hits& hits) = 0;
  virtual void find_patterns(std::string_view text, Hits& hits) = 0;
  // The leftmost start of a match of `pattern` that ends exactly at `end`, if there is one.
  virtual std::optional<std::uint32_t> leftmost_start(std::uint32_t pattern, std::string_view text,
                                                      std::uint32_t end) = 0;
  // leftmost_start for each of `ends` (sorted by pattern, then end): kNoStart where there is none.
  // The result stays valid until the next call. A matcher may search many ends at once.
  virtual std::span<const std::uint32_t> leftmost_starts(std::string_view text, std::span<const RegexHit> ends) {
    starts_.clear();
    for (const RegexHit& hit : ends) starts_.push_back(leftmost_start(hit.pattern, text, hit.end).value_or(kNoStart));
    return starts_;
  }
  // A matcher may skip context-gated patterns (PatternSet::gated) away from their keywords, since the
  // scanner drops those matches anyway; call with true when something else can raise them (an
  // exact-data-match list) so that every match is reported.
  virtual void match_gated_everywhere(bool /*everywhere*/) {}

  static constexpr std::uint32_t kNoStart = UINT32_MAX;

 protected:
  std::vector<std::uint32_t> starts_;  // leftmost_starts' result, reused across scans
};

// ASCII letters, digits, '_' and every byte of a non-ASCII code point count as word characters, so a
// dictionary entry "Jos" never matches inside "José".
inline bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b >= 0x80;
}

// A literal counts only as a whole word: no word character may touch an end that is itself a word
// character ("ss#" may be followed by a digit; "dob" may not be followed by a letter).
inline bool is_whole_word(std::string_view text, std::size_t start, std::size_t end) {
  if (start >= end) return false;
  if (start > 0 && is_word_byte(text[start]) && is_word_byte(text[start - 1])) return false;
  if (end < text.size() && is_word_byte(text[end - 1]) && is_word_byte(text[end])) return false;
  return true;
}

}  // namespace phisentry::scan
