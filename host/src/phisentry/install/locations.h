#pragma once
// Where each browser looks for the org.phisentry.host manifest, per user and machine-wide.
// installer/install.sh and the .deb write to these places; `phisentry doctor` and the check that a
// browser launch is for an installed extension read from them. Windows keeps the same list as
// registry keys (installer/windows/).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phisentry::install {

inline constexpr std::string_view kHostName = "org.phisentry.host";

enum class Browser { chrome, chromium, edge, firefox };
// profile: a Chromium-family --user-data-dir folder, which has a NativeMessagingHosts of its own.
enum class Scope { user, system, profile };
enum class Platform { linux_xdg, macos };

inline constexpr Browser kBrowsers[] = {Browser::chrome, Browser::chromium, Browser::edge, Browser::firefox};

struct Location {
  Browser browser;
  Scope scope;
  std::filesystem::path dir;

  std::filesystem::path manifest() const { return dir / (std::string(kHostName) + ".json"); }
};

// What the locations depend on: read from the process by from_process(), given by tests.
struct Environment {
  Platform platform = Platform::linux_xdg;
  std::filesystem::path home;
  std::filesystem::path xdg_config_home;  // empty: <home>/.config

  static Environment from_process();
};

std::string_view name_of(Browser browser);
std::string_view name_of(Scope scope);
std::optional<Browser> browser_named(std::string_view name);

// Firefox lists add-on ids under "allowed_extensions"; the Chromium family lists origins.
bool uses_extension_ids(Browser browser);

// Every browser's per-user locations first (browsers read those first), then the machine-wide ones.
std::vector<Location> known_locations(const Environment& env);

// <user-data-dir>/NativeMessagingHosts: where Chromium looks when started with --user-data-dir.
Location profile_location(const std::filesystem::path& user_data_dir);

// The executables that show a browser is installed (searched on PATH; app bundles on macOS).
std::vector<std::string> browser_commands(Browser browser);
bool browser_installed(Browser browser, const Environment& env);

}  // namespace phisentry::install
