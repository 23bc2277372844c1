#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "phisentry/scan/compiled_pack.h"
#include "phisentry/scan/database_cache.h"
#include "phisentry/scan/scanner.h"
#include "phisentry/text/utf8.h"
#include "test_support.h"

using namespace phisentry;
namespace fs = std::filesystem;

namespace {

struct CacheDir {
  fs::path path = fs::temp_directory_path() / ("phisentry-test-cache-" + std::to_string(::getpid()));
  CacheDir() { fs::remove_all(path); }
  ~CacheDir() { fs::remove_all(path); }
};

void check_same_widths(const scan::PatternSet& a, const scan::PatternSet& b) {
  REQUIRE(a.regexes.size() == b.regexes.size());
  for (std::size_t i = 0; i < a.regexes.size(); ++i) {
    CAPTURE(a.regexes[i].expression);
    CHECK(a.regexes[i].max_width == b.regexes[i].max_width);
    CHECK(a.regexes[i].unbounded == b.regexes[i].unbounded);
    CHECK(a.regexes[i].capped == b.regexes[i].capped);
  }
}

}  // namespace

TEST_CASE("pattern widths come from the cache after the first start and equal Hyperscan's") {
  const auto computed = testing::shipped_pack();  // compiled without a cache
  CacheDir dir;
  const auto first = scan::CompiledPack::build(rules::load_pack(PHISENTRY_TEST_RULES_DIR), {true, dir.path});
  CHECK_FALSE(first->loaded_from_cache());
  const fs::path widths = scan::DatabaseCache(dir.path, first->pack().hash + "/widths").path();
  REQUIRE(fs::exists(widths));
  const auto second = scan::CompiledPack::build(rules::load_pack(PHISENTRY_TEST_RULES_DIR), {true, dir.path});
  CHECK(second->loaded_from_cache());
  check_same_widths(computed->patterns(), first->patterns());
  check_same_widths(computed->patterns(), second->patterns());
  CHECK(std::any_of(second->patterns().regexes.begin(), second->patterns().regexes.end(),
                    [](const scan::RegexPattern& p) { return p.capped; }));

  SUBCASE("a damaged widths file is ignored: the widths are asked of Hyperscan again") {
    std::ofstream(widths, std::ios::trunc) << "12 0 0\nnot a number\n";
    const auto third = scan::CompiledPack::build(rules::load_pack(PHISENTRY_TEST_RULES_DIR), {true, dir.path});
    check_same_widths(computed->patterns(), third->patterns());
  }
  SUBCASE("a widths file for fewer patterns is ignored") {
    std::ofstream(widths, std::ios::trunc) << "12 0 0\n";
    const auto third = scan::CompiledPack::build(rules::load_pack(PHISENTRY_TEST_RULES_DIR), {true, dir.path});
    check_same_widths(computed->patterns(), third->patterns());
  }
}

TEST_CASE("a pack loaded with its name dictionaries deferred finds the same names, built or from the cache") {
  const std::string text = "Pt Maria Delgado (DOB 03/04/1961) was seen by Mr. Okafor's daughter.";
  scan::Scanner reference(testing::shipped_pack());
  const auto expected = reference.scan(text::Utf8Text::from_valid(text)).findings;
  REQUIRE_FALSE(expected.empty());
  CacheDir dir;
  for (const bool from_cache : {false, true}) {
    CAPTURE(from_cache);
    const auto compiled = scan::CompiledPack::build(
        rules::load_pack(PHISENTRY_TEST_RULES_DIR, rules::DictionaryLoading::deferred), {true, dir.path});
    CHECK(compiled->loaded_from_cache() == from_cache);
    scan::Scanner scanner(compiled);
    const auto found = scanner.scan(text::Utf8Text::from_valid(text)).findings;
    REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].rule == expected[i].rule);
      CHECK(found[i].start == expected[i].start);
      CHECK(found[i].end == expected[i].end);
    }
  }
}

// Start-of-match databases are read from the cache file on first use, and each scanner grows its own
// scratch for them: two scanners of one cached pack, scanning in turn, find what a compiled pack finds.
TEST_CASE("a pack from the cache reads its start-of-match databases on first use and finds the same") {
  const auto compiled = testing::shipped_pack();
  std::string text;
  for (const rules::Rule& rule : compiled->pack().rules) {
    for (const rules::Example& example : rule.examples) text += example.text + "\n\n";
  }
  scan::Scanner reference(compiled);
  const auto expected = reference.scan(text::Utf8Text::from_valid(text)).findings;
  REQUIRE(expected.size() > 100);
  CacheDir dir;
  scan::CompiledPack::build(rules::load_pack(PHISENTRY_TEST_RULES_DIR), {true, dir.path});
  const auto cached = scan::CompiledPack::build(rules::load_pack(PHISENTRY_TEST_RULES_DIR), {true, dir.path});
  REQUIRE(cached->loaded_from_cache());
  scan::Scanner first(cached);
  scan::Scanner second(cached);
  const std::string_view half = std::string_view(text).substr(0, text.find("\n\n", text.size() / 2) + 2);
  first.scan(text::Utf8Text::from_valid(std::string(half)));  // reads some databases, grows its scratch
  for (scan::Scanner* scanner : {&second, &first}) {
    const auto found = scanner->scan(text::Utf8Text::from_valid(text)).findings;
    REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].rule == expected[i].rule);
      CHECK(found[i].start == expected[i].start);
      CHECK(found[i].end == expected[i].end);
    }
  }
}
