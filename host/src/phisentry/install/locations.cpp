#include "phisentry/install/locations.h"

#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace phisentry::install {
namespace fs = std::filesystem;
namespace {

struct Folders {
  Browser browser;
  const char* user;    // under the config home (Linux) or ~/Library/Application Support (macOS)
  const char* system;  // absolute
};

// Linux: user folders are under $XDG_CONFIG_HOME (default ~/.config), except Firefox's ~/.mozilla.
constexpr Folders kLinuxFolders[] = {
    {Browser::chrome, "google-chrome/NativeMessagingHosts", "/etc/opt/chrome/native-messaging-hosts"},
    {Browser::chromium, "chromium/NativeMessagingHosts", "/etc/chromium/native-messaging-hosts"},
    {Browser::edge, "microsoft-edge/NativeMessagingHosts", "/etc/opt/edge/native-messaging-hosts"},
    {Browser::firefox, nullptr, "/usr/lib/mozilla/native-messaging-hosts"},
};

constexpr Folders kMacFolders[] = {
    {Browser::chrome, "Google/Chrome/NativeMessagingHosts", "/Library/Google/Chrome/NativeMessagingHosts"},
    {Browser::chromium, "Chromium/NativeMessagingHosts", "/Library/Application Support/Chromium/NativeMessagingHosts"},
    {Browser::edge, "Microsoft Edge/NativeMessagingHosts", "/Library/Microsoft/Edge/NativeMessagingHosts"},
    {Browser::firefox, "Mozilla/NativeMessagingHosts", "/Library/Application Support/Mozilla/NativeMessagingHosts"},
};

fs::path user_folder(const Folders& folders, const Environment& env) {
  if (env.platform == Platform::macos) return env.home / "Library/Application Support" / folders.user;
  if (folders.browser == Browser::firefox) return env.home / ".mozilla/native-messaging-hosts";
  const fs::path config_home = env.xdg_config_home.empty() ? env.home / ".config" : env.xdg_config_home;
  return config_home / folders.user;
}

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

bool is_executable_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

bool on_path(const std::string& command) {
  std::istringstream path(env_or_empty("PATH"));
  for (std::string dir; std::getline(path, dir, ':');) {
    if (!dir.empty() && is_executable_file(fs::path(dir) / command)) return true;
  }
  return false;
}

const char* mac_app_bundle(Browser browser) {
  switch (browser) {
    case Browser::chrome: return "Google Chrome.app";
    case Browser::chromium: return "Chromium.app";
    case Browser::edge: return "Microsoft Edge.app";
    case Browser::firefox: return "Firefox.app";
  }
  return "";
}

}  // namespace

Environment Environment::from_process() {
  Environment env;
#ifdef __APPLE__
  env.platform = Platform::macos;
#endif
  env.home = env_or_empty("HOME");
  // XDG says a relative value is to be ignored.
  if (const fs::path config = env_or_empty("XDG_CONFIG_HOME"); config.is_absolute()) env.xdg_config_home = config;
  return env;
}

std::string_view name_of(Browser browser) {
  switch (browser) {
    case Browser::chrome: return "chrome";
    case Browser::chromium: return "chromium";
    case Browser::edge: return "edge";
    case Browser::firefox: return "firefox";
  }
  return "?";
}

std::string_view name_of(Scope scope) {
  switch (scope) {
    case Scope::user: return "user";
    case Scope::system: return "system";
    case Scope::profile: return "profile";
  }
  return "?";
}

std::optional<Browser> browser_named(std::string_view name) {
  for (Browser browser : kBrowsers) {
    if (name_of(browser) == name) return browser;
  }
  return std::nullopt;
}

bool uses_extension_ids(Browser browser) { return browser == Browser::firefox; }

std::vector<Location> known_locations(const Environment& env) {
  const auto& table = env.platform == Platform::macos ? kMacFolders : kLinuxFolders;
  std::vector<Location> locations;
  for (const Folders& folders : table) locations.push_back({folders.browser, Scope::user, user_folder(folders, env)});
  for (const Folders& folders : table) locations.push_back({folders.browser, Scope::system, folders.system});
  return locations;
}

Location profile_location(const fs::path& user_data_dir) {
  return {Browser::chromium, Scope::profile, user_data_dir / "NativeMessagingHosts"};
}

std::vector<std::string> browser_commands(Browser browser) {
  switch (browser) {
    case Browser::chrome: return {"google-chrome", "google-chrome-stable"};
    case Browser::chromium: return {"chromium", "chromium-browser"};
    case Browser::edge: return {"microsoft-edge", "microsoft-edge-stable"};
    case Browser::firefox: return {"firefox", "firefox-esr"};
  }
  return {};
}

bool browser_installed(Browser browser, const Environment& env) {
  if (env.platform == Platform::macos) {
    const fs::path bundle = mac_app_bundle(browser);
    std::error_code ec;
    return fs::exists("/Applications" / bundle, ec) || fs::exists(env.home / "Applications" / bundle, ec);
  }
  for (const std::string& command : browser_commands(browser)) {
    if (on_path(command)) return true;
  }
  return false;
}

}  // namespace phisentry::install
