// Policy: validation of every kind of bad document, precedence of sources, and verdicts.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "phisentry/policy/store.h"
#include "phisentry/policy/verdict.h"

using namespace phisentry;
using nlohmann::json;

namespace {

const std::vector<std::string> kCategories{"date", "name", "provider_id", "ssn"};

// The keys of the errors a document gets.
std::vector<std::string> error_keys(const json& document) {
  std::vector<std::string> keys;
  for (const auto& error : policy::validate(document, kCategories)) keys.push_back(error.key);
  return keys;
}

policy::Policy policy_from(const json& document) {
  policy::PolicyStore store(kCategories);
  REQUIRE(store.set_system(document).empty());
  return store.effective();
}

std::filesystem::path write_file(const std::string& name, const std::string& text) {
  const auto file = std::filesystem::temp_directory_path() / ("phisentry-policy-test-" + name);
  std::ofstream(file) << text;
  return file;
}

}  // namespace

TEST_CASE("a valid policy with every key passes; the shipped default policy passes") {
  CHECK(error_keys(policy::default_policy_json()).empty());
  const json full = {
      {"workspaces", {{{"match", "https://clinic.atlassian.net/wiki/*"}, {"covered", true}, {"action", "allow"}, {"label", "BAA 2026-03-01"}}}},
      {"default_action", "block"}, {"warn_at", "high"}, {"allow_override", false}, {"require_justification", true},
      {"justification_min_length", 20}, {"fail_mode", "closed"}, {"allow_not_phi", false},
      {"disabled_categories", {"provider_id"}}, {"allowlist_files", {"/etc/phisentry/allow.list"}},
      {"edm_files", {"/etc/phisentry/patients.edm"}},
      {"audit", {{"sinks", {"file", "syslog"}}, {"syslog_socket", "/run/x.sock"}, {"max_file_bytes", 65536}, {"checkpoint_every", 8}}}};
  CHECK(error_keys(full).empty());
  for (const char* file : {"/../installer/policy/policy.json", "/../extension/schema/examples/two-sites.json",
                           "/../extension/schema/examples/strict-data-center.json"}) {
    CAPTURE(file);
    std::ifstream document(std::string(PHISENTRY_TEST_DATA_DIR) + file);
    CHECK(error_keys(json::parse(document)).empty());
  }
}

TEST_CASE("each invalid case is refused with an error naming the key") {
  using Case = std::pair<json, std::string>;
  const std::vector<Case> cases{
      {json::array(), ""},
      {{{"colour", "blue"}}, "colour"},
      {{{"default_action", 3}}, "default_action"},
      {{{"default_action", "ignore"}}, "default_action"},
      {{{"warn_at", "severe"}}, "warn_at"},
      {{{"allow_override", "yes"}}, "allow_override"},
      {{{"require_justification", 1}}, "require_justification"},
      {{{"justification_min_length", -1}}, "justification_min_length"},
      {{{"justification_min_length", 2.5}}, "justification_min_length"},
      {{{"fail_mode", "maybe"}}, "fail_mode"},
      {{{"disabled_categories", {"npi_typo"}}}, "disabled_categories[0]"},
      {{{"disabled_categories", "ssn"}}, "disabled_categories"},
      {{{"allowlist_files", {""}}}, "allowlist_files[0]"},
      {{{"edm_files", {7}}}, "edm_files[0]"},
      {{{"workspaces", "https://clinic.atlassian.net/*"}}, "workspaces"},
      {{{"workspaces", {"https://clinic.atlassian.net/*"}}}, "workspaces[0]"},
      {{{"workspaces", {{{"match", "https://a.example/*"}}}}}, "workspaces[0].covered"},
      {{{"workspaces", {{{"match", "https://a.example/*"}, {"covered", "true"}}}}}, "workspaces[0].covered"},
      {{{"workspaces", {{{"match", "https://a.example/*"}, {"covered", true}, {"action", "quiet"}}}}}, "workspaces[0].action"},
      {{{"workspaces", {{{"match", "https://a.example/*"}, {"covered", true}, {"label", 5}}}}}, "workspaces[0].label"},
      {{{"workspaces", {{{"match", "https://a.example/*"}, {"covered", true}, {"owner", "it"}}}}}, "workspaces[0].owner"},
      {{{"workspaces", {{{"match", "clinic.atlassian.net/wiki"}, {"covered", true}}}}}, "workspaces[0].match"},
      {{{"workspaces", {{{"match", "ftp://clinic.example/*"}, {"covered", true}}}}}, "workspaces[0].match"},
      {{{"workspaces", {{{"match", "https://clinic.example"}, {"covered", true}}}}}, "workspaces[0].match"},
      {{{"workspaces", {{{"match", "https://cli nic.example/*"}, {"covered", true}}}}}, "workspaces[0].match"},
      {{{"workspaces", {{{"match", "https://clinic.example/wiki?x=1"}, {"covered", true}}}}}, "workspaces[0].match"},
      {{{"workspaces", {{{"match", 42}, {"covered", true}}}}}, "workspaces[0].match"},
      {{{"audit", "file"}}, "audit"},
      {{{"audit", {{"sinks", {"email"}}}}}, "audit.sinks[0]"},
      {{{"audit", {{"rotate", true}}}}, "audit.rotate"},
      {{{"audit", {{"max_file_bytes", 10}}}}, "audit.max_file_bytes"},
      {{{"audit", {{"checkpoint_every", 0}}}}, "audit.checkpoint_every"},
      {{{"audit", {{"file", false}}}}, "audit.file"},
      {{{"require_signed_rules", "yes"}}, "require_signed_rules"},
      {{{"require_signed_rules", 1}}, "require_signed_rules"},
  };
  for (const auto& [document, key] : cases) {
    const std::string shown = document.dump();  // CAPTURE is a lambda: Clang 14 cannot capture a binding
    CAPTURE(shown);
    const auto keys = error_keys(document);
    REQUIRE(keys.size() >= 1);
    CHECK(keys.front() == key);
  }
}

