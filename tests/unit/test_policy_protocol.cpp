// The policy and audit messages through the protocol server with a real audit trail in a scratch
// folder: verdicts on scan results, managed policy relayed and refused, override refusals, and every
// event type written with PHI-laden inputs while no matched value or PHI-bearing justification
// reaches any audit record, syslog message or log line.
#include <doctest/doctest.h>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "phisentry/audit/log_file.h"
#include "phisentry/audit/signing.h"
#include "phisentry/audit/verify.h"
#include "phisentry/protocol/server.h"
#include "test_support.h"

using namespace phisentry;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Synthetic identifiers: an SSN outside the never-issued ranges, a 555 phone, a made-up patient.
const std::vector<std::string> kPhiValues{"512-44-6789", "512446789", "03/04/1961", "(503) 555-0142", "rnunez.83@gmail.com"};
const std::string kPhiText = "Pt DOB 03/04/1961, SSN 512-44-6789, cell (503) 555-0142, email rnunez.83@gmail.com";

fs::path scratch_dir() {
  std::string pattern = (fs::temp_directory_path() / "phisentry-policy-proto-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Host {
  fs::path dir = scratch_dir();
  std::shared_ptr<policy::PolicyStore> store = std::make_shared<policy::PolicyStore>(testing::shipped_pack()->pack().categories());
  protocol::Server server;

  explicit Host(const json& system = json::object())
      : server(testing::shipped_pack(), {}, services(system)) {}

  protocol::Services services(const json& system) {
    REQUIRE(store->set_system(system).empty());
    const fs::path root = dir;
    return {store, [root](const policy::AuditSettings& settings) {
              audit::TrailPaths paths{root / "audit.jsonl", root / "signing.key", root / "hash.key"};
              return std::make_unique<audit::AuditTrail>(paths, settings);
            }};
  }
  json ask(const json& request) { return json::parse(server.handle(request.dump())); }
  fs::path audit_file() const { return dir / "audit.jsonl"; }
};

const json kPolicy = {
    {"workspaces",
     {{{"match", "https://covered.atlassian.net/wiki/*"}, {"covered", true}, {"label", "BAA signed 2026-03-01"}},
      {{"match", "https://strict.atlassian.net/*"}, {"covered", false}, {"action", "block"}, {"label", "Free plan"}}}},
    {"justification_min_length", 12}};

}  // namespace

TEST_CASE("every scan result carries the host's verdict for the page") {
  Host host(kPolicy);
  const json covered = host.ask({{"type", "scan"}, {"id", 1}, {"text", kPhiText}, {"url", "https://covered.atlassian.net/wiki/spaces/OPS/pages/1"}});
  CHECK(covered["verdict"]["covered"] == true);
  CHECK(covered["verdict"]["action"] == "allow");
  CHECK(covered["verdict"]["matched_entry"]["label"] == "BAA signed 2026-03-01");
  CHECK_FALSE(covered["findings"].empty());  // findings still come: the extension stays quiet
  const json unlisted = host.ask({{"type", "scan"}, {"id", 2}, {"text", "hello"}, {"url", "https://other.atlassian.net/wiki/x"}});
  CHECK(unlisted["verdict"]["covered"] == false);
  CHECK(unlisted["verdict"]["action"] == "warn");
  CHECK(unlisted["verdict"]["matched_entry"].is_null());
  const json dc = host.ask({{"type", "scan"}, {"id", 3}, {"text", "x"}, {"url", "https://wiki.clinic.example/display/OPS"}, {"product", "confluence"}});
  CHECK(dc["verdict"]["product"] == "confluence");
  CHECK(dc["verdict"]["workspace"] == "https://wiki.clinic.example");
  const json bad = host.ask({{"type", "scan"}, {"id", 4}, {"text", "x"}, {"product", 7}});
  CHECK(bad["code"] == "bad_message");
}

TEST_CASE("categories the policy disables are not reported") {
  Host host(json{{"disabled_categories", {"ssn"}}});
  const json reply = host.ask({{"type", "scan"}, {"id", 1}, {"text", kPhiText}});
  CHECK_FALSE(reply["counts"].contains("ssn"));
  CHECK(reply["counts"].contains("date"));
}

