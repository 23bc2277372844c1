// `phisentry rules check [DIR]` and `phisentry rules list [DIR]`.

#include <iomanip>
#include <iostream>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/rules/rule.h"
#include "phisentry/scan/pack_check.h"

namespace phisentry::cli {
namespace {

constexpr const char* kUsage =
    "Usage: phisentry rules check [DIR]   prove a rule pack: it compiles, every example is found, no negative is\n"
    "       phisentry rules list [DIR]    list the pack's rules\n\n"
    "DIR defaults to the installed pack. Exit status of check: 0 the pack is sound, 1 problems, 2 error.";

int check(const std::string& dir) {
  const auto report = scan::check_pack(resolve_rules_dir(dir));
  for (const std::string& problem : report.problems) std::cout << "problem: " << problem << '\n';
  std::cout << (report.ok() ? "ok: " : "FAILED: ") << report.rules << " rules, " << report.examples << " examples, "
            << report.negative_examples << " negative examples, " << report.problems.size() << " problems\n";
  return report.ok() ? 0 : 1;
}

int list(const std::string& dir) {
  const rules::RulePack pack = rules::load_pack(resolve_rules_dir(dir));
  std::cout << "pack " << pack.id << " " << pack.hash << "\n";
  for (const rules::Rule& rule : pack.rules) {
    std::cout << std::left << std::setw(28) << rule.id << ' ' << rule.hipaa << "  " << std::setw(12) << rule.category
              << ' ' << std::setw(7) << rules::to_string(rule.base) << rule.name << '\n';
  }
  return 0;
}

}  // namespace

int rules_command(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string action;
  std::string dir;
  po::options_description options("Rules options");
  options.add_options()("action", po::value(&action), "check or list")("dir", po::value(&dir), "rule pack folder");
  options.add(common_options(common));
  po::positional_options_description positional;
  positional.add("action", 1).add("dir", 1);
  po::variables_map values;
  if (!parse_subcommand(kUsage, args, options, positional, values)) return 0;
  configure_logging(common);
  if (dir.empty()) dir = common.rules_dir;
  if (action == "check") return check(dir);
  if (action == "list") return list(dir);
  std::cerr << "phisentry rules: expected 'check' or 'list'\n" << kUsage << '\n';
  return kExitError;
}

}  // namespace phisentry::cli
