// `phisentry rules check|list [DIR]`, and signing packs: `rules keygen|sign|verify`.

#include <iomanip>
#include <iostream>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/rules/rule.h"
#include "phisentry/rules/signature.h"
#include "phisentry/scan/pack_check.h"

namespace phisentry::cli {
namespace {

constexpr const char* kUsage =
    "Usage: phisentry rules check [DIR]   prove a rule pack: it compiles, every example is found, no negative is\n"
    "       phisentry rules list [DIR]    list the pack's rules\n"
    "       phisentry rules keygen PREFIX            new Ed25519 signing key: PREFIX.key (secret), PREFIX.pub\n"
    "       phisentry rules sign DIR --key FILE.key  write DIR/pack.manifest and add this key's signature\n"
    "       phisentry rules verify [DIR] [--key FILE.pub]...  check the signature (default: the installed keys)\n\n"
    "DIR defaults to the installed pack. Exit status of check and verify: 0 sound, 1 problems, 2 error.\n"
    "Signing and key rotation: rules/SIGNING.md.";

int keygen(const std::string& prefix) {
  const rules::PublicKey key = rules::generate_key_files(prefix);
  std::cout << "key " << key.id << ": secret in " << prefix << ".key (keep it offline), public in " << key.source << '\n';
  return 0;
}

int sign(const std::string& dir, const std::vector<std::string>& keys) {
  if (dir.empty() || keys.size() != 1) {
    std::cerr << "phisentry rules sign: give the pack folder and one --key FILE.key\n";
    return kExitError;
  }
  const rules::SigningKey key = rules::read_signing_key(keys.front());
  rules::sign_pack(dir, key);
  std::cout << "signed " << dir << " with key " << key.public_key.id << '\n';
  return 0;
}

int verify(const std::string& dir, const std::vector<std::string>& keys) {
  rules::TrustStore trust;
  if (keys.empty()) trust = rules::installed_trust_store();
  for (const std::string& file : keys) trust.keys.push_back(rules::read_public_key(file));
  const rules::Verification verification = rules::verify_pack(resolve_rules_dir(dir), trust.keys);
  for (const std::string& problem : verification.problems) std::cout << "problem: " << problem << '\n';
  if (verification.ok()) std::cout << "ok: signed by trusted key " << verification.signed_by << '\n';
  return verification.ok() ? 0 : 1;
}

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
  std::vector<std::string> keys;
  po::options_description options("Rules options");
  options.add_options()("action", po::value(&action), "check, list, keygen, sign or verify")(
      "dir", po::value(&dir), "rule pack folder (keygen: the key files' prefix)")(
      "key", po::value(&keys)->value_name("FILE"), "sign: the secret key; verify: a trusted public key (repeatable)");
  options.add(common_options(common));
  po::positional_options_description positional;
  positional.add("action", 1).add("dir", 1);
  po::variables_map values;
  if (!parse_subcommand(kUsage, args, options, positional, values)) return 0;
  configure_logging(common);
  if (action == "keygen") return keygen(dir);
  if (action == "sign") return sign(dir, keys);
  if (dir.empty()) dir = common.rules_dir;
  if (action == "check") return check(dir);
  if (action == "list") return list(dir);
  if (action == "verify") return verify(dir, keys);
  std::cerr << "phisentry rules: expected 'check', 'list', 'keygen', 'sign' or 'verify'\n" << kUsage << '\n';
  return kExitError;
}

}  // namespace phisentry::cli
