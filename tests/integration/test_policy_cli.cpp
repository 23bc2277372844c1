// `phisentry policy check|show` and `phisentry audit verify|show` as IT runs them, and the native host
// started with a system policy file writing a trail that `audit verify` then proves (or catches).

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "subprocess.h"

namespace fs = std::filesystem;
using nlohmann::json;

using phisentry::testing::run_command;

namespace {
const std::string kBinary = std::string(PHISENTRY_BINARY);
const std::string kRulesDir = std::string(PHISENTRY_TEST_DATA_DIR) + "/../rules";

fs::path scratch() {
  std::string pattern = (fs::temp_directory_path() / "phisentry-policy-cli-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

fs::path write(const fs::path& file, const std::string& text) {
  std::ofstream(file) << text;
  return file;
}

}  // namespace

TEST_CASE("policy check: 0 for a valid file, 1 naming the key for an invalid one, 2 for no file") {
  const fs::path dir = scratch();
  const auto good = run_command(kBinary + " policy check " + write(dir / "good.json", R"({"default_action":"block","disabled_categories":["provider_id"]})").string() + " --rules " + kRulesDir);
  CHECK(good.status == 0);
  CHECK(good.out.find("ok:") != std::string::npos);
  const auto bad = run_command(kBinary + " policy check " + write(dir / "bad.json", R"({"workspaces":[{"match":"https://x.example","covered":true}],"fail_mode":"sometimes"})").string());
  CHECK(bad.status == 1);
  CHECK(bad.out.find("workspaces[0].match") != std::string::npos);
  CHECK(bad.out.find("fail_mode") != std::string::npos);
  CHECK(run_command(kBinary + " policy check " + write(dir / "syntax.json", "{").string()).status == 1);
  CHECK(run_command(kBinary + " policy check " + (dir / "missing.json").string()).status == 2);
  CHECK(run_command(kBinary + " policy check " + kRulesDir + "/../installer/policy/policy.json").status == 0);
}

TEST_CASE("policy show prints the effective policy and the source of each value") {
  const fs::path dir = scratch();
  const auto system = write(dir / "system.json", R"({"default_action":"block","warn_at":"high"})");
  const auto managed = write(dir / "managed.json", R"({"default_action":"warn"})");
  const auto shown = run_command(kBinary + " policy show --json --policy " + system.string() + " --managed " + managed.string());
  REQUIRE(shown.status == 0);
  const json status = json::parse(shown.out);
  CHECK(status["policy"]["default_action"] == "warn");
  CHECK(status["sources"]["default_action"] == "managed");
  CHECK(status["sources"]["warn_at"] == "system");
  CHECK(status["sources"]["fail_mode"] == "default");
  const auto text = run_command(kBinary + " policy show --policy " + system.string());
  CHECK(text.out.find("warn_at = \"high\"   [system]") != std::string::npos);
}

TEST_CASE("the native host writes a verifiable trail; audit verify catches an edit and audit show summarises") {
  const fs::path dir = scratch();
  const fs::path audit = dir / "audit.jsonl";
  write(dir / "policy.json", R"({"workspaces":[{"match":"https://covered.atlassian.net/wiki/*","covered":true}]})");
  const std::vector<std::string> env{"PHISENTRY_POLICY=" + (dir / "policy.json").string(), "PHISENTRY_AUDIT_FILE=" + audit.string(),
                                     "PHISENTRY_AUDIT_KEY=" + (dir / "signing.key").string(), "XDG_CONFIG_HOME=" + dir.string()};
  {
    phisentry::testing::HostProcess host(
        {kBinary, "native", "--cache-dir", phisentry::testing::shared_cache_dir(), "--rules", kRulesDir}, env);
    host.send_frame(R"({"type":"scan","id":1,"text":"SSN 512-44-6789","url":"https://covered.atlassian.net/wiki/spaces/A/pages/1"})");
    const json scan = json::parse(host.read_frame().value());
    CHECK(scan["verdict"]["covered"] == true);
    host.send_frame(R"({"type":"audit","id":2,"event":"warning_shown","url":"https://free.atlassian.net/wiki/x","matches":[{"rule":"ssn.formatted","value":"512-44-6789"}]})");
    CHECK(json::parse(host.read_frame().value())["recorded"] == true);
    host.close_input();
    CHECK(host.wait_exit() == 0);
  }
  const std::string key = " --public-key " + (dir / "signing.key.pub").string();
  const auto verified = run_command(kBinary + " audit verify " + audit.string() + key);
  CHECK(verified.status == 0);
  CHECK(verified.out.find("chain intact") != std::string::npos);

  const auto shown = run_command(kBinary + " audit show " + audit.string());
  CHECK(shown.status == 0);
  CHECK(shown.out.find("warning_shown") != std::string::npos);
  CHECK(shown.out.find("free.atlassian.net") != std::string::npos);

  std::ifstream in(audit);
  std::stringstream text;
  text << in.rdbuf();
  std::string edited = text.str();
  CHECK(edited.find("512-44-6789") == std::string::npos);
  const auto at = edited.find("free.atlassian.net");
  REQUIRE(at != std::string::npos);
  edited.replace(at, 4, "paid");
  write(audit, edited);
  const auto caught = run_command(kBinary + " audit verify " + audit.string() + key);
  CHECK(caught.status == 1);
  CHECK(caught.out.find("FAILED: first bad record") != std::string::npos);
  CHECK(caught.out.find("(edited)") != std::string::npos);
}
