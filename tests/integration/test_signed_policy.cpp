// A policy that requires signed rule packs (require_signed_rules, rules/SIGNING.md), end to end: from the
// system policy file the host refuses an unsigned or tampered pack, or a missing trusted key, before it
// serves, and serves a signed one; from the managed policy (a `policy` message) a host whose pack was
// never verified names why in policy_status (rules_refused) and answers scans with rules_unverified, and
// one whose pack verifies goes on.

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "subprocess.h"

using nlohmann::json;
using phisentry::testing::HostProcess;
using phisentry::testing::run_command;
namespace fs = std::filesystem;

namespace {

const fs::path kBinary = PHISENTRY_BINARY;
// The build tree's mirror of the shipped pack: stable while the rule files in the source tree are edited.
const fs::path kBuiltPack = kBinary.parent_path().parent_path() / "share/phisentry/rules";

// A copy of the pack, a publisher key, an empty trust store and a policy file, under one scratch folder.
struct Scratch {
  phisentry::testing::ScratchFolder folder{"signed-policy"};
  fs::path root = folder.path();
  fs::path pack = root / "pack";
  fs::path trusted = root / "trusted";
  fs::path key = root / "keys/publisher";
  fs::path policy = root / "policy.json";

  Scratch() {
    fs::create_directories(trusted);
    fs::create_directories(key.parent_path());
    fs::copy(kBuiltPack, pack, fs::copy_options::recursive);
    REQUIRE(run_command(sh(kBinary) + " rules keygen " + sh(key)).status == 0);
  }

  static std::string sh(const fs::path& path) { return "'" + path.string() + "'"; }
  void trust_publisher() const { fs::copy_file(key.string() + ".pub", trusted / "publisher.pub"); }
  void sign() const {
    REQUIRE(run_command(sh(kBinary) + " rules sign " + sh(pack) + " --key " + sh(key.string() + ".key")).status == 0);
  }
  void write_policy(const json& document) const { std::ofstream(policy) << document.dump(); }

  std::vector<std::string> host_args() const {
    return {kBinary.string(), "native", "--rules", pack.string(), "--cache-dir", phisentry::testing::shared_cache_dir()};
  }
  // Only this scratch folder's policy file and trust store count.
  std::vector<std::string> host_env() const {
    return {"PHISENTRY_POLICY=" + policy.string(), "PHISENTRY_TRUSTED_KEYS=" + trusted.string()};
  }
  phisentry::testing::CommandRun phisentry(const std::string& args) const {
    return run_command("PHISENTRY_POLICY=" + sh(policy) + " PHISENTRY_TRUSTED_KEYS=" + sh(trusted) + " " + sh(kBinary) +
                       " " + args + " 2>&1");
  }
};

json ask(HostProcess& host, const json& request) {
  host.send_frame(request.dump());
  const auto reply = host.read_frame();
  REQUIRE(reply.has_value());
  return json::parse(*reply);
}

// 512-44-6789 passes the SSN validator by construction (area 512, group 44, serial 6789: none zero, not 666/9xx).
json scan_ssn(HostProcess& host, const std::string& id) {
  return ask(host, {{"type", "scan"}, {"id", id}, {"text", "SSN 512-44-6789 on file"}});
}

// Starts a host that must refuse its pack: no reply, exit 2, and the reason on standard error.
std::string refused_start(const Scratch& scratch) {
  HostProcess host(scratch.host_args(), scratch.host_env());
  CHECK_FALSE(host.read_frame().has_value());
  CHECK(host.wait_exit() == 2);
  return host.stderr_text();
}

}  // namespace

