// Where each browser reads the org.phisentry.host manifest, on Linux and macOS.

#include <doctest/doctest.h>

#include <algorithm>

#include "phisentry/install/locations.h"

using namespace phisentry::install;
namespace fs = std::filesystem;

namespace {

fs::path dir_of(const std::vector<Location>& locations, Browser browser, Scope scope) {
  const auto it = std::find_if(locations.begin(), locations.end(),
                               [&](const Location& l) { return l.browser == browser && l.scope == scope; });
  REQUIRE(it != locations.end());
  return it->dir;
}

}  // namespace

TEST_CASE("Linux: per-user folders under the XDG config home (Firefox under ~/.mozilla), machine-wide under /etc and /usr/lib") {
  const Environment env{Platform::linux_xdg, "/home/ana", ""};
  const auto locations = known_locations(env);
  CHECK(locations.size() == 8);
  CHECK(dir_of(locations, Browser::chrome, Scope::user) == "/home/ana/.config/google-chrome/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::chromium, Scope::user) == "/home/ana/.config/chromium/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::edge, Scope::user) == "/home/ana/.config/microsoft-edge/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::firefox, Scope::user) == "/home/ana/.mozilla/native-messaging-hosts");
  CHECK(dir_of(locations, Browser::chrome, Scope::system) == "/etc/opt/chrome/native-messaging-hosts");
  CHECK(dir_of(locations, Browser::chromium, Scope::system) == "/etc/chromium/native-messaging-hosts");
  CHECK(dir_of(locations, Browser::edge, Scope::system) == "/etc/opt/edge/native-messaging-hosts");
  CHECK(dir_of(locations, Browser::firefox, Scope::system) == "/usr/lib/mozilla/native-messaging-hosts");
  // Browsers read the user's folder first, so the doctor lists those first too.
  CHECK(locations.front().scope == Scope::user);
  CHECK(locations.back().scope == Scope::system);
}

TEST_CASE("Linux: XDG_CONFIG_HOME moves the Chromium family, not Firefox") {
  const Environment env{Platform::linux_xdg, "/home/ana", "/srv/config"};
  const auto locations = known_locations(env);
  CHECK(dir_of(locations, Browser::chromium, Scope::user) == "/srv/config/chromium/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::firefox, Scope::user) == "/home/ana/.mozilla/native-messaging-hosts");
}

TEST_CASE("macOS: Application Support per user, /Library machine-wide") {
  const Environment env{Platform::macos, "/Users/ana", ""};
  const auto locations = known_locations(env);
  CHECK(dir_of(locations, Browser::chrome, Scope::user) ==
        "/Users/ana/Library/Application Support/Google/Chrome/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::edge, Scope::user) ==
        "/Users/ana/Library/Application Support/Microsoft Edge/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::firefox, Scope::user) ==
        "/Users/ana/Library/Application Support/Mozilla/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::chrome, Scope::system) == "/Library/Google/Chrome/NativeMessagingHosts");
  CHECK(dir_of(locations, Browser::firefox, Scope::system) == "/Library/Application Support/Mozilla/NativeMessagingHosts");
}

TEST_CASE("a Chromium profile started with --user-data-dir has its own folder; the file is named after the host") {
  const Location profile = profile_location("/tmp/profile");
  CHECK(profile.scope == Scope::profile);
  CHECK(profile.manifest() == "/tmp/profile/NativeMessagingHosts/org.phisentry.host.json");
}

TEST_CASE("browser names round-trip; only Firefox lists add-on ids") {
  for (Browser browser : kBrowsers) CHECK(browser_named(name_of(browser)) == browser);
  CHECK_FALSE(browser_named("netscape").has_value());
  CHECK(uses_extension_ids(Browser::firefox));
  CHECK_FALSE(uses_extension_ids(Browser::edge));
}
