#include "phisentry/install/manifest.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace phisentry::install {
namespace {

using nlohmann::json;

constexpr std::string_view kOriginScheme = "chrome-extension://";

void read_string(const json& document, const char* member, std::string& out, std::vector<std::string>& problems) {
  const auto it = document.find(member);
  if (it == document.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    problems.push_back(std::string("\"") + member + "\" must be a non-empty string");
    return;
  }
  out = it->get<std::string>();
}

void read_string_list(const json& document, const char* member, std::vector<std::string>& out,
                      std::vector<std::string>& problems) {
  const auto it = document.find(member);
  const bool all_strings = it != document.end() && it->is_array() &&
                           std::all_of(it->begin(), it->end(), [](const json& item) { return item.is_string(); });
  if (!all_strings || it->empty()) {
    problems.push_back(std::string("\"") + member + "\" must be a non-empty list of strings");
    return;
  }
  out = it->get<std::vector<std::string>>();
}

bool is_chromium_origin(std::string_view origin) {
  return origin.size() == kOriginScheme.size() + 33 && origin.starts_with(kOriginScheme) && origin.back() == '/' &&
         is_chromium_extension_id(origin.substr(kOriginScheme.size(), 32));
}

void check_origins(const HostManifest& manifest, std::vector<std::string>& problems) {
  for (const std::string& origin : manifest.allowed_origins) {
    if (!is_chromium_origin(origin)) {
      problems.push_back("allowed origin \"" + origin + "\" is not chrome-extension://<32 letters a-p>/ (mind the final /)");
    }
  }
}

void check_fields(const HostManifest& manifest, std::vector<std::string>& problems) {
  if (!manifest.name.empty() && manifest.name != kHostName) {
    problems.push_back("\"name\" is \"" + manifest.name + "\", not \"" + std::string(kHostName) + "\"");
  }
  if (!manifest.path.empty() && !std::filesystem::path(manifest.path).is_absolute()) {
    problems.push_back("\"path\" must be absolute: " + manifest.path);
  }
  if (!manifest.type.empty() && manifest.type != "stdio") problems.push_back("\"type\" must be \"stdio\"");
}

}  // namespace

bool is_chromium_extension_id(std::string_view id) {
  return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

std::string chromium_origin(std::string_view extension_id) {
  return std::string(kOriginScheme) + std::string(extension_id) + "/";
}

ManifestReading parse_manifest(std::string_view json_text, Browser browser) {
  ManifestReading reading;
  const json document = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) {
    reading.problems.push_back("not a JSON object");
    return reading;
  }
  HostManifest manifest;
  read_string(document, "name", manifest.name, reading.problems);
  read_string(document, "description", manifest.description, reading.problems);
  read_string(document, "path", manifest.path, reading.problems);
  read_string(document, "type", manifest.type, reading.problems);
  if (uses_extension_ids(browser)) {
    read_string_list(document, "allowed_extensions", manifest.allowed_extensions, reading.problems);
  } else {
    read_string_list(document, "allowed_origins", manifest.allowed_origins, reading.problems);
    check_origins(manifest, reading.problems);
  }
  check_fields(manifest, reading.problems);
  reading.manifest = std::move(manifest);
  return reading;
}

ManifestReading read_manifest(const std::filesystem::path& file, Browser browser) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ManifestReading unreadable;
    unreadable.problems.push_back("cannot be read");
    return unreadable;
  }
  std::ostringstream text;
  text << in.rdbuf();  // an empty file sets failbit here and parses as "not a JSON object"
  return parse_manifest(text.str(), browser);
}

bool manifest_allows(const HostManifest& manifest, std::string_view caller) {
  const auto& allowed = caller.starts_with(kOriginScheme) ? manifest.allowed_origins : manifest.allowed_extensions;
  return std::find(allowed.begin(), allowed.end(), caller) != allowed.end();
}

}  // namespace phisentry::install
