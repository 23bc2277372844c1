#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/install/origins.h"
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

// `phisentry sweep` is phisentry-sweep from the same folder (host/CMakeLists.txt says why); it gets the
// arguments unchanged and replaces this process, so exit status and output are its own.
int run_sweep_executable(const std::vector<std::string>& args) {
  const std::string program = (install::this_executable().parent_path() / PHISENTRY_SWEEP_EXECUTABLE).string();
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::cout.flush();
  execv(program.c_str(), argv.data());
  std::cerr << "phisentry sweep: cannot run " << program << ": " << std::strerror(errno)
            << " (it is installed beside phisentry; reinstall PHI Sentry)\n";
  return kExitError;
}

}  // namespace

int run_command(const std::string& name, int (*command)(const std::vector<std::string>&),
                const std::vector<std::string>& args) {
  try {
    return command(args);
  } catch (const po::error& e) {
    std::cerr << "phisentry " << name << ": " << e.what() << "\nTry 'phisentry " << name << " --help'.\n";
  } catch (const rules::RuleError& e) {
    for (const std::string& problem : e.problems()) std::cerr << "phisentry: rule pack refused: " << problem << '\n';
  } catch (const std::exception& e) {
    std::cerr << "phisentry " << name << ": " << e.what() << '\n';
  }
  return kExitError;
}

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
      {"scan", scan_command}, {"native", native_command}, {"rules", rules_command}, {"sweep", run_sweep_executable},
      {"doctor", doctor_command}, {"allowlist", allowlist_command}, {"edm", edm_command},
      {"policy", policy_command}, {"audit", audit_command}};
  const auto command = kCommands.find(args[0]);
  if (command == kCommands.end()) {
    std::cerr << "phisentry: unknown command '" << args[0] << "'\n\n" << kUsage;
    return kExitError;
  }
  return run_command(args[0], command->second, {args.begin() + 1, args.end()});
}

}  // namespace phisentry::cli
