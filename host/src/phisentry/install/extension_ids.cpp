#include "phisentry/install/extension_ids.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "phisentry/install/origins.h"

namespace phisentry::install {
namespace fs = std::filesystem;

ExtensionIds parse_extension_ids(std::string_view text) {
  ExtensionIds ids;
  std::istringstream lines{std::string(text)};
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string family;
    std::string id;
    std::string extra;
    if (!(words >> family)) continue;
    if (!(words >> id) || (words >> extra) || (family != "chromium" && family != "firefox")) {
      throw std::runtime_error("extension IDs line " + std::to_string(number) + ": expected \"chromium|firefox <id>\"");
    }
    (family == "chromium" ? ids.chromium : ids.firefox).push_back(id);
  }
  return ids;
}

ExtensionIds read_extension_ids(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_extension_ids(text.str());
}

fs::path data_dir() {
  std::error_code ec;
  const fs::path beside = this_executable().parent_path().parent_path() / PHISENTRY_DATA_SUBDIR;
  if (fs::is_directory(beside, ec)) return beside;
  return PHISENTRY_INSTALL_DATADIR;
}

fs::path installed_extension_ids_file() { return data_dir() / "extension-ids.txt"; }

}  // namespace phisentry::install
