#include "phisentry/cli/options.h"

#include <cstdlib>
#include <iostream>

#include "phisentry/log/logging.h"
#include "phisentry/rules/rule.h"

namespace phisentry::cli {
namespace fs = std::filesystem;

po::options_description common_options(CommonOptions& options) {
  po::options_description common("Common options");
  common.add_options()
      ("rules", po::value(&options.rules_dir)->value_name("DIR"), "rule pack folder (default: the installed pack)")
      ("cache-dir", po::value(&options.cache_dir)->value_name("DIR"),
       "where compiled databases are cached (default: ~/.cache/phisentry)")
      ("no-cache", po::bool_switch(&options.no_cache), "compile the rules, do not read or write the cache")
      ("log-level", po::value(&options.log_level)->value_name("LEVEL")->default_value(options.log_level),
       "trace, debug, info, warn, error or off")
      ("log-file", po::value(&options.log_file)->value_name("FILE"), "also log to this file")
      ("allowlist", po::value(&options.allowlists)->value_name("FILE")->composing(),
       "values not PHI here (phisentry allowlist; key FILE.key); repeatable")
      ("edm", po::value(&options.edm_lists)->value_name("FILE")->composing(),
       "the clinic's identifiers, always high (phisentry edm; key FILE.key); repeatable");
  return common;
}

fs::path resolve_rules_dir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("PHISENTRY_RULES"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = exe.parent_path().parent_path() / PHISENTRY_DATA_SUBDIR / "rules";
    if (fs::is_directory(beside, ec)) return beside;
  }
  return fs::path(PHISENTRY_INSTALL_DATADIR) / "rules";
}

void configure_logging(const CommonOptions& options) { log::configure({options.log_level, options.log_file}); }

std::shared_ptr<const scan::CompiledPack> load_rules(const CommonOptions& options) {
  // With the cache on, the name index usually comes from it: the dictionaries are read only if it does not.
  const auto dictionaries = options.no_cache ? rules::DictionaryLoading::now : rules::DictionaryLoading::deferred;
  rules::RulePack pack = rules::load_pack(resolve_rules_dir(options.rules_dir), dictionaries);
  return scan::CompiledPack::build(std::move(pack), {!options.no_cache, options.cache_dir});
}

std::shared_ptr<const lists::ValueLists> load_value_lists(const CommonOptions& options) {
  std::vector<lists::ValueLists::Source> sources;
  for (const std::string& file : options.allowlists) sources.push_back({lists::ListKind::allowlist, file, {}});
  for (const std::string& file : options.edm_lists) sources.push_back({lists::ListKind::edm, file, {}});
  if (sources.empty()) return nullptr;
  return lists::ValueLists::load(sources);
}

bool parse_subcommand(const std::string& usage, const std::vector<std::string>& args,
                      const po::options_description& options, const po::positional_options_description& positional,
                      po::variables_map& values) {
  po::options_description all;
  all.add(options);
  bool help = false;
  po::options_description help_option;
  help_option.add_options()("help,h", po::bool_switch(&help), "show this help");
  all.add(help_option);
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
  po::notify(values);
  if (help) {
    std::cout << usage << "\n\n" << all << "\n";
    return false;
  }
  return true;
}

}  // namespace phisentry::cli
