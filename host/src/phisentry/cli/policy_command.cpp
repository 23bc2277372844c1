// `phisentry policy check FILE` and `phisentry policy show`: validate a policy document, and print the
// effective policy with where each value came from.

#include <fstream>
#include <iostream>
#include <sstream>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/policy/store.h"
#include "phisentry/rules/rule.h"
#include "phisentry/rules/signature.h"

namespace phisentry::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Usage: phisentry policy check FILE     validate a policy document (schema: extension/schema/managed-policy.json)\n"
    "       phisentry policy show [--policy FILE] [--managed FILE] [--json]\n"
    "                                       the effective policy and where each value came from\n\n"
    "The system policy file is /etc/phisentry/policy.json ($PHISENTRY_POLICY replaces it); --managed FILE\n"
    "shows what a managed browser policy with that content would give. Exit status: 0 valid, 1 invalid, 2 error.";

std::vector<std::string> pack_categories(const std::string& rules_dir) {
  try {
    return rules::load_pack(resolve_rules_dir(rules_dir)).categories();
  } catch (const std::exception&) {
    return {};  // without a pack, category names are not checked
  }
}

void print_errors(const std::string& where, const std::vector<policy::PolicyError>& errors) {
  for (const policy::PolicyError& error : errors) {
    std::cout << where << ": " << (error.key.empty() ? "(document)" : error.key) << ": " << error.message << '\n';
  }
}

int check(const fs::path& file, const std::string& rules_dir) {
  if (!fs::is_regular_file(file)) {
    std::cerr << "phisentry policy check: " << file.string() << " is not a file\n";
    return kExitError;
  }
  policy::PolicyStore store(pack_categories(rules_dir));
  const auto errors = store.load_system_file(file);
  print_errors(file.string(), errors);
  if (errors.empty()) std::cout << "ok: " << file.string() << " is a valid policy\n";
  return errors.empty() ? 0 : 1;
}

nlohmann::json read_document(const fs::path& file, std::vector<policy::PolicyError>& errors) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) errors.push_back({"", "cannot read " + file.string()});
  auto document = in ? policy::parse_document(text.str(), errors) : std::nullopt;
  return document ? *document : nlohmann::json(nullptr);
}

int show(const std::string& policy_file, const std::string& managed_file, bool as_json, const std::string& rules_dir) {
  policy::PolicyStore store(pack_categories(rules_dir));
  // Where the policy requires signed packs, say whether the installed pack would pass.
  store.check_rules_with([dir = resolve_rules_dir(rules_dir)] { return rules::pack_signature_refusal(dir); });
  const fs::path system_file = policy_file.empty() ? policy::system_policy_file() : fs::path(policy_file);
  store.load_system_file(system_file);
  if (!managed_file.empty()) {
    std::vector<policy::PolicyError> errors;
    const auto document = read_document(managed_file, errors);
    if (errors.empty()) store.set_managed(document);
    else print_errors(managed_file, errors);
  }
  const nlohmann::json status = store.status();
  if (as_json) {
    std::cout << status.dump(2) << '\n';
    return status["ok"].get<bool>() ? 0 : 1;
  }
  std::cout << "system policy file: " << system_file.string() << (fs::exists(system_file) ? "" : " (none)") << "\n\n";
  for (const std::string& key : policy::policy_keys()) {
    std::cout << key << " = " << status["policy"][key].dump() << "   [" << status["sources"][key].get<std::string>() << "]\n";
  }
  for (const auto& error : status["errors"]) {
    std::cout << "\nrefused (" << error["source"].get<std::string>() << "): " << error["key"].get<std::string>() << ": "
              << error["message"].get<std::string>() << " -- the last valid policy stays in force";
  }
  if (!status["errors"].empty()) std::cout << '\n';
  if (status.contains("rules_refused")) {
    std::cout << "\nrule pack refused: " << status["rules_refused"].get<std::string>() << " -- a host under this policy does not scan\n";
  }
  return status["ok"].get<bool>() ? 0 : 1;
}

}  // namespace

int policy_command(const std::vector<std::string>& args) {
  std::string action, file, policy_file, managed_file, rules_dir;
  bool as_json = false;
  po::options_description options("Policy options");
  options.add_options()("action", po::value(&action), "check or show")("file", po::value(&file), "the policy to check")(
      "policy", po::value(&policy_file)->value_name("FILE"), "system policy file to show (default: the installed one)")(
      "managed", po::value(&managed_file)->value_name("FILE"), "a managed browser policy to lay over it")(
      "json", po::bool_switch(&as_json), "print JSON")("rules", po::value(&rules_dir)->value_name("DIR"),
                                                        "rule pack whose categories disabled_categories may name");
  po::positional_options_description positional;
  positional.add("action", 1).add("file", 1);
  po::variables_map values;
  if (!parse_subcommand(kUsage, args, options, positional, values)) return 0;
  if (action == "check" && !file.empty()) return check(file, rules_dir);
  if (action == "show") return show(policy_file, managed_file, as_json, rules_dir);
  std::cerr << kUsage << '\n';
  return kExitError;
}

}  // namespace phisentry::cli
