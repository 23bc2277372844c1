#include <iostream>
#include <map>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/rules/rule.h"
#include "phisentry/version.h"

namespace phisentry::cli {
namespace {

constexpr const char* kUsage =
    "PHI Sentry: finds protected health information before it is saved where it must not be.\n\n"
    "Usage: phisentry COMMAND [OPTIONS]\n\n"
    "Commands:\n"
    "  scan [FILE...]       scan files or standard input and print the findings\n"
    "  native               serve the browser extension over native messaging\n"
    "  rules check|list     prove or list a rule pack\n"
    "  sweep [PATH...]      find PHI already stored in Confluence exports, sites or folders\n"
    "  doctor               check the installation: browsers, policy, rules, audit\n"
    "  policy check|show    validate a policy file; print the effective policy and its sources\n"
    "  audit verify|show    prove the audit trail is whole; summarise it\n"
    "  allowlist add|check  values the organisation declares not PHI (hashed)\n"
    "  edm build|check      the clinic's own identifiers for exact-data match (hashed)\n\n"
    "  phisentry COMMAND --help   options of one command\n"
    "  phisentry --version        the version\n";

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Chromium-family browsers pass the caller's origin (Windows adds --parent-window=N); Firefox passes
// the path of the host manifest and the add-on's id.
std::optional<std::string> browser_caller(const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  if (args[0].starts_with("chrome-extension://")) return args[0];
  if (args.size() >= 2 && ends_with(args[0], ".json") && !args[1].starts_with("-")) return args[1];
  return std::nullopt;
}

}  // namespace

int run(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (auto caller = browser_caller(args)) return browser_launch(*caller);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kExitError : 0;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << "phisentry " << kVersion << " (protocol " << kProtocolVersion << ")\n";
    return 0;
  }
  static const std::map<std::string, int (*)(const std::vector<std::string>&), std::less<>> kCommands{
      {"scan", scan_command}, {"native", native_command}, {"rules", rules_command}, {"sweep", sweep_command},
      {"doctor", doctor_command}, {"allowlist", allowlist_command}, {"edm", edm_command},
      {"policy", policy_command}, {"audit", audit_command}};
  const auto command = kCommands.find(args[0]);
  if (command == kCommands.end()) {
    std::cerr << "phisentry: unknown command '" << args[0] << "'\n\n" << kUsage;
    return kExitError;
  }
  try {
    return command->second({args.begin() + 1, args.end()});
  } catch (const po::error& e) {
    std::cerr << "phisentry " << args[0] << ": " << e.what() << "\nTry 'phisentry " << args[0] << " --help'.\n";
  } catch (const rules::RuleError& e) {
    for (const std::string& problem : e.problems()) std::cerr << "phisentry: rule pack refused: " << problem << '\n';
  } catch (const std::exception& e) {
    std::cerr << "phisentry " << args[0] << ": " << e.what() << '\n';
  }
  return kExitError;
}

}  // namespace phisentry::cli