TEST_CASE("a system file that is not JSON is refused and named; a missing file is no policy") {
  policy::PolicyStore store(kCategories);
  const auto errors = store.load_system_file(write_file("broken.json", "{\"default_action\": \"block\",}"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("not valid JSON") != std::string::npos);
  CHECK(store.effective().default_action == policy::Action::warn);
  CHECK_FALSE(store.status()["ok"].get<bool>());
  CHECK(store.status()["errors"][0]["source"] == "system");

  policy::PolicyStore fresh(kCategories);
  CHECK(fresh.load_system_file("/nonexistent/phisentry/policy.json").empty());
  CHECK(fresh.status()["ok"].get<bool>());
}

TEST_CASE("precedence: managed over system over defaults, key by key, with the source of each") {
  policy::PolicyStore store(kCategories);
  REQUIRE(store.load_system_file(write_file("system.json", R"({"default_action":"block","warn_at":"high","fail_mode":"closed"})")).empty());
  REQUIRE(store.set_managed({{"default_action", "warn"}, {"allow_override", false}}).empty());
  const policy::Policy& effective = store.effective();
  CHECK(effective.default_action == policy::Action::warn);  // managed beats system
  CHECK(effective.allow_override == false);                  // managed only
  CHECK(effective.warn_at == rules::Confidence::high);       // system only
  CHECK(effective.fail_mode == policy::FailMode::closed);
  CHECK(effective.require_justification == true);            // default
  const json status = store.status();
  CHECK(status["sources"]["default_action"] == "managed");
  CHECK(status["sources"]["allow_override"] == "managed");
  CHECK(status["sources"]["warn_at"] == "system");
  CHECK(status["sources"]["require_justification"] == "default");
  CHECK(status["policy"]["default_action"] == "warn");

  // A system file cannot loosen what the managed policy sets.
  REQUIRE(store.load_system_file(write_file("looser.json", R"({"allow_override":true,"default_action":"allow"})")).empty());
  CHECK(store.effective().allow_override == false);
  CHECK(store.effective().default_action == policy::Action::warn);

  REQUIRE(store.set_managed(nullptr).empty());  // managed policy withdrawn
  CHECK(store.effective().default_action == policy::Action::allow);
  CHECK(store.status()["sources"]["default_action"] == "system");
}

TEST_CASE("an invalid managed policy leaves the last valid one in force and reports its error") {
  policy::PolicyStore store(kCategories);
  REQUIRE(store.set_managed({{"default_action", "block"}}).empty());
  const auto errors = store.set_managed({{"default_action", "allow"}, {"workspaces", {{{"match", "nope"}, {"covered", true}}}}});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "workspaces[0].match");
  CHECK(store.effective().default_action == policy::Action::block);
  const json status = store.status();
  CHECK_FALSE(status["ok"].get<bool>());
  CHECK(status["errors"][0]["source"] == "managed");
  CHECK(status["errors"][0]["key"] == "workspaces[0].match");

  REQUIRE(store.set_managed({{"default_action", "warn"}}).empty());
  CHECK(store.status()["ok"].get<bool>());
  CHECK(store.effective().default_action == policy::Action::warn);
}