TEST_CASE("the managed policy arrives in a policy message; an invalid one is refused, named and audited") {
  Host host(kPolicy);
  json status = host.ask({{"type", "policy"}, {"id", 1}, {"managed", {{"default_action", "block"}}}});
  CHECK(status["type"] == "policy_status");
  CHECK(status["ok"] == true);
  CHECK(status["sources"]["default_action"] == "managed");
  CHECK(status["sources"]["workspaces"] == "system");
  CHECK(host.ask({{"type", "scan"}, {"id", 2}, {"text", "x"}, {"url", "https://other.atlassian.net/wiki/x"}})["verdict"]["action"] == "block");

  status = host.ask({{"type", "policy"}, {"id", 3}, {"managed", {{"default_action", "allow"}, {"warn_at", "sometimes"}}}});
  CHECK(status["ok"] == false);
  CHECK(status["errors"][0]["key"] == "warn_at");
  CHECK(status["policy"]["default_action"] == "block");  // the last valid managed policy stays
  CHECK(host.ask({{"type", "policy"}, {"id", 4}, {"managed", "block"}})["code"] == "bad_message");
  CHECK(host.ask({{"type", "policy"}, {"id", 5}})["policy"]["default_action"] == "block");  // just asking

  const std::string trail = slurp(host.audit_file());
  CHECK(trail.find("\"event\":\"policy_loaded\"") != std::string::npos);
  CHECK(trail.find("\"event\":\"policy_rejected\"") != std::string::npos);
  CHECK(trail.find("warn_at") != std::string::npos);
}

TEST_CASE("overrides: refused where blocked, too short, or when the justification holds PHI") {
  Host host(kPolicy);
  const auto save_anyway = [&](const char* url, const std::string& justification) {
    return host.ask({{"type", "audit"}, {"id", 1}, {"event", "save_anyway"}, {"url", url}, {"justification", justification}});
  };
  CHECK(save_anyway("https://strict.atlassian.net/wiki/x", "vendor contract number")["refused"] == "override_not_allowed");
  CHECK(save_anyway("https://other.atlassian.net/wiki/x", "too short")["refused"] == "justification_short");
  const json phi = save_anyway("https://other.atlassian.net/wiki/x", "it is fine, patient SSN 512-44-6789 is old");
  CHECK(phi["recorded"] == false);
  CHECK(phi["refused"] == "justification_phi");
  CHECK(phi["message"].get<std::string>().find("ssn") != std::string::npos);
  CHECK(phi["message"].get<std::string>().find("512") == std::string::npos);
  CHECK(save_anyway("https://other.atlassian.net/wiki/x", "vendor contract number, not a patient")["recorded"] == true);

  CHECK(host.ask({{"type", "audit"}, {"id", 2}, {"event", "host_started"}})["code"] == "bad_message");
  CHECK(host.ask({{"type", "audit"}, {"id", 3}, {"event", "warning_shown"}, {"matches", {{{"rule", "no.such.rule"}, {"value", "x"}}}}})["code"] == "bad_message");
  CHECK(host.ask({{"type", "audit"}, {"id", 4}, {"event", "warning_shown"}, {"matches", "x"}})["code"] == "bad_message");
}

