#include "phisentry/install/origins.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

#include "phisentry/install/manifest.h"

namespace phisentry::install {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kUserDataDirSwitch = "--user-data-dir=";
constexpr int kMaxAncestors = 16;  // a browser starts its host directly or through one helper

std::string read_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool points_at(const HostManifest& manifest, const fs::path& executable) {
  std::error_code ec;
  return fs::equivalent(manifest.path, executable, ec);
}

pid_t parent_of(pid_t pid) {
  std::istringstream status(read_whole("/proc/" + std::to_string(pid) + "/status"));
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("PPid:")) return static_cast<pid_t>(std::stol(line.substr(5)));
  }
  return 0;
}

void collect_profile_dirs(pid_t pid, std::vector<fs::path>& profiles) {
  const std::string proc = "/proc/" + std::to_string(pid);
  std::istringstream arguments(read_whole(proc + "/cmdline"));
  for (std::string argument; std::getline(arguments, argument, '\0');) {
    if (!argument.starts_with(kUserDataDirSwitch)) continue;
    fs::path dir = argument.substr(kUserDataDirSwitch.size());
    std::error_code ec;
    if (dir.is_relative()) dir = fs::read_symlink(proc + "/cwd", ec) / dir;
    if (!ec) profiles.push_back(dir.lexically_normal());
  }
}

}  // namespace

CallerDecision decide_caller(std::string_view caller, const fs::path& executable, const std::vector<Location>& locations) {
  CallerDecision decision;
  for (const Location& location : locations) {
    const ManifestReading reading = read_manifest(location.manifest(), location.browser);
    if (!reading.manifest || !points_at(*reading.manifest, executable)) continue;
    ++decision.manifests_for_this_host;
    if (manifest_allows(*reading.manifest, caller)) decision.allowed = true;
  }
  return decision;
}

std::vector<Location> launch_locations(const Environment& env, const std::vector<fs::path>& profiles) {
  std::vector<Location> locations;
  for (const fs::path& profile : profiles) locations.push_back(profile_location(profile));
  const std::vector<Location> known = known_locations(env);
  locations.insert(locations.end(), known.begin(), known.end());
  return locations;
}

std::vector<fs::path> ancestor_profile_dirs() {
  std::vector<fs::path> profiles;
  pid_t pid = getppid();
  for (int depth = 0; depth < kMaxAncestors && pid > 1; ++depth) {
    collect_profile_dirs(pid, profiles);
    pid = parent_of(pid);
  }
  return profiles;
}

std::optional<std::string> refusal_for_caller(std::string_view caller) {
  const fs::path executable = this_executable();
  const auto locations = launch_locations(Environment::from_process(), ancestor_profile_dirs());
  const CallerDecision decision = decide_caller(caller, executable, locations);
  if (decision.allowed) return std::nullopt;
  if (decision.manifests_for_this_host == 0) {
    return "no native-messaging manifest points at " + executable.string() + " (run `phisentry doctor`)";
  }
  return "not listed in the " + std::to_string(decision.manifests_for_this_host) +
         " manifest(s) installed for " + executable.string() + " (run `phisentry doctor`)";
}

fs::path this_executable() {
  std::error_code ec;
#ifdef __APPLE__
  char buffer[4096];
  uint32_t size = sizeof buffer;
  if (_NSGetExecutablePath(buffer, &size) != 0) return {};
  return fs::canonical(buffer, ec);
#else
  return fs::read_symlink("/proc/self/exe", ec);
#endif
}

}  // namespace phisentry::install
