// The host's own check that a browser started it for an extension it was installed for.

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "phisentry/install/manifest.h"
#include "phisentry/install/origins.h"

using namespace phisentry::install;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("phisentry-origins-" + std::to_string(getpid()));
  fs::path host = dir / "bin/phisentry";
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(host.parent_path());
    std::ofstream(host) << "#!/bin/sh\n";
    fs::permissions(host, fs::perms::owner_all);
  }
  ~Scratch() { fs::remove_all(dir); }

  Location write(const std::string& folder, Browser browser, const json& manifest) const {
    const Location location{browser, Scope::user, dir / folder};
    fs::create_directories(location.dir);
    std::ofstream(location.manifest()) << manifest.dump(2);
    return location;
  }
};

json manifest_for(const fs::path& host, const char* list, const std::string& caller) {
  return {{"name", "org.phisentry.host"}, {"description", "d"}, {"path", host.string()}, {"type", "stdio"},
          {list, {caller}}};
}

}  // namespace

TEST_CASE("an origin listed in a manifest pointing at this executable is allowed; any other is not") {
  const Scratch scratch;
  const auto chromium = scratch.write("chromium", Browser::chromium, manifest_for(scratch.host, "allowed_origins", kOrigin));
  const auto firefox = scratch.write("firefox", Browser::firefox,
                                     manifest_for(scratch.host, "allowed_extensions", "phisentry@phisentry.org"));
  const std::vector<Location> locations{chromium, firefox};
  const CallerDecision allowed = decide_caller(kOrigin, scratch.host, locations);
  CHECK(allowed.allowed);
  CHECK(allowed.manifests_for_this_host == 2);
  CHECK(decide_caller("phisentry@phisentry.org", scratch.host, locations).allowed);
  CHECK_FALSE(decide_caller("chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/", scratch.host, locations).allowed);
  CHECK_FALSE(decide_caller("other@example.org", scratch.host, locations).allowed);
  // An add-on id is never accepted in place of an origin, nor the other way round.
  CHECK_FALSE(decide_caller("abcdefghijklmnopabcdefghijklmnop", scratch.host, locations).allowed);
}

TEST_CASE("a manifest for another copy of phisentry does not count; a symlink to this one does") {
  const Scratch scratch;
  const fs::path other = scratch.dir / "other-phisentry";
  fs::copy_file(scratch.host, other);
  const auto foreign = scratch.write("a", Browser::chromium, manifest_for(other, "allowed_origins", kOrigin));
  const CallerDecision decision = decide_caller(kOrigin, scratch.host, {foreign});
  CHECK_FALSE(decision.allowed);
  CHECK(decision.manifests_for_this_host == 0);

  const fs::path link = scratch.dir / "usr-bin-phisentry";
  fs::create_symlink(scratch.host, link);
  const auto linked = scratch.write("b", Browser::chromium, manifest_for(link, "allowed_origins", kOrigin));
  CHECK(decide_caller(kOrigin, scratch.host, {linked}).allowed);
}

TEST_CASE("missing, unreadable or malformed manifests allow nothing") {
  const Scratch scratch;
  const Location missing{Browser::chromium, Scope::system, scratch.dir / "nowhere"};
  const Location garbage{Browser::chromium, Scope::user, scratch.dir / "garbage"};
  fs::create_directories(garbage.dir);
  std::ofstream(garbage.manifest()) << "not json";
  CHECK_FALSE(decide_caller(kOrigin, scratch.host, {missing, garbage}).allowed);
}

TEST_CASE("launch locations: the ancestors' profiles first, then every known location") {
  const Environment env{Platform::linux_xdg, "/home/ana", ""};
  const auto locations = launch_locations(env, {"/tmp/profile"});
  REQUIRE(locations.size() == 9);
  CHECK(locations[0].manifest() == "/tmp/profile/NativeMessagingHosts/org.phisentry.host.json");
  CHECK(locations[1].dir == "/home/ana/.config/google-chrome/NativeMessagingHosts");
}

TEST_CASE("the test runner has no --user-data-dir among its ancestors; this executable is found") {
  for (const fs::path& profile : ancestor_profile_dirs()) CHECK(profile.is_absolute());
  CHECK(fs::exists(this_executable()));
}
