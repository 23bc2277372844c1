// `phisentry doctor`: is this installation able to work? Browsers (manifests), policy, rules and the
// audit location, each with a fix. Exit status: 0 nothing wrong, 1 problems found, 2 bad usage.

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "phisentry/audit/trail.h"
#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/install/diagnose.h"
#include "phisentry/install/origins.h"
#include "phisentry/policy/store.h"
#include "phisentry/rules/rule.h"
#include "phisentry/version.h"

namespace phisentry::cli {
namespace {

namespace fs = std::filesystem;
using install::Check;
using install::Verdict;

constexpr const char* kUsage =
    "Usage: phisentry doctor [OPTIONS]\n\n"
    "Checks that PHI Sentry can work here: for each browser, is the native host registered, does its\n"
    "manifest point at this binary and allow the installed extension; is the policy valid; do the\n"
    "rules compile; can the audit trail be written. Prints a fix for each problem.\n"
    "Exit status: 0 nothing wrong, 1 problems found, 2 bad usage.";

struct DoctorOptions {
  std::string scope = "all";
  std::vector<std::string> profile_dirs;
  std::vector<std::string> chromium_ids;
  std::vector<std::string> firefox_ids;
  std::string policy_file;
};

std::vector<install::Location> locations_to_check(const DoctorOptions& options) {
  std::vector<install::Location> locations;
  for (const std::string& dir : options.profile_dirs) locations.push_back(install::profile_location(dir));
  for (const install::Location& location : install::known_locations(install::Environment::from_process())) {
    if (options.scope == "all" || options.scope == install::name_of(location.scope)) locations.push_back(location);
  }
  return locations;
}

install::ExtensionIds expected_ids(const DoctorOptions& options) {
  if (!options.chromium_ids.empty() || !options.firefox_ids.empty()) return {options.chromium_ids, options.firefox_ids};
  return install::read_extension_ids(install::installed_extension_ids_file());
}

std::vector<Check> browser_checks(const DoctorOptions& options) {
  const auto env = install::Environment::from_process();
  install::Expectations expected{install::this_executable(), {}};
  std::vector<Check> checks;
  try {
    expected.ids = expected_ids(options);
  } catch (const std::runtime_error& e) {
    checks.push_back({Verdict::problem, "extension", install::installed_extension_ids_file().string() + ": " + e.what(),
                      "reinstall with installer/install.sh, which rewrites it"});
  }
  const auto found = install::diagnose_registrations(
      locations_to_check(options), expected, [&](install::Browser b) { return install::browser_installed(b, env); });
  checks.insert(checks.end(), found.begin(), found.end());
  if (expected.ids.empty()) {
    checks.push_back({Verdict::note, "extension", "no extension IDs recorded in " +
                      install::installed_extension_ids_file().string() + "; any well-formed list was accepted",
                      "pass --chromium-id/--firefox-id to check for a particular extension"});
  }
  return checks;
}

// The file the host reads: --policy FILE, else $PHISENTRY_POLICY or the machine's. There is no per-user
// policy; the managed browser policy reaches the host through the extension and is not on disk.
// Checked by the policy module itself, so a file the host would refuse is a problem here too.
// The policy's check, and the audit settings in force (the defaults when the file is missing or refused).
struct PolicyState {
  Check check;
  policy::AuditSettings audit;
};

Check policy_file_check(const DoctorOptions& options, policy::PolicyStore& store) {
  const bool explicit_file = !options.policy_file.empty();
  const fs::path file = explicit_file ? fs::path(options.policy_file) : policy::system_policy_file();
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    if (explicit_file) return {Verdict::problem, "policy", file.string() + " does not exist", "give the path of a policy file"};
    return {Verdict::note, "policy", "no " + file.string() + ": the defaults and any managed browser policy apply", ""};
  }
  const std::vector<policy::PolicyError> errors = store.load_system_file(file);
  if (errors.empty()) {
    return {Verdict::ok, "policy", file.string() + " is valid (" + std::to_string(store.effective().workspaces.size()) +
                                       " workspace entries)", ""};
  }
  std::string detail = file.string() + ":";
  for (const policy::PolicyError& e : errors) detail += " " + (e.key.empty() ? "" : e.key + ": ") + e.message + ";";
  detail.pop_back();
  return {Verdict::problem, "policy", detail,
          "fix it (the host refuses it whole and keeps the defaults); `phisentry policy check FILE` explains each key"};
}

PolicyState policy_state(const DoctorOptions& options) {
  policy::PolicyStore store;
  Check check = policy_file_check(options, store);
  return {std::move(check), store.effective().audit};
}

Check rules_check(const CommonOptions& common) {
  const fs::path dir = resolve_rules_dir(common.rules_dir);
  try {
    const auto compiled = load_rules(common);
    const rules::RulePack& pack = compiled->pack();
    return {Verdict::ok, "rules", dir.string() + ": " + std::to_string(pack.rules.size()) + " rules compiled (" +
                                      pack.hash + ")", ""};
  } catch (const rules::RuleError& e) {
    std::string detail = dir.string() + ":";
    for (const std::string& problem : e.problems()) detail += "\n        " + problem;
    return {Verdict::problem, "rules", detail, "reinstall, or point PHISENTRY_RULES / --rules at a sound pack"};
  }
}

// The file may not exist yet: then its nearest existing folder must let us create it.
bool can_write(const fs::path& file) {
  std::error_code ec;
  if (fs::exists(file, ec)) return ::access(file.c_str(), W_OK) == 0;
  fs::path dir = file.parent_path();
  while (!dir.empty() && !fs::exists(dir, ec) && dir != dir.parent_path()) dir = dir.parent_path();
  return fs::is_directory(dir, ec) && ::access(dir.c_str(), W_OK | X_OK) == 0;
}

Check audit_file_check(const policy::AuditSettings& settings) {
  if (!settings.file_sink) return {Verdict::note, "audit", "the policy leaves \"file\" out of audit.sinks: no audit file", ""};
  fs::path file;
  try {
    file = audit::default_trail_paths(settings).audit_file;  // where the host writes it
  } catch (const std::exception& e) {
    return {Verdict::problem, "audit", e.what(), "set HOME, or PHISENTRY_AUDIT_FILE, or audit.file in the policy"};
  }
  if (can_write(file)) return {Verdict::ok, "audit", file.string() + " is writable", ""};
  return {Verdict::problem, "audit", file.string() + " cannot be written",
          "give the user write access to " + file.parent_path().string() + ", or set PHISENTRY_AUDIT_FILE"};
}

Check audit_syslog_check(const policy::AuditSettings& settings) {
  if (!settings.syslog_sink) return {Verdict::note, "audit", "the policy leaves \"syslog\" out of audit.sinks: no syslog forwarding", ""};
  struct stat socket_info {};
  if (::stat(settings.syslog_socket.c_str(), &socket_info) == 0 && S_ISSOCK(socket_info.st_mode)) {
    return {Verdict::ok, "audit", "syslog/journald socket " + settings.syslog_socket + " is there", ""};
  }
  return {Verdict::problem, "audit", "no syslog socket at " + settings.syslog_socket + ": records reach the file only",
          "start rsyslog or systemd-journald, or set audit.syslog_socket in the policy"};
}

std::vector<Check> audit_checks(const policy::AuditSettings& settings) {
  return {audit_file_check(settings), audit_syslog_check(settings)};
}

const char* label(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok: return "ok     ";
    case Verdict::note: return "note   ";
    case Verdict::problem: return "PROBLEM";
  }
  return "?";
}

