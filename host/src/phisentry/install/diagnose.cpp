#include "phisentry/install/diagnose.h"

#include <unistd.h>

#include <algorithm>
#include <set>

#include "phisentry/install/manifest.h"

namespace phisentry::install {
namespace fs = std::filesystem;
namespace {

std::string subject_of(const Location& location) {
  return std::string(name_of(location.browser)) + " (" + std::string(name_of(location.scope)) + ")";
}

std::string reinstall_fix(const Location& location) {
  switch (location.scope) {
    case Scope::system: return "sudo installer/install.sh --system (or reinstall the package)";
    case Scope::profile: return "installer/install.sh --user --profile-dir " + location.dir.parent_path().string();
    case Scope::user: break;
  }
  return "installer/install.sh --user";
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::vector<std::string> expected_callers(const Location& location, const ExtensionIds& ids) {
  if (uses_extension_ids(location.browser)) return ids.firefox;
  std::vector<std::string> origins;
  for (const std::string& id : ids.chromium) origins.push_back(chromium_origin(id));
  return origins;
}

// Why the manifest's "path" is not a working copy of this binary, or nothing.
std::string target_problem(const std::string& target, const fs::path& executable) {
  std::error_code ec;
  if (!fs::exists(target, ec)) return "points at " + target + ", which does not exist (left over from an old install?)";
  if (!fs::equivalent(target, executable, ec)) return "points at " + target + ", not at this binary " + executable.string();
  if (::access(target.c_str(), X_OK) != 0) return "points at " + target + ", which is not executable";
  return {};
}

Check check_manifest(const Location& location, const Expectations& expected) {
  const std::string file = location.manifest().string();
  const ManifestReading reading = read_manifest(location.manifest(), location.browser);
  const std::string subject = subject_of(location);
  if (!reading.ok()) {
    return {Verdict::problem, subject, file + ": " + joined(reading.problems), reinstall_fix(location)};
  }
  const HostManifest& manifest = *reading.manifest;
  if (const std::string problem = target_problem(manifest.path, expected.executable); !problem.empty()) {
    return {Verdict::problem, subject, file + " " + problem, reinstall_fix(location) + ", or delete " + file};
  }
  const auto& allowed = uses_extension_ids(location.browser) ? manifest.allowed_extensions : manifest.allowed_origins;
  std::vector<std::string> missing;
  for (const std::string& caller : expected_callers(location, expected.ids)) {
    if (!manifest_allows(manifest, caller)) missing.push_back(caller);
  }
  if (!missing.empty()) {
    return {Verdict::problem, subject, file + " does not allow the installed extension " + joined(missing),
            reinstall_fix(location) + " (with --chromium-id/--firefox-id if the extension has another ID)"};
  }
  return {Verdict::ok, subject, file + " points at this binary and allows " + joined(allowed), ""};
}

Check check_unregistered_browser(Browser browser, bool installed) {
  const std::string subject = std::string(name_of(browser));
  if (!installed) return {Verdict::note, subject, "not installed, not registered", ""};
  return {Verdict::problem, subject, "installed, but PHI Sentry is not registered for it", "installer/install.sh --user"};
}

}  // namespace

std::vector<Check> diagnose_registrations(const std::vector<Location>& locations, const Expectations& expected,
                                          const std::function<bool(Browser)>& browser_installed) {
  std::vector<Check> checks;
  std::set<Browser> registered;
  for (const Location& location : locations) {
    std::error_code ec;
    if (fs::exists(location.manifest(), ec)) {
      checks.push_back(check_manifest(location, expected));
      registered.insert(location.browser);
    } else if (location.scope == Scope::profile) {
      checks.push_back({Verdict::problem, subject_of(location), location.manifest().string() + " does not exist",
                        reinstall_fix(location)});
    }
  }
  for (Browser browser : kBrowsers) {
    if (!registered.contains(browser)) checks.push_back(check_unregistered_browser(browser, browser_installed(browser)));
  }
  if (registered.empty()) {
    checks.push_back({Verdict::problem, "browsers", "PHI Sentry is not registered with any browser",
                      "installer/install.sh --user, or install the phisentry package"});
  }
  return checks;
}

}  // namespace phisentry::install
