#pragma once
// What every subcommand shares: where the rules are, the database cache, logging.

#include <boost/program_options.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "phisentry/lists/value_list.h"
#include "phisentry/scan/compiled_pack.h"

namespace phisentry::cli {

namespace po = boost::program_options;

struct CommonOptions {
  std::string rules_dir;
  std::string cache_dir;
  bool no_cache = false;
  std::string log_level = "warn";
  std::string log_file;
  std::vector<std::string> allowlists;  // hashed value lists (lists/value_list.h); key: FILE.key
  std::vector<std::string> edm_lists;
};

po::options_description common_options(CommonOptions& options);

// --rules, else $PHISENTRY_RULES, else share/phisentry/rules next to the executable, else the
// installed data directory.
std::filesystem::path resolve_rules_dir(const std::string& explicit_dir);

// Configures logging, loads and compiles the rule pack. Throws rules::RuleError.
std::shared_ptr<const scan::CompiledPack> load_rules(const CommonOptions& options);
void configure_logging(const CommonOptions& options);
// The --allowlist and --edm lists, or null when none is given. Throws std::runtime_error.
std::shared_ptr<const lists::ValueLists> load_value_lists(const CommonOptions& options);

// Parses `args` (the words after the subcommand) for a subcommand; prints help and returns false
// when --help was asked. Throws po::error on bad usage.
bool parse_subcommand(const std::string& usage, const std::vector<std::string>& args,
                      const po::options_description& options, const po::positional_options_description& positional,
                      po::variables_map& values);

// Exit status of every subcommand on bad usage or a failure to run.
inline constexpr int kExitError = 2;

}  // namespace phisentry::cli
