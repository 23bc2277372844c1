#pragma once
// The reference matcher: slow and obviously correct. For every start offset it asks PCRE2's DFA
// matcher for every match anchored there, and it finds literals with a plain substring search. It
// exists for differential tests against the Hyperscan matcher, never for production scanning.

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>

#include "phisentry/scan/compiled_pack.h"

namespace phisentry::scan {

class ReferenceMatcher final : public Matcher {
 public:
  explicit ReferenceMatcher(const PatternSet& patterns);
  ~ReferenceMatcher() override;
  ReferenceMatcher(const ReferenceMatcher&) = delete;
  ReferenceMatcher& operator=(const ReferenceMatcher&) = delete;

  void find_literals(std::string_view text, Hits& hits) override;
  void find_patterns(std::string_view text, Hits& hits) override;
  std::optional<std::uint32_t> leftmost_start(std::uint32_t pattern, std::string_view text,
                                              std::uint32_t end) override;

 private:
  // Every end offset of a match of `pattern` anchored at `start`.
  std::vector<std::uint32_t> ends_from(std::uint32_t pattern, std::string_view text, std::size_t start);

  const PatternSet& patterns_;
  std::vector<pcre2_code*> codes_;
  pcre2_match_data* match_data_ = nullptr;
  std::vector<int> workspace_;
};

}  // namespace phisentry::scan
