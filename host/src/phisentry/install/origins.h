#pragma once
// Defence in depth for browser launches: the browser already checks a manifest's allowed origins,
// and the host checks again that the caller is listed in a manifest installed for this very
// executable. A manifest pointing at another copy of phisentry does not count.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phisentry/install/locations.h"

namespace phisentry::install {

struct CallerDecision {
  bool allowed = false;
  std::size_t manifests_for_this_host = 0;  // readable manifests whose "path" is this executable
};

// Does any of `manifest_files` point at `executable` and list `caller`?
CallerDecision decide_caller(std::string_view caller, const std::filesystem::path& executable,
                             const std::vector<Location>& locations);

// Where the browser that started us may have found the manifest: every known location, plus the
// NativeMessagingHosts folder of each --user-data-dir on an ancestor's command line.
std::vector<Location> launch_locations(const Environment& env, const std::vector<std::filesystem::path>& profiles);

// The --user-data-dir=DIR values of this process's ancestors (Linux /proc; empty elsewhere).
std::vector<std::filesystem::path> ancestor_profile_dirs();

// For a browser launch of this process: nothing when `caller` is allowed, else why it is refused.
std::optional<std::string> refusal_for_caller(std::string_view caller);

// The running executable, symlinks resolved.
std::filesystem::path this_executable();

}  // namespace phisentry::install
