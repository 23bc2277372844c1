#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "phisentry/scan/hyperscan_matcher.h"
#include "phisentry/scan/reference_matcher.h"
#include "test_support.h"

using namespace phisentry;

namespace {

// Look-alikes packed tightly (runs of digits and capitals, separators, keywords), so the start-of-match
// windows of one pattern's ends overlap and merge, and a few far apart, so some stand alone.
std::string crowded_text(std::mt19937& rng) {
  static const std::vector<std::string> kPieces{
      "123", "4567", "89", "0", "-", "/", ".", " ", " ", "  ", ":", "#", "(", ")", "AB", "X7", "MK73", "1EG4",
      "ssn", "dob", "mrn", "id", "member", "fax", "plate", "serial", "acct", "@", "mail.example.org", "https://",
      "ehr.example.org/patients/", "?id=", "\xC3\xA9", "Mar", "1961", "03", "555", "0142", "\n"};
  std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
  std::string text;
  for (int cluster = 0; cluster < 6; ++cluster) {
    for (int i = 0; i < 60; ++i) text += kPieces[pick(rng)];
    text += " and the rest of the sentence runs on without any digits at all. ";
  }
  return text;
}

std::vector<scan::RegexHit> every_end(scan::Matcher& matcher, const std::string& text) {
  scan::Hits hits;
  matcher.find(text, hits);
  std::sort(hits.regex.begin(), hits.regex.end());
  hits.regex.erase(std::unique(hits.regex.begin(), hits.regex.end()), hits.regex.end());
  return hits.regex;
}

}  // namespace

TEST_CASE("the start search over merged windows finds what a search per end and the reference find") {
  const auto compiled = testing::shipped_pack();
  const auto databases = scan::HyperscanDatabases::compile(compiled->patterns(), compiled->pack());
  scan::HyperscanMatcher fast(databases, compiled->patterns());
  fast.match_gated_everywhere(true);
  scan::ReferenceMatcher reference(compiled->patterns());
  std::size_t ends_checked = 0;
  std::size_t shared_windows = 0;  // ends whose window overlaps the previous end's of the same pattern
  for (unsigned seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    const std::string text = crowded_text(rng);
    const std::vector<scan::RegexHit> ends = every_end(fast, text);
    const std::vector<std::uint32_t> batch = [&] {
      const auto starts = fast.leftmost_starts(text, ends);
      return std::vector<std::uint32_t>(starts.begin(), starts.end());
    }();
    REQUIRE(batch.size() == ends.size());
    for (std::size_t i = 0; i < ends.size(); ++i) {
      CAPTURE(compiled->patterns().regexes[ends[i].pattern].expression);
      CAPTURE(ends[i].end);
      const auto one = fast.leftmost_start(ends[i].pattern, text, ends[i].end);
      const auto expected = reference.leftmost_start(ends[i].pattern, text, ends[i].end);
      CHECK(batch[i] == one.value_or(scan::Matcher::kNoStart));
      CHECK(batch[i] == expected.value_or(scan::Matcher::kNoStart));
      const std::uint32_t width = compiled->patterns().regexes[ends[i].pattern].max_width;
      if (i > 0 && ends[i - 1].pattern == ends[i].pattern && ends[i].end <= ends[i - 1].end + width + 2) {
        ++shared_windows;
      }
    }
    ends_checked += ends.size();
  }
  CHECK(ends_checked > 1000);   // every kind of pattern ends somewhere in the text
  CHECK(shared_windows > 200);  // and many windows really merge
}

TEST_CASE("the start search answers an empty request and a request for a single end") {
  const auto compiled = testing::shipped_pack();
  auto matcher = compiled->make_matcher();
  CHECK(matcher->leftmost_starts("SSN 512-44-6789", {}).empty());
  const std::string text = "SSN 512-44-6789";
  const std::vector<scan::RegexHit> ends = every_end(*matcher, text);
  REQUIRE_FALSE(ends.empty());
  for (const scan::RegexHit& end : ends) {
    const auto starts = matcher->leftmost_starts(text, std::span(&end, 1));
    REQUIRE(starts.size() == 1);
    CHECK(starts[0] == matcher->leftmost_start(end.pattern, text, end.end).value_or(scan::Matcher::kNoStart));
  }
}
