#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "phisentry/rules/rule.h"
#include "phisentry/scan/pack_check.h"

using namespace phisentry;
namespace fs = std::filesystem;

namespace {

// A pack in a fresh temporary folder holding the given rule file.
class TempPack {
 public:
  explicit TempPack(const std::string& rules_json) {
    dir_ = fs::temp_directory_path() / ("phisentry-pack-" + std::to_string(++counter_) + "-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "family.json") << rules_json;
  }
  ~TempPack() { fs::remove_all(dir_); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
  static inline int counter_ = 0;
};

std::string rule_file(const std::string& rule_members) {
  return R"({"family":"t","rules":[{"id":"t.one","name":"Test","hipaa":"G","category":"ssn","base":"high",)"
         R"("why":"test","examples":[{"text":"id 123","match":"123"}],"negative_examples":["none here"],)" +
         rule_members + "}]}";
}

std::string problems_of(const fs::path& dir) {
  try {
    rules::load_pack(dir);
  } catch (const rules::RuleError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the shipped pack loads, hashes its content and proves every example") {
  const auto report = scan::check_pack(PHISENTRY_TEST_RULES_DIR);
  for (const auto& problem : report.problems) MESSAGE(problem);
  CHECK(report.ok());
  CHECK(report.rules >= 14);
  CHECK(report.examples >= report.rules);
}

TEST_CASE("a good minimal rule file loads") {
  TempPack pack(rule_file(R"("patterns":["\\b\\d{3}\\b"])"));
  const rules::RulePack loaded = rules::load_pack(pack.dir());
  REQUIRE(loaded.rules.size() == 1);
  CHECK(loaded.hash.starts_with("blake2b-256:"));
  CHECK(scan::check_pack(pack.dir()).ok());
}

TEST_CASE("each kind of bad rule is reported with its file, rule id and reason") {
  SUBCASE("not JSON") {
    TempPack pack("{oops");
    CHECK(problems_of(pack.dir()).find("family.json: not valid JSON") != std::string::npos);
  }
  SUBCASE("unknown key (a typo)") {
    TempPack pack(rule_file(R"("patterns":["\\d{3}"],"negative_example":["x"])"));
    CHECK(problems_of(pack.dir()).find("family.json: rule 't.one': unknown key 'negative_example'") != std::string::npos);
  }
  SUBCASE("both patterns and a dictionary") {
    TempPack pack(rule_file(R"("patterns":["\\d{3}"],"dictionary":"x.txt")"));
    CHECK(problems_of(pack.dir()).find("exactly one of 'patterns', 'dictionary' and 'names'") != std::string::npos);
  }
  SUBCASE("unknown validator") {
    TempPack pack(rule_file(R"("patterns":["\\d{3}"],"validator":"astrology")"));
    CHECK(problems_of(pack.dir()).find("unknown validator 'astrology'") != std::string::npos);
  }
  SUBCASE("bad HIPAA letter and category") {
    TempPack pack(R"({"rules":[{"id":"t.x","name":"T","hipaa":"Z","category":"horoscope","base":"high","why":"w",)"
                  R"("patterns":["a"],"examples":[{"text":"a","match":"a"}],"negative_examples":["b"]}]})");
    const std::string problems = problems_of(pack.dir());
    CHECK(problems.find("'hipaa' must be one Safe Harbor letter") != std::string::npos);
    CHECK(problems.find("unknown category 'horoscope'") != std::string::npos);
  }
  SUBCASE("a dictionary outside the pack") {
    TempPack pack(rule_file(R"("dictionary":"../../etc/passwd")"));
    CHECK(problems_of(pack.dir()).find("is outside the pack") != std::string::npos);
  }
  SUBCASE("an example whose match is not in its text") {
    TempPack pack(R"({"rules":[{"id":"t.x","name":"T","hipaa":"G","category":"ssn","base":"high","why":"w",)"
                  R"("patterns":["a"],"examples":[{"text":"abc","match":"zzz"}],"negative_examples":["b"]}]})");
    CHECK(problems_of(pack.dir()).find("example match does not occur in its text") != std::string::npos);
  }
}

TEST_CASE("rules check reports patterns that do not compile, unbounded widths and failing examples") {
  SUBCASE("a back-reference, which Hyperscan does not support") {
    TempPack pack(rule_file(R"("patterns":["(\\d)\\1"])"));
    const auto report = scan::check_pack(pack.dir());
    REQUIRE_FALSE(report.ok());
    CHECK(report.problems[0].find("rule 't.one': pattern /(\\d)\\1/") != std::string::npos);
  }
  SUBCASE("an unbounded pattern without max_length") {
    TempPack pack(rule_file(R"("patterns":["\\d+"])"));
    const auto report = scan::check_pack(pack.dir());
    REQUIRE_FALSE(report.ok());
    CHECK(report.problems[0].find("set 'max_length'") != std::string::npos);
  }
  SUBCASE("an example that is not found and a negative that is") {
    TempPack pack(rule_file(R"("patterns":["\\b\\d{4}\\b"])"));
    std::ofstream(pack.dir() / "family.json") << R"({"rules":[{"id":"t.one","name":"T","hipaa":"G","category":"ssn",)"
        R"("base":"high","why":"w","patterns":["\\b\\d{4}\\b"],"examples":[{"text":"id 123","match":"123"}],)"
        R"("negative_examples":["pin 4321"]}]})";
    const auto report = scan::check_pack(pack.dir());
    REQUIRE(report.problems.size() == 2);
    CHECK(report.problems[0].find("example 1: expected t.one@3-6, found nothing") != std::string::npos);
    CHECK(report.problems[1].find("negative example 1 is reported") != std::string::npos);
  }
}

TEST_CASE("the pack hash changes with any rule or dictionary byte and ignores documentation") {
  TempPack pack(rule_file(R"("patterns":["\\b\\d{3}\\b"])"));
  const std::string before = rules::hash_pack_files(pack.dir());
  std::ofstream(pack.dir() / "README.md") << "docs";
  CHECK(rules::hash_pack_files(pack.dir()) == before);
  fs::create_directories(pack.dir() / "dictionaries");
  std::ofstream(pack.dir() / "dictionaries" / "names.txt") << "Ada\n";
  CHECK(rules::hash_pack_files(pack.dir()) != before);
}

namespace {
// A pack with one names rule over three small dictionaries (`last` as given).
std::unique_ptr<TempPack> names_pack(const std::string& last_names) {
  auto pack = std::make_unique<TempPack>(
      R"({"family":"t","rules":[{"id":"t.names","name":"Name","hipaa":"A","category":"name","base":"high",)"
      R"("names":{"first":"first.txt","last":"last.txt","common_words":"common.txt","form":"full"},)"
      R"("why":"test","examples":[{"text":"Pt Maria Delgado","match":"Maria Delgado"}],"negative_examples":["none"]}]})");
  std::ofstream(pack->dir() / "first.txt") << "# first names\nMaria\nJuan\n";
  std::ofstream(pack->dir() / "last.txt") << last_names;
  std::ofstream(pack->dir() / "common.txt") << "Will\n";
  return pack;
}

const rules::NameSource& names_of(const rules::RulePack& pack) { return *pack.rules.at(0).names; }
}  // namespace

TEST_CASE("name dictionaries loaded deferred are read only when asked, with the same entries") {
  const auto temp = names_pack("Delgado\nOkafor\n");
  const rules::RulePack now = rules::load_pack(temp->dir());
  rules::RulePack deferred = rules::load_pack(temp->dir(), rules::DictionaryLoading::deferred);
  CHECK(deferred.hash == now.hash);
  rules::NameSource names = names_of(deferred);
  CHECK(names.first_entries == nullptr);
  CHECK(names.last_entries == nullptr);
  CHECK(names.common_word_entries == nullptr);
  rules::read_name_dictionaries(deferred.dir, names);
  REQUIRE(names.first_entries != nullptr);
  CHECK(*names.first_entries == *names_of(now).first_entries);
  CHECK(*names.last_entries == std::vector<std::string>{"Delgado", "Okafor"});
  CHECK(*names.common_word_entries == std::vector<std::string>{"Will"});
}

TEST_CASE("a deferred name dictionary is still checked to exist at load, and for entries when read") {
  const auto missing = names_pack("Delgado\n");
  fs::remove(missing->dir() / "last.txt");
  try {
    rules::load_pack(missing->dir(), rules::DictionaryLoading::deferred);
    FAIL("a missing dictionary must be refused");
  } catch (const rules::RuleError& e) {
    CHECK(std::string(e.what()).find("last.txt") != std::string::npos);
  }

  const auto empty = names_pack("# only a comment\n");
  rules::RulePack pack = rules::load_pack(empty->dir(), rules::DictionaryLoading::deferred);
  rules::NameSource names = names_of(pack);
  try {
    rules::read_name_dictionaries(pack.dir, names);
    FAIL("an empty dictionary must be refused when read");
  } catch (const rules::RuleError& e) {
    CHECK(std::string(e.what()).find("has no entries") != std::string::npos);
  }
}