std::size_t print_section(const char* title, const std::vector<Check>& checks) {
  std::cout << title << '\n';
  std::size_t problems = 0;
  for (const Check& check : checks) {
    std::cout << "  " << label(check.verdict) << "  " << check.subject << ": " << check.detail << '\n';
    if (!check.fix.empty() && check.verdict != Verdict::ok) std::cout << "           fix: " << check.fix << '\n';
    if (check.verdict == Verdict::problem) ++problems;
  }
  return problems;
}

}  // namespace

int doctor_command(const std::vector<std::string>& args) {
  CommonOptions common;
  DoctorOptions options;
  po::options_description described("Doctor options");
  described.add_options()
      ("scope", po::value(&options.scope)->value_name("all|user|system")->default_value(options.scope),
       "which manifest locations and policy files to check")
      ("profile-dir", po::value(&options.profile_dirs)->value_name("DIR")->composing(),
       "also check this Chromium --user-data-dir (repeatable)")
      ("chromium-id", po::value(&options.chromium_ids)->value_name("ID")->composing(),
       "the extension ID Chrome, Chromium and Edge must allow (default: the IDs recorded at install)")
      ("firefox-id", po::value(&options.firefox_ids)->value_name("ID")->composing(),
       "the add-on id Firefox must allow (default: the IDs recorded at install)")
      ("policy", po::value(&options.policy_file)->value_name("FILE"), "the policy file to check");
  described.add(common_options(common));
  po::variables_map values;
  if (!parse_subcommand(kUsage, args, described, {}, values)) return 0;
  if (options.scope != "all" && options.scope != "user" && options.scope != "system") {
    std::cerr << "phisentry doctor: --scope must be all, user or system\n";
    return kExitError;
  }
  configure_logging(common);
  std::cout << "phisentry " << kVersion << " at " << install::this_executable().string() << "\n\n";
  std::size_t problems = print_section("Browsers", browser_checks(options));
  const PolicyState policy = policy_state(options);
  problems += print_section("Policy", {policy.check});
  problems += print_section("Rules", {rules_check(common)});
  problems += print_section("Audit", audit_checks(policy.audit));
  std::cout << '\n' << (problems == 0 ? "No problems found." : std::to_string(problems) + " problem(s) found.") << '\n';
  return problems == 0 ? 0 : 1;
}

}  // namespace phisentry::cli