TEST_CASE("require_signed_rules: off by default; while in force the rule pack check decides, and status says why it refuses") {
  policy::PolicyStore store(kCategories);
  CHECK_FALSE(store.effective().require_signed_rules);
  int checks = 0;
  std::optional<std::string> verdict = "the rule pack in use is not signed by a trusted key";
  store.check_rules_with([&] {
    ++checks;
    return verdict;
  });
  CHECK(checks == 0);  // not required: the pack is not even looked at
  CHECK_FALSE(store.rules_refusal().has_value());
  CHECK_FALSE(store.status().contains("rules_refused"));

  REQUIRE(store.set_managed({{"require_signed_rules", true}}).empty());
  CHECK(checks == 1);
  REQUIRE(store.rules_refusal().has_value());
  CHECK(*store.rules_refusal() == *verdict);
  const json status = store.status();
  CHECK(status["rules_refused"] == *verdict);
  CHECK(status["ok"].get<bool>());  // the policy itself is valid; it is the pack that fails it
  CHECK(status["sources"]["require_signed_rules"] == "managed");

  verdict.reset();  // e.g. the administrator installed the key the pack is signed with
  REQUIRE(store.set_managed({{"require_signed_rules", true}, {"default_action", "block"}}).empty());
  CHECK(checks == 2);  // checked again on every change while required
  CHECK_FALSE(store.rules_refusal().has_value());

  verdict = "changed";
  REQUIRE(store.set_managed(nullptr).empty());  // withdrawn: nothing required, nothing refused
  CHECK(checks == 2);
  CHECK_FALSE(store.rules_refusal().has_value());
}

TEST_CASE("require_signed_rules without a rule pack check: no pack counts as verified") {
  policy::PolicyStore store(kCategories);
  REQUIRE(store.set_system({{"require_signed_rules", true}}).empty());
  REQUIRE(store.rules_refusal().has_value());
  CHECK(store.rules_refusal()->find("no rule pack verified") != std::string::npos);
}

TEST_CASE("the system file's require_signed_rules is read before any pack is loaded, by the store's own rules") {
  CHECK(policy::system_file_requires_signed_rules(write_file("signed.json", R"({"require_signed_rules": true})")));
  CHECK_FALSE(policy::system_file_requires_signed_rules(write_file("unsigned.json", R"({"require_signed_rules": false})")));
  CHECK_FALSE(policy::system_file_requires_signed_rules(write_file("silent.json", R"({"default_action": "block"})")));
  CHECK_FALSE(policy::system_file_requires_signed_rules("/nonexistent/phisentry/policy.json"));
  // A file with any error is refused whole, as the host's store refuses it: it asks for nothing.
  CHECK_FALSE(policy::system_file_requires_signed_rules(
      write_file("bad.json", R"({"require_signed_rules": true, "default_action": "ignore"})")));
  // Category names wait for the pack, which is not loaded yet: they cannot veto the requirement.
  CHECK(policy::system_file_requires_signed_rules(
      write_file("categories.json", R"({"require_signed_rules": true, "disabled_categories": ["not_yet_known"]})")));
}

TEST_CASE("audit settings merge member by member over the defaults") {
  const policy::Policy merged = policy_from({{"audit", {{"sinks", {"syslog"}}, {"syslog_socket", "/run/t.sock"}}}});
  CHECK_FALSE(merged.audit.file_sink);
  CHECK(merged.audit.syslog_sink);
  CHECK(merged.audit.syslog_socket == "/run/t.sock");
  CHECK(merged.audit.checkpoint_every == 64);
}

TEST_CASE("URL patterns: schemes, wildcard hosts, paths, case and ports") {
  std::string error;
  const auto wiki = policy::UrlPattern::parse("https://Clinic.atlassian.net/wiki/*", error);
  REQUIRE(wiki);
  CHECK(wiki->matches("https://clinic.atlassian.net/wiki/spaces/OPS/pages/1?focus=2#x"));
  CHECK_FALSE(wiki->matches("http://clinic.atlassian.net/wiki/spaces/OPS"));
  CHECK_FALSE(wiki->matches("https://clinic.atlassian.net/browse/OPS-1"));
  CHECK_FALSE(wiki->matches("https://evilclinic.atlassian.net/wiki/x"));
  CHECK_FALSE(wiki->matches("https://clinic.atlassian.net.evil.example/wiki/x"));
  const auto any = policy::UrlPattern::parse("*://*.clinic.example/*", error);
  REQUIRE(any);
  CHECK(any->matches("http://wiki.clinic.example:8090/display/OPS"));
  CHECK(any->matches("https://clinic.example/"));
  CHECK_FALSE(any->matches("https://notclinic.example/"));
  CHECK(policy::glob_matches("/wiki/spaces/*/pages/*", "/wiki/spaces/HR/pages/12"));
  CHECK_FALSE(policy::glob_matches("/wiki/spaces/*/pages/*", "/wiki/spaces/HR/blog/12"));
}

