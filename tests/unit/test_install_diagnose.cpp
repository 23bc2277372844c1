// `phisentry doctor`'s browser checks on a good installation and on each kind of broken one.

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "phisentry/install/diagnose.h"
#include "phisentry/install/manifest.h"

using namespace phisentry::install;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kId = "abcdefghijklmnopabcdefghijklmnop";

struct Install {
  fs::path dir = fs::temp_directory_path() / ("phisentry-diagnose-" + std::to_string(getpid()));
  fs::path host = dir / "bin/phisentry";
  Location chromium{Browser::chromium, Scope::user, dir / "chromium"};
  Location firefox{Browser::firefox, Scope::user, dir / "mozilla"};
  Expectations expected{host, {{kId}, {"phisentry@phisentry.org"}}};

  Install() {
    fs::remove_all(dir);
    fs::create_directories(host.parent_path());
    std::ofstream(host) << "#!/bin/sh\n";
    fs::permissions(host, fs::perms::owner_all);
    write(chromium, chromium_manifest());
    write(firefox, firefox_manifest());
  }
  ~Install() { fs::remove_all(dir); }

  json chromium_manifest() const {
    return {{"name", "org.phisentry.host"}, {"description", "d"}, {"path", host.string()}, {"type", "stdio"},
            {"allowed_origins", {chromium_origin(kId)}}};
  }
  json firefox_manifest() const {
    json manifest = chromium_manifest();
    manifest.erase("allowed_origins");
    manifest["allowed_extensions"] = {"phisentry@phisentry.org"};
    return manifest;
  }
  static void write(const Location& location, const json& manifest) { write(location, manifest.dump(2)); }
  static void write(const Location& location, const std::string& text) {
    fs::create_directories(location.dir);
    std::ofstream(location.manifest()) << text;
  }
  std::vector<Check> diagnose(std::vector<Location> extra = {}, bool chrome_installed = false) const {
    std::vector<Location> locations{chromium, firefox};
    locations.insert(locations.end(), extra.begin(), extra.end());
    return diagnose_registrations(locations, expected, [&](Browser b) { return b == Browser::chrome && chrome_installed; });
  }
};

std::vector<Check> problems_in(const std::vector<Check>& checks) {
  std::vector<Check> problems;
  std::copy_if(checks.begin(), checks.end(), std::back_inserter(problems),
               [](const Check& c) { return c.verdict == Verdict::problem; });
  return problems;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a good installation has no problems; browsers not installed are notes") {
  const Install install;
  const auto checks = install.diagnose();
  CHECK(problems_in(checks).empty());
  CHECK(std::count_if(checks.begin(), checks.end(), [](const Check& c) { return c.verdict == Verdict::ok; }) == 2);
  CHECK(std::any_of(checks.begin(), checks.end(),
                    [](const Check& c) { return c.subject == "edge" && c.verdict == Verdict::note; }));
}

TEST_CASE("each kind of broken installation is one problem with a fix") {
  Install install;
  std::string expected_words;
  SUBCASE("manifest is not JSON") {
    Install::write(install.chromium, std::string("{ \"name\": "));
    expected_words = "not a JSON object";
  }
  SUBCASE("stale: points at a host that is gone") {
    json manifest = install.chromium_manifest();
    manifest["path"] = (install.dir / "old/phisentry").string();
    Install::write(install.chromium, manifest);
    expected_words = "does not exist";
  }
  SUBCASE("points at another copy") {
    const fs::path other = install.dir / "other";
    fs::copy_file(install.host, other);
    json manifest = install.chromium_manifest();
    manifest["path"] = other.string();
    Install::write(install.chromium, manifest);
    expected_words = "not at this binary";
  }
  SUBCASE("does not allow the installed extension") {
    json manifest = install.chromium_manifest();
    manifest["allowed_origins"] = {chromium_origin("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")};
    Install::write(install.chromium, manifest);
    expected_words = "does not allow the installed extension chrome-extension://abcdefghijklmnopabcdefghijklmnop/";
  }
  SUBCASE("Firefox manifest with origins instead of add-on ids") {
    Install::write(install.firefox, install.chromium_manifest());
    expected_words = "allowed_extensions";
  }
  SUBCASE("a profile folder asked about has no manifest") {
    const auto problems = problems_in(install.diagnose({profile_location(install.dir / "profile")}));
    REQUIRE(problems.size() == 1);
    CHECK(contains(problems[0].fix, "--profile-dir"));
    return;
  }
  SUBCASE("a browser is installed but not registered") {
    const auto problems = problems_in(install.diagnose({}, /*chrome_installed=*/true));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].subject == "chrome");
    CHECK(contains(problems[0].fix, "install.sh --user"));
    return;
  }
  const auto problems = problems_in(install.diagnose());
  REQUIRE(problems.size() == 1);
  CHECK(contains(problems[0].detail, expected_words));
  CHECK_FALSE(problems[0].fix.empty());
}

TEST_CASE("nothing registered anywhere is a problem of its own") {
  const Install install;
  fs::remove_all(install.chromium.dir);
  fs::remove_all(install.firefox.dir);
  const auto problems = problems_in(install.diagnose());
  REQUIRE(problems.size() == 1);
  CHECK(contains(problems[0].detail, "not registered with any browser"));
}