TEST_CASE("require_signed_rules in the system policy file: no key, unsigned and tampered packs stop the host; a signed one serves") {
  if (phisentry::testing::administrator_keys_present()) {
    MESSAGE("skipped: /etc/phisentry/trusted-keys holds keys, which replace the test's trust store on this machine");
    return;
  }
  const Scratch scratch;
  scratch.write_policy({{"require_signed_rules", true}});
  const auto shown = scratch.phisentry("policy show");
  CHECK(shown.out.find("require_signed_rules = true   [system]") != std::string::npos);

  std::string why = refused_start(scratch);  // no trusted key anywhere
  INFO(why);
  CHECK(why.find("no trusted key is installed") != std::string::npos);
  CHECK(why.find(scratch.trusted.string()) != std::string::npos);

  scratch.trust_publisher();
  why = refused_start(scratch);  // a trusted key, an unsigned pack
  CHECK(why.find("unsigned pack") != std::string::npos);
  const auto verify_unsigned = scratch.phisentry("rules verify " + Scratch::sh(scratch.pack));
  CHECK(verify_unsigned.status == 1);
  CHECK(verify_unsigned.out.find("problem: " + scratch.pack.string() + ": unsigned pack") == 0);

  scratch.sign();
  const auto verify_signed = scratch.phisentry("rules verify " + Scratch::sh(scratch.pack));
  CHECK(verify_signed.status == 0);
  CHECK(verify_signed.out.find("ok: signed by trusted key ") == 0);
  {
    HostProcess host(scratch.host_args(), scratch.host_env());
    const json reply = scan_ssn(host, "signed");
    CHECK(reply["type"] == "result");
    CHECK_FALSE(reply["findings"].empty());
    const json status = ask(host, {{"type", "policy"}, {"id", "p"}});
    CHECK(status["policy"]["require_signed_rules"] == true);
    CHECK(status["sources"]["require_signed_rules"] == "system");
    CHECK_FALSE(status.contains("rules_refused"));
    CHECK(host.stderr_text().find("rule pack signature verified") != std::string::npos);
    host.close_input();
    CHECK(host.wait_exit() == 0);
  }

  std::ofstream(scratch.pack / "ssn.json", std::ios::app) << "\n";  // one byte: the hash no longer matches
  why = refused_start(scratch);
  CHECK(why.find("rule pack refused") != std::string::npos);
  CHECK(why.find("ssn.json: changed since the pack was signed") != std::string::npos);
  const auto verify_tampered = scratch.phisentry("rules verify " + Scratch::sh(scratch.pack));
  CHECK(verify_tampered.status == 1);
  CHECK(verify_tampered.out == "problem: ssn.json: changed since the pack was signed\n");
}

TEST_CASE("require_signed_rules arriving in the managed policy: a host running an unverified pack refuses, a verified one goes on") {
  if (phisentry::testing::administrator_keys_present()) return;
  const Scratch scratch;  // no policy file: nothing required when the host starts
  const json require = {{"type", "policy"}, {"id", "managed"}, {"managed", {{"require_signed_rules", true}}}};
  {
    HostProcess host(scratch.host_args(), scratch.host_env());  // no key, unsigned pack: loads unchecked
    CHECK(scan_ssn(host, "before")["type"] == "result");
    const json status = ask(host, require);
    INFO(status.dump());
    CHECK(status["ok"] == true);
    CHECK(status["sources"]["require_signed_rules"] == "managed");
    REQUIRE(status.contains("rules_refused"));
    CHECK(status["rules_refused"].get<std::string>().find("no trusted key is installed") != std::string::npos);
    CHECK(host.stderr_text().find("the rule pack in use may not serve under this policy: ") != std::string::npos);
    const json refused = scan_ssn(host, "refused");  // no scan with a pack the policy does not accept
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "rules_unverified");
    CHECK(refused["message"].get<std::string>().find("no trusted key is installed") != std::string::npos);

    const json withdrawn = ask(host, {{"type", "policy"}, {"id", "withdrawn"}, {"managed", nullptr}});
    CHECK_FALSE(withdrawn.contains("rules_refused"));
    CHECK(scan_ssn(host, "after")["type"] == "result");
    host.close_input();
    CHECK(host.wait_exit() == 0);
  }

  scratch.trust_publisher();
  scratch.sign();
  HostProcess host(scratch.host_args(), scratch.host_env());  // a trusted key: verified at load
  const json status = ask(host, require);
  CHECK_FALSE(status.contains("rules_refused"));
  const json reply = scan_ssn(host, "verified");
  CHECK(reply["type"] == "result");
  CHECK_FALSE(reply["findings"].empty());
  host.close_input();
  CHECK(host.wait_exit() == 0);
}

TEST_CASE("policy check names a require_signed_rules that is not true or false") {
  const Scratch scratch;
  scratch.write_policy({{"require_signed_rules", "yes"}});
  const auto checked = scratch.phisentry("policy check " + Scratch::sh(scratch.policy));
  CHECK(checked.status == 1);
  CHECK(checked.out.find("require_signed_rules: must be true or false") != std::string::npos);
}