TEST_CASE("workspace recognition: Confluence and Jira Cloud by URL, Data Center by the reported product") {
  auto confluence = policy::recognise_workspace("https://clinic.atlassian.net/wiki/spaces/OPS/pages/1");
  CHECK(confluence.id == "https://clinic.atlassian.net/wiki");
  CHECK(confluence.product == "confluence");
  auto jira = policy::recognise_workspace("https://clinic.atlassian.net/browse/OPS-12");
  CHECK(jira.id == "https://clinic.atlassian.net/jira");
  CHECK(jira.product == "jira");
  CHECK(policy::recognise_workspace("https://clinic.atlassian.net/jira/software/projects/OPS/boards/1").product == "jira");
  auto dc = policy::recognise_workspace("https://wiki.clinic.example:8443/display/OPS/Huddle", "confluence");
  CHECK(dc.id == "https://wiki.clinic.example:8443");
  CHECK(dc.product == "confluence");
  CHECK(dc.host == "wiki.clinic.example");
  CHECK_FALSE(policy::recognise_workspace("https://wiki.clinic.example/display/OPS", "wordpress").product);
  CHECK(policy::recognise_workspace("not a url").id.empty());
}

TEST_CASE("verdicts: covered, uncovered, path-narrowed and unlisted workspaces") {
  const policy::Policy policy = policy_from({
      {"default_action", "warn"},
      {"workspaces",
       {{{"match", "https://covered.atlassian.net/wiki/*"}, {"covered", true}, {"label", "BAA signed 2026-03-01, HIPAA-tagged"}},
        {{"match", "https://covered.atlassian.net/wiki/spaces/PUBLIC/*"}, {"covered", false}, {"action", "block"}, {"label", "public space"}},
        {{"match", "https://free.atlassian.net/*"}, {"covered", false}, {"action", "block"}, {"label", "Free plan: no BAA"}}}}});
  SUBCASE("covered") {
    const auto verdict = policy::decide(policy, "https://covered.atlassian.net/wiki/spaces/OPS/pages/1");
    CHECK(verdict.covered);
    CHECK(verdict.action == policy::Action::allow);
    const json shown = policy::to_json(verdict);
    CHECK(shown["matched_entry"]["label"] == "BAA signed 2026-03-01, HIPAA-tagged");
    CHECK(shown["workspace"] == "https://covered.atlassian.net/wiki");
    CHECK(shown["product"] == "confluence");
  }
  SUBCASE("path-narrowed: the more specific entry decides") {
    const auto verdict = policy::decide(policy, "https://covered.atlassian.net/wiki/spaces/PUBLIC/pages/7");
    CHECK_FALSE(verdict.covered);
    CHECK(verdict.action == policy::Action::block);
    CHECK(policy::to_json(verdict)["matched_entry"]["match"] == "https://covered.atlassian.net/wiki/spaces/PUBLIC/*");
  }
  SUBCASE("uncovered") {
    const auto verdict = policy::decide(policy, "https://free.atlassian.net/browse/OPS-1");
    CHECK_FALSE(verdict.covered);
    CHECK(verdict.action == policy::Action::block);
    CHECK(policy::to_json(verdict)["product"] == "jira");
  }
  SUBCASE("unlisted: not covered, default action, no entry") {
    const auto verdict = policy::decide(policy, "https://other.atlassian.net/wiki/spaces/X");
    CHECK_FALSE(verdict.covered);
    CHECK(verdict.action == policy::Action::warn);
    CHECK(policy::to_json(verdict)["matched_entry"].is_null());
  }
  SUBCASE("an entry without an action: covered is quiet, uncovered follows default_action") {
    const policy::Policy implicit = policy_from({{"default_action", "block"},
                                                 {"workspaces", {{{"match", "https://a.example/*"}, {"covered", true}},
                                                                 {{"match", "https://b.example/*"}, {"covered", false}}}}});
    CHECK(policy::decide(implicit, "https://a.example/x").action == policy::Action::allow);
    CHECK(policy::decide(implicit, "https://b.example/x").action == policy::Action::block);
  }
}