TEST_CASE("every event type with PHI-laden inputs: no matched value or PHI justification in any record, syslog message or log") {
  const fs::path socket_dir = scratch_dir();
  const fs::path socket_path = socket_dir / "log.sock";
  const int listener = ::socket(AF_UNIX, SOCK_DGRAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  REQUIRE(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);

  const fs::path log_file = socket_dir / "host.log";
  const auto previous_logger = spdlog::default_logger();
  spdlog::set_default_logger(spdlog::basic_logger_mt("policy-proto-test", log_file.string(), true));
  spdlog::set_level(spdlog::level::trace);

  json policy = kPolicy;
  policy["audit"] = {{"sinks", {"file", "syslog"}}, {"syslog_socket", socket_path.string()}};
  Host host(policy);
  const std::string url = "https://other.atlassian.net/wiki/spaces/OPS/pages/42?patient=Nunez";
  const json matches = {{{"rule", "ssn.formatted"}, {"value", "512-44-6789"}}, {{"rule", "ssn.formatted"}, {"value", "512 44 6789"}}};

  // The host's own events come from serving: started, the system policy, stopped (and a seal).
  std::string frames;
  const auto add_frame = [&frames](const json& request) {
    const std::string payload = request.dump();
    const auto length = static_cast<std::uint32_t>(payload.size());
    frames.append(reinterpret_cast<const char*>(&length), 4).append(payload);
  };
  for (const char* event : {"warning_shown", "save_cancelled", "placeholders_inserted", "not_phi_marked", "scanner_unavailable"}) {
    add_frame({{"type", "audit"}, {"id", event}, {"event", event}, {"url", url}, {"matches", matches}});
  }
  add_frame({{"type", "audit"}, {"id", "phi"}, {"event", "save_anyway"}, {"url", url}, {"matches", matches},
             {"justification", "patient Maria Nunez DOB 03/04/1961 asked for it"}});
  add_frame({{"type", "audit"}, {"id", "ok"}, {"event", "save_anyway"}, {"url", url}, {"matches", matches},
             {"justification", "vendor contract number, not a patient identifier"}});
  add_frame({{"type", "policy"}, {"id", "bad"}, {"managed", {{"workspaces", {{{"match", "https://x.example/?ssn=512-44-6789"}, {"covered", true}}}}}}});
  add_frame({{"type", "scan"}, {"id", "scan"}, {"text", kPhiText}, {"url", url}});
  std::size_t offset = 0;
  native::FrameReader reader([&](char* buffer, std::size_t size) {
    const std::size_t n = std::min(size, frames.size() - offset);
    std::memcpy(buffer, frames.data() + offset, n);
    offset += n;
    return n;
  }, native::kDefaultMaxRequestBytes);
  std::string written;
  native::FrameWriter writer([&](const char* data, std::size_t size) { written.append(data, size); });
  CHECK(host.server.serve(reader, writer) == 0);
  std::map<std::string, json> replies;  // by id
  for (std::size_t at = 0; at + 4 <= written.size();) {
    std::uint32_t length = 0;
    std::memcpy(&length, written.data() + at, 4);
    const json reply = json::parse(written.substr(at + 4, length));
    replies[reply["id"].get<std::string>()] = reply;
    at += 4 + length;
  }
  CHECK(replies["phi"]["refused"] == "justification_phi");
  CHECK(replies["ok"]["recorded"] == true);
  CHECK(replies["bad"]["ok"] == false);
  CHECK(replies["warning_shown"]["recorded"] == true);
  spdlog::default_logger()->flush();
  spdlog::set_default_logger(previous_logger);
  spdlog::drop("policy-proto-test");

  std::vector<std::string> datagrams;
  for (std::string buffer(65536, '\0');;) {
    const ssize_t got = ::recv(listener, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got <= 0) break;
    datagrams.emplace_back(buffer.data(), static_cast<std::size_t>(got));
  }
  ::close(listener);

  const std::string trail = slurp(host.audit_file());
  std::vector<std::string> events;
  std::vector<json> records;
  std::istringstream lines(trail);
  for (std::string line; std::getline(lines, line);) {
    records.push_back(json::parse(line));
    events.push_back(records.back()["event"]);
  }
  for (const char* event : {"host_started", "policy_loaded", "warning_shown", "save_cancelled", "placeholders_inserted",
                            "not_phi_marked", "scanner_unavailable", "save_anyway", "policy_rejected", "host_stopped", "checkpoint"}) {
    CHECK_MESSAGE(std::find(events.begin(), events.end(), event) != events.end(), event);
  }
  // Syslog gets every event; checkpoints belong to the file's chain only.
  CHECK(datagrams.size() == events.size() - static_cast<std::size_t>(std::count(events.begin(), events.end(), "checkpoint")));
  const std::string syslog = [&] { std::string all; for (const auto& d : datagrams) all += d + "\n"; return all; }();
  const std::string log = slurp(log_file);
  CHECK(log.find("refused") != std::string::npos);  // the log did record things
  for (const std::string& value : kPhiValues) {
    CAPTURE(value);
    CHECK(trail.find(value) == std::string::npos);
    CHECK(syslog.find(value) == std::string::npos);
    CHECK(log.find(value) == std::string::npos);
  }
  for (const char* text : {"Maria", "Nunez", "patient=", "?patient"}) {
    CAPTURE(text);
    CHECK(trail.find(text) == std::string::npos);
    CHECK(syslog.find(text) == std::string::npos);
    CHECK(log.find(text) == std::string::npos);
  }
  // What the records do hold: keyed hashes that correlate repeats, categories, rules, the clean justification.
  const json first = *std::find_if(records.begin(), records.end(), [](const json& r) { return r["event"] == "warning_shown"; });
  CHECK(first["categories"]["ssn"] == 2);
  CHECK(first["values"][0] == first["values"][1]);  // the same SSN written two ways
  CHECK(first["values"][0].get<std::string>().starts_with("b2:"));
  CHECK(first["workspace"] == "other.atlassian.net");
  CHECK(trail.find("vendor contract number, not a patient identifier") != std::string::npos);

  const auto key_id = audit::read_public_key_id(host.dir / "signing.key.pub");
  const auto report = audit::verify_files({host.audit_file()}, {key_id, audit::head_file_for(host.audit_file())});
  CHECK(report.ok());
}
