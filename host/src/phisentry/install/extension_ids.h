#pragma once
// The extension IDs an installation is for, kept in share/phisentry/extension-ids.txt: the file
// manifests/extension-ids.txt ships, or the one install.sh wrote with the IDs it was given.
// Format: one "<browser-family> <id>" a line, '#' starts a comment; families are chromium
// (Chrome, Chromium, Edge) and firefox.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace phisentry::install {

struct ExtensionIds {
  std::vector<std::string> chromium;  // 32 letters a-p
  std::vector<std::string> firefox;   // add-on ids

  bool empty() const { return chromium.empty() && firefox.empty(); }
};

// Throws std::runtime_error naming the line that is not "<family> <id>".
ExtensionIds parse_extension_ids(std::string_view text);
// Empty when the file does not exist.
ExtensionIds read_extension_ids(const std::filesystem::path& file);

// share/phisentry next to the executable (a build tree or an installed prefix), else the
// installed data directory: the same rule that finds the rule pack.
std::filesystem::path data_dir();
std::filesystem::path installed_extension_ids_file();

}  // namespace phisentry::install
