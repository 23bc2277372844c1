// A signed rule pack from the installer to the running host (issue 9, rules/SIGNING.md): install.sh signs
// the pack with a throwaway publisher key and installs its public key; the installed host, which now
// requires a signature, verifies and serves; a tampered dictionary is refused with a clear error while
// a host already running keeps serving; install.sh never installs an unsigned pack where keys are trusted.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include <unistd.h>

#include "subprocess.h"

using nlohmann::json;
using phisentry::testing::HostProcess;
using phisentry::testing::run_command;
namespace fs = std::filesystem;

namespace {

const fs::path kBuildTree = fs::path(PHISENTRY_BINARY).parent_path().parent_path();
const fs::path kInstallScript = fs::path(PHISENTRY_TEST_DATA_DIR) / "../installer/install.sh";

// A home, an install prefix and the publisher's keys, all under one scratch folder.
struct Scratch {
  phisentry::testing::ScratchFolder folder{"signed-install"};
  fs::path root = folder.path();
  fs::path home = root / "home";
  fs::path prefix = root / "prefix";
  fs::path key_prefix = root / "keys/publisher";
  fs::path host = prefix / "bin/phisentry";
  fs::path pack = prefix / "share/phisentry/rules";

  Scratch() {
    fs::create_directories(home);
    fs::create_directories(key_prefix.parent_path());
  }

  // install.sh --user into the scratch prefix; stdout and stderr together.
  phisentry::testing::CommandRun install(const std::string& extra) const {
    return run_command("{ HOME='" + home.string() + "' bash '" + kInstallScript.string() + "' --user --quiet --from '" +
                       kBuildTree.string() + "' --prefix '" + prefix.string() + "' --browsers chromium " + extra +
                       " 2>&1; }");
  }

  std::vector<std::string> host_args() const {
    return {host.string(), "native", "--cache-dir", (root / "cache").string()};
  }
};

// The installed trust store is the one under test: nothing from the environment may add to it.
const std::vector<std::string> kHostEnv{"PHISENTRY_TRUSTED_KEYS="};

json ask(HostProcess& host, const std::string& payload) {
  host.send_frame(payload);
  const auto reply = host.read_frame();
  REQUIRE(reply.has_value());
  return json::parse(*reply);
}

// 512-44-6789 passes the SSN validator by construction (area 512, group 44, serial 6789: none zero, not 666/9xx).
void check_scans_ssn(HostProcess& host, const std::string& id) {
  const json reply = ask(host, json{{"type", "scan"}, {"id", id}, {"text", "SSN 512-44-6789 on file"}}.dump());
  CHECK(reply["id"] == id);
  REQUIRE(reply.contains("findings"));
  CHECK_FALSE(reply["findings"].empty());
}

fs::path first_dictionary(const fs::path& pack) {
  for (const auto& entry : fs::directory_iterator(pack / "dictionaries")) {
    if (entry.path().extension() == ".txt") return entry.path();
  }
  FAIL("the shipped pack has no dictionary");
  return {};
}

}  // namespace

TEST_CASE("install.sh --signing-key: the installed host requires and verifies the signature, refuses tampering") {
  if (phisentry::testing::administrator_keys_present()) {
    MESSAGE("skipped: /etc/phisentry/trusted-keys holds keys, which replace the installed ones on this machine");
    return;
  }
  const Scratch scratch;
  REQUIRE(run_command("'" + std::string(PHISENTRY_BINARY) + "' rules keygen '" + scratch.key_prefix.string() + "'").status == 0);

  const auto installed = scratch.install("--signing-key '" + scratch.key_prefix.string() + ".key'");
  INFO(installed.out);
  REQUIRE(installed.status == 0);
  CHECK(fs::is_regular_file(scratch.prefix / "share/phisentry/trusted-keys/publisher.pub"));
  CHECK(fs::is_regular_file(scratch.pack / "pack.manifest"));
  CHECK(fs::is_regular_file(scratch.pack / "pack.sig"));
  CHECK(scratch.install("--signing-key '" + scratch.key_prefix.string() + ".key'").status == 0);  // idempotent
  // Without --key, verify uses the keys the installed host trusts: the one install.sh put there.
  CHECK(run_command("'" + scratch.host.string() + "' rules verify").out.find("ok: signed by trusted key") == 0);

  HostProcess serving(scratch.host_args(), kHostEnv);
  check_scans_ssn(serving, "before");
  CHECK(serving.stderr_text().find("rule pack signature verified") != std::string::npos);

  const fs::path dictionary = first_dictionary(scratch.pack);
  std::ofstream(dictionary, std::ios::app) << "zyxwvutsrq\n";  // one invented entry: the hash no longer matches
  HostProcess refused(scratch.host_args(), kHostEnv);
  CHECK_FALSE(refused.read_frame().has_value());
  CHECK(refused.wait_exit() == 2);
  const std::string why = refused.stderr_text();
  INFO(why);
  CHECK(why.find("rule pack refused") != std::string::npos);
  CHECK(why.find(dictionary.filename().string()) != std::string::npos);
  CHECK(why.find("zyxwvutsrq") == std::string::npos);  // the refusal names files, never their content

  check_scans_ssn(serving, "after");  // the host that loaded the verified pack keeps serving it
  serving.close_input();
  CHECK(serving.wait_exit() == 0);
}

TEST_CASE("install.sh will not install an unsigned pack where the installation trusts a key") {
  const Scratch scratch;
  REQUIRE(run_command("'" + std::string(PHISENTRY_BINARY) + "' rules keygen '" + scratch.key_prefix.string() + "'").status == 0);
  REQUIRE(scratch.install("--signing-key '" + scratch.key_prefix.string() + ".key'").status == 0);
  const auto manifest_before = run_command("cat '" + (scratch.pack / "pack.manifest").string() + "'").out;

  const auto unsigned_install = scratch.install("");
  CHECK(unsigned_install.status == 2);
  CHECK(unsigned_install.out.find("not signed by a key this installation trusts") != std::string::npos);
  CHECK(run_command("cat '" + (scratch.pack / "pack.manifest").string() + "'").out == manifest_before);

  // A public key that does not match the signing key is caught before anything is installed.
  const fs::path other = scratch.root / "keys/other";
  REQUIRE(run_command("'" + std::string(PHISENTRY_BINARY) + "' rules keygen '" + other.string() + "'").status == 0);
  const auto mismatched = scratch.install("--signing-key '" + scratch.key_prefix.string() + ".key' --trusted-key '" +
                                          other.string() + ".pub'");
  CHECK(mismatched.status == 2);
  CHECK(fs::is_regular_file(scratch.prefix / "share/phisentry/trusted-keys/publisher.pub"));
  CHECK_FALSE(fs::exists(scratch.prefix / "share/phisentry/trusted-keys/other.pub"));
}
