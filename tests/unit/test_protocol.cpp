#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "phisentry/protocol/server.h"
#include "test_support.h"

using namespace phisentry;
using nlohmann::json;

namespace {

json ask(protocol::Server& server, std::string_view payload) { return json::parse(server.handle(std::string(payload))); }

void check_error(const json& reply, const char* code) {
  CHECK(reply["type"] == "error");
  CHECK(reply["code"] == code);
  CHECK(reply["message"].is_string());
}

}  // namespace

TEST_CASE("hello reports versions, the pack's hash, limits and capabilities") {
  protocol::Server server(testing::shipped_pack(), {});
  const json reply = ask(server, R"({"type":"hello","id":1})");
  CHECK(reply["type"] == "hello");
  CHECK(reply["id"] == 1);
  CHECK(reply["protocol"] == 1);
  CHECK(reply["rules"]["hash"].get<std::string>().starts_with("blake2b-256:"));
  CHECK(reply["rules"]["rule_count"].get<int>() > 10);
  CHECK(reply["limits"]["max_reply_bytes"] == 1048576);
  CHECK(reply["capabilities"] == json::array({"hello", "ping", "scan", "policy", "audit"}));
}

TEST_CASE("ping answers pong with the caller's id, whatever its JSON type") {
  protocol::Server server(testing::shipped_pack(), {});
  CHECK(ask(server, R"({"type":"ping","id":"p-7"})") == json{{"type", "pong"}, {"id", "p-7"}});
  CHECK(ask(server, R"({"type":"ping","id":3.5})")["id"] == 3.5);
  CHECK(ask(server, R"({"type":"ping"})")["id"].is_null());
}

TEST_CASE("a scan returns findings at UTF-16 offsets, counts by category, and never the matched text") {
  protocol::Server server(testing::shipped_pack(), {});
  // "José 😀" puts a 2-byte and a 4-byte character before the identifiers.
  const std::string text = "Jos\xC3\xA9 \xF0\x9F\x98\x80 DOB 03/04/1961, SSN 512-44-6789.";
  const json request{{"type", "scan"}, {"id", 42}, {"url", "https://clinic.atlassian.net/wiki/x"}, {"text", text}};
  const std::string raw = server.handle(request.dump());
  const json reply = json::parse(raw);
  CHECK(reply["type"] == "result");
  CHECK(reply["id"] == 42);
  CHECK(reply["truncated"] == false);
  REQUIRE(reply["findings"].size() == 2);
  // In UTF-16: "José " is 5 units, the emoji 2, then " DOB " 5: the date starts at 12.
  CHECK(reply["findings"][0]["start"] == 12);
  CHECK(reply["findings"][0]["end"] == 22);
  CHECK(reply["findings"][0]["hipaa"] == "C");
  CHECK(reply["findings"][0]["confidence"] == "high");
  CHECK(reply["findings"][1]["start"] == 28);
  CHECK(reply["findings"][1]["end"] == 39);
  CHECK(reply["findings"][1]["rule"] == "ssn.formatted");
  CHECK(reply["counts"] == json{{"date", 1}, {"ssn", 1}});
  CHECK(reply["elapsed_us"].is_number_integer());
  CHECK(raw.find("512-44-6789") == std::string::npos);
  CHECK(raw.find("03/04/1961") == std::string::npos);
}

TEST_CASE("every malformed request gets its typed error and the server keeps serving") {
  protocol::Server server(testing::shipped_pack(), {});
  check_error(ask(server, ""), "invalid_json");
  check_error(ask(server, "{not json"), "invalid_json");
  check_error(ask(server, "{\"type\":\"scan\",\"id\":1,\"text\":\"\xFF\"}"), "invalid_utf8");
  check_error(ask(server, R"({"type":"scan","id":1,"text":"\ud800"})"), "invalid_json");  // lone surrogate
  check_error(ask(server, std::string(100000, '[') + std::string(100000, ']')), "invalid_json");
  check_error(ask(server, R"([1,2,3])"), "bad_message");
  check_error(ask(server, R"({"id":1})"), "bad_message");
  check_error(ask(server, R"({"type":5,"id":1})"), "bad_message");
  check_error(ask(server, R"({"type":"scan","id":1})"), "bad_message");
  check_error(ask(server, R"({"type":"scan","id":1,"text":7})"), "bad_message");
  check_error(ask(server, R"({"type":"scan","id":1,"text":"a","url":[]})"), "bad_message");
  check_error(ask(server, R"({"type":"scan","id":{"x":1},"text":"a"})"), "bad_message");
  check_error(ask(server, R"({"type":"scan","id":1,"text":"a","text":"b"})"), "bad_message");
  check_error(ask(server, R"({"type":"launch_missiles","id":1})"), "unknown_type");
  // A number past double range is refused; a huge integer becomes a double and is echoed.
  check_error(ask(server, R"({"type":"ping","id":1e999})"), "invalid_json");
  CHECK(ask(server, R"({"type":"ping","id":123456789012345678901234567890})")["type"] == "pong");
  CHECK(ask(server, R"({"type":"ping","id":"after all that"})")["type"] == "pong");
}

TEST_CASE("an error message never quotes the request") {
  protocol::Server server(testing::shipped_pack(), {});
  const std::string reply = server.handle(R"({"type":"scan","id":1,"text":"SSN 512-44-6789" trailing})");
  CHECK(json::parse(reply)["code"] == "invalid_json");
  CHECK(reply.find("512-44-6789") == std::string::npos);
}

TEST_CASE("findings past the reply limit are cut, flagged as truncated, and still counted") {
  protocol::ServerOptions options;
  options.max_reply_bytes = 2000;  // the real limit is 1 MiB; the mechanism is the same
  protocol::Server server(testing::shipped_pack(), options);
  std::string text;
  for (int i = 0; i < 200; ++i) text += "SSN 512-44-6789. ";
  const std::string raw = server.handle(json{{"type", "scan"}, {"id", 1}, {"text", text}}.dump());
  CHECK(raw.size() <= options.max_reply_bytes);
  const json reply = json::parse(raw);
  CHECK(reply["truncated"] == true);
  CHECK(reply["counts"]["ssn"] == 200);
  CHECK(reply["findings"].size() > 0);
  CHECK(reply["findings"].size() < 200);
}

TEST_CASE("a reply with a million tiny findings stays within 1 MiB") {
  protocol::Server server(testing::shipped_pack(), {});
  std::string text;
  for (int i = 0; i < 60000; ++i) text += "ssn 512-44-6789\n";
  const std::string raw = server.handle(json{{"type", "scan"}, {"id", 1}, {"text", text}}.dump());
  CHECK(raw.size() <= native::kMaxReplyBytes);
  CHECK(json::parse(raw)["truncated"] == true);
}

TEST_CASE("the nesting depth is measured without parsing, ignoring brackets inside strings") {
  CHECK(protocol::json_nesting_depth(R"({"a":[1,{"b":2}]})") == 3);
  CHECK(protocol::json_nesting_depth(R"({"a":"[[[[\"[["})") == 1);
  CHECK(protocol::json_nesting_depth("") == 0);
}
