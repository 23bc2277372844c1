// A finding names its rule in plain language and carries the rule's placeholder, so the extension's
// explanations and "Replace with placeholder" follow the rule pack (host/PROTOCOL.md "A finding").

#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "phisentry/protocol/reply.h"
#include "phisentry/protocol/server.h"
#include "test_support.h"

using namespace phisentry;
using nlohmann::json;

namespace {

const rules::Rule& rule_by_id(const rules::RulePack& pack, const std::string& id) {
  const auto found = std::ranges::find(pack.rules, id, &rules::Rule::id);
  REQUIRE(found != pack.rules.end());
  return *found;
}

}  // namespace

TEST_CASE("each finding in a scan reply carries its rule's name and placeholder, never the matched text") {
  const auto pack = testing::shipped_pack();
  protocol::Server server(pack, {});
  // Synthetic: the SSN passes the SSA checks by construction, 555-01xx numbers are fictional.
  const std::string text = "Patient DOB: 03/14/1961. SSN 512-44-6789. Call the patient at (503) 555-0142.";
  const std::string raw = server.handle(json{{"type", "scan"}, {"id", 1}, {"text", text}}.dump());
  const json reply = json::parse(raw);
  REQUIRE(reply["findings"].size() == 3);
  for (const json& finding : reply["findings"]) {
    const rules::Rule& rule = rule_by_id(pack->pack(), finding["rule"].get<std::string>());
    CAPTURE(rule.id);
    CHECK(finding["name"] == rule.name);
    CHECK(finding["placeholder"] == rule.placeholder);
  }
  CHECK(reply["findings"][0]["name"] == "Date of birth");
  CHECK(reply["findings"][0]["placeholder"] == "[DATE OF BIRTH]");
  CHECK(reply["findings"][1]["name"] == "Social Security number");
  CHECK(reply["findings"][1]["placeholder"] == "[SSN]");
  CHECK(reply["findings"][2]["placeholder"] == "[PHONE]");
  for (const char* value : {"03/14/1961", "512-44-6789", "555-0142"}) {
    CHECK(raw.find(value) == std::string::npos);
  }
}

TEST_CASE("a rule without a placeholder sends none, so the extension falls back to its own") {
  rules::Rule rule;
  rule.id = "test.no_placeholder";
  rule.name = "Test identifier";
  rule.category = "other";
  const scan::Finding finding{4, 9, 0, rules::Confidence::medium, "context \"id\""};
  const json out = protocol::finding_json(finding, 4, 9, rule);
  CHECK(out["name"] == "Test identifier");
  CHECK_FALSE(out.contains("placeholder"));
  CHECK(out["start"] == 4);
  CHECK(out["end"] == 9);
}
