#pragma once
// Reading a native-messaging host manifest and saying, in words, everything a browser would reject
// in it. Browsers themselves only say "Specified native messaging host not found." for any mistake.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phisentry/install/locations.h"

namespace phisentry::install {

struct HostManifest {
  std::string name;
  std::string description;
  std::string path;
  std::string type;
  std::vector<std::string> allowed_origins;     // Chromium family: "chrome-extension://<id>/"
  std::vector<std::string> allowed_extensions;  // Firefox: add-on ids
};

struct ManifestReading {
  std::optional<HostManifest> manifest;  // empty when unreadable or not a JSON object
  std::vector<std::string> problems;     // empty: the browser accepts it

  bool ok() const { return manifest.has_value() && problems.empty(); }
};

ManifestReading parse_manifest(std::string_view json_text, Browser browser);
ManifestReading read_manifest(const std::filesystem::path& file, Browser browser);

// Chromium derives a 32-letter ID (a-p) from the extension's key.
bool is_chromium_extension_id(std::string_view id);
std::string chromium_origin(std::string_view extension_id);

// Does the manifest let `caller` start the host? A caller is what the browser passes on the
// command line: "chrome-extension://<id>/" (Chromium family) or an add-on id (Firefox).
bool manifest_allows(const HostManifest& manifest, std::string_view caller);

}  // namespace phisentry::install
