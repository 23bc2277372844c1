#pragma once
// `phisentry rules check`: every rule compiles alone and all compile together; every example is found
// with its exact span (and confidence, when given) by the whole pack; no negative example is.

#include <filesystem>
#include <string>
#include <vector>

namespace phisentry::scan {

struct PackCheckReport {
  std::size_t rules = 0;
  std::size_t examples = 0;
  std::size_t negative_examples = 0;
  std::vector<std::string> problems;  // each names the file, the rule and the reason

  bool ok() const { return problems.empty(); }
};

PackCheckReport check_pack(const std::filesystem::path& dir);

}  // namespace phisentry::scan
