// The built binary, driven over pipes exactly as Chromium and Firefox drive it.

#include <doctest/doctest.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include <unistd.h>

#include "subprocess.h"

using nlohmann::json;
using phisentry::testing::HostProcess;
namespace fs = std::filesystem;

namespace {

const std::string kRules = std::string(PHISENTRY_TEST_DATA_DIR) + "/../rules";

fs::path scratch_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("phisentry-it-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> native_args(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{PHISENTRY_BINARY, "native", "--rules", kRules, "--cache-dir",
                                phisentry::testing::shared_cache_dir()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// A scratch HOME in which the host is registered for Chromium and Firefox the way install.sh --user
// does it: a browser launch is served only for callers an installed manifest allows.
std::string home_registered_for(const std::string& chromium_origin, const std::string& firefox_id) {
  const fs::path home = scratch_dir("home");
  const auto write_manifest = [&](const fs::path& dir, const std::string& allow_key, const std::string& caller) {
    fs::create_directories(dir);
    std::ofstream(dir / "org.phisentry.host.json")
        << json{{"name", "org.phisentry.host"}, {"description", "PHI Sentry"}, {"path", PHISENTRY_BINARY},
                {"type", "stdio"}, {allow_key, json::array({caller})}}.dump(2);
  };
  write_manifest(home / ".config/chromium/NativeMessagingHosts", "allowed_origins", chromium_origin);
  write_manifest(home / ".mozilla/native-messaging-hosts", "allowed_extensions", firefox_id);
  return "HOME=" + home.string();
}

json ask(HostProcess& host, const std::string& payload) {
  host.send_frame(payload);
  const auto reply = host.read_frame();
  REQUIRE(reply.has_value());
  return json::parse(*reply);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("started as Chromium starts it, the host answers hello and finds an SSN and a DOB at UTF-16 offsets") {
  const std::string origin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";
  HostProcess host({PHISENTRY_BINARY, origin},
                   {"PHISENTRY_RULES=" + kRules, home_registered_for(origin, "phisentry@phisentry.org")});
  const json hello = ask(host, R"({"type":"hello","id":1})");
  CHECK(hello["type"] == "hello");
  CHECK(hello["host_version"].is_string());
  const json result = ask(host, json{{"type", "scan"}, {"id", 2}, {"text", "\xF0\x9F\x98\x80 DOB 03/04/1961 SSN 512-44-6789"}}.dump());
  REQUIRE(result["findings"].size() == 2);
  CHECK(result["findings"][0]["start"] == 7);
  CHECK(result["findings"][0]["confidence"] == "high");
  CHECK(result["findings"][1]["start"] == 22);
  CHECK(result["findings"][1]["end"] == 33);
  CHECK(result["findings"][1]["confidence"] == "high");
  host.close_input();
  CHECK(host.wait_exit() == 0);
  CHECK(host.stderr_text().find("started by the browser") != std::string::npos);
}

TEST_CASE("started as Firefox starts it (manifest path and add-on id), the host serves too") {
  HostProcess host({PHISENTRY_BINARY, "/usr/lib/mozilla/native-messaging-hosts/org.phisentry.host.json",
                    "phisentry@phisentry.org"},
                   {"PHISENTRY_RULES=" + kRules,
                    home_registered_for("chrome-extension://abcdefghijklmnopabcdefghijklmnop/", "phisentry@phisentry.org")});
  CHECK(ask(host, R"({"type":"ping","id":9})")["type"] == "pong");
}

TEST_CASE("every bad input gets its typed error while the host keeps serving") {
  HostProcess host(native_args({"--max-request-bytes", "100000"}));
  const auto code_of = [&](const std::string& payload) { return ask(host, payload)["code"].get<std::string>(); };
  CHECK(code_of("") == "invalid_json");
  std::mt19937 rng(7);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  const std::string noise_code = code_of(noise);
  CHECK((noise_code == "invalid_utf8" || noise_code == "invalid_json"));
  CHECK(code_of("{\"type\":\"scan\",\"id\":1,\"text\":\"\xC0\xAF\"}") == "invalid_utf8");  // overlong
  CHECK(code_of("{\"type\":\"scan\",\"id\":1,\"text\":\"\xED\xA0\x80\"}") == "invalid_utf8");  // raw surrogate
  CHECK(code_of(R"({"type":"scan","id":1,"text":"\udc00"})") == "invalid_json");
  CHECK(code_of(std::string(90000, '[')) == "invalid_json");
  CHECK(code_of(R"({"type":"scan","id":1e400,"text":"a"})") == "invalid_json");
  CHECK(code_of(R"({"type":"scan","id":1,"text":"a","text":"b"})") == "bad_message");
  CHECK(code_of(R"("just a string")") == "bad_message");
  CHECK(code_of(R"({"type":"unheard_of","id":1})") == "unknown_type");
  host.send_frame(std::string(200000, 'x'));  // over the limit: read, dropped, answered
  const json too_large = json::parse(host.read_frame().value());
  CHECK(too_large["code"] == "too_large");
  CHECK(ask(host, R"({"type":"ping","id":"still here"})")["id"] == "still here");
}

TEST_CASE("the end of input ends the host cleanly, even inside a frame or a 4 GiB length prefix") {
  SUBCASE("between frames") {
    HostProcess host(native_args());
    host.close_input();
    CHECK(host.wait_exit() == 0);
    CHECK(host.stderr_text().find("input closed") != std::string::npos);
  }
  SUBCASE("inside a frame") {
    HostProcess host(native_args());
    host.send_raw(std::string("\x10\x00\x00\x00{\"ty", 8));
    host.close_input();
    CHECK(host.wait_exit() == 0);
    CHECK(host.stderr_text().find("inside a frame") != std::string::npos);
  }
  SUBCASE("a 4 GiB length prefix") {
    HostProcess host(native_args());
    host.send_raw(std::string("\xFF\xFF\xFF\xFF", 4) + "some bytes");
    host.close_input();
    CHECK(host.wait_exit() == 0);
  }
}

TEST_CASE("no matched value reaches stderr or the log file, even at trace level") {
  const fs::path dir = scratch_dir("nophi");
  const fs::path log = dir / "host.log";
  const std::vector<std::string> values{"512-44-6789", "03/04/1961", "(503) 555-0142", "rnunez.83@gmail.com",
                                        "2HR7-WD3-KP51", "00482913", "73.164.22.9"};
  {
    HostProcess host(native_args({"--log-level", "trace", "--log-file", log.string()}));
    std::string text = "Patient DOB 03/04/1961, SSN 512-44-6789, cell (503) 555-0142, email rnunez.83@gmail.com, "
                       "Medicare 2HR7-WD3-KP51, MRN: 00482913, patient portal login from 73.164.22.9.";
    CHECK(ask(host, json{{"type", "scan"}, {"id", 1}, {"text", text}}.dump())["findings"].size() == values.size());
    ask(host, "{\"type\":\"scan\",\"id\":2,\"text\":\"SSN 512-44-6789\" oops}");  // an error path too
    host.close_input();
    CHECK(host.wait_exit() == 0);
    const std::string stderr_text = host.stderr_text();
    const std::string log_text = read_file(log);
    CHECK(log_text.find("scan:") != std::string::npos);  // trace logging really happened
    for (const std::string& value : values) {
      CAPTURE(value);
      CHECK(stderr_text.find(value) == std::string::npos);
      CHECK(log_text.find(value) == std::string::npos);
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("compiled databases are cached and reused on the next start") {
  const fs::path dir = scratch_dir("cache");
  const auto start = [&] {
    HostProcess host({PHISENTRY_BINARY, "native", "--rules", kRules, "--cache-dir", dir.string()});
    CHECK(ask(host, R"({"type":"ping","id":1})")["type"] == "pong");
    host.close_input();
    host.wait_exit();
    return host.stderr_text();
  };
  CHECK(start().find("compiled") != std::string::npos);
  CHECK(start().find("loaded from cache") != std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ofstream(entry.path(), std::ios::trunc) << "not a database";  // corrupt it
  }
  CHECK(start().find("unusable here; compiling") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a bad rule pack stops the host before it serves, naming the file and the rule") {
  const fs::path dir = scratch_dir("badpack");
  std::ofstream(dir / "bad.json") << R"({"rules":[{"id":"x.y","name":"X","hipaa":"G","category":"ssn","base":"high",)"
                                     R"("why":"w","patterns":["(a)\\1"],"examples":[{"text":"aa","match":"aa"}],)"
                                     R"("negative_examples":["b"]}]})";
  HostProcess host({PHISENTRY_BINARY, "native", "--rules", dir.string(), "--no-cache"});
  CHECK(host.wait_exit() == 2);
  CHECK(host.stderr_text().find("bad.json: rule 'x.y'") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the policy's allowlist and exact-data-match files apply to every scan the host answers") {
  const fs::path dir = scratch_dir("lists");
  const std::string allow = (dir / "allow.list").string();
  const std::string edm = (dir / "edm.list").string();
  CHECK(std::system((std::string(PHISENTRY_BINARY) + " allowlist add '(503) 555-0144' --file " + allow + " >/dev/null").c_str()) == 0);
  std::ofstream(dir / "patients.csv") << "First,Last\nDana,Whitfield\n";
  CHECK(std::system((std::string(PHISENTRY_BINARY) + " edm build --name-columns First,Last --from " + (dir / "patients.csv").string() +
                     " --out " + edm + " >/dev/null").c_str()) == 0);
  std::ofstream(dir / "policy.json") << json{{"allowlist_files", {allow}}, {"edm_files", {edm}}}.dump();
  HostProcess host(native_args(), {"PHISENTRY_POLICY=" + (dir / "policy.json").string()});
  const json result = ask(host, json{{"type", "scan"}, {"id", 1}, {"text", "Attendees: Dana Whitfield. Pt callback number (503) 555-0144."}}.dump());
  REQUIRE(result["findings"].size() == 1);
  CHECK(result["findings"][0]["category"] == "name");
  CHECK(result["findings"][0]["confidence"] == "high");
  fs::remove_all(dir);
}
