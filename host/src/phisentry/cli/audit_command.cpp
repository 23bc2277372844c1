// `phisentry audit verify|show|keygen`: prove the audit trail is whole, summarise it, and create the
// install's checkpoint signing key.

#include <algorithm>
#include <iostream>

#include "phisentry/audit/log_file.h"
#include "phisentry/audit/signing.h"
#include "phisentry/audit/summary.h"
#include "phisentry/audit/verify.h"
#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"

namespace phisentry::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Usage: phisentry audit verify [FILE...] [--public-key FILE.pub] [--head FILE.head]\n"
    "           prove the trail is whole: reports edits, deletions, reordering and truncation, naming the\n"
    "           first bad record. Exit status: 0 intact, 1 problems, 2 error.\n"
    "       phisentry audit show [FILE...] [--since YYYY-MM-DD]   counts by event, workspace, category, day\n"
    "       phisentry audit keygen      create the checkpoint signing key (the installer runs this)\n\n"
    "Without FILE: the per-user trail ($PHISENTRY_AUDIT_FILE, else ~/.local/state/phisentry/audit.jsonl)\n"
    "and its rotated files (audit.jsonl.<seq>).";

// The live file and every rotated file next to it.
std::vector<fs::path> default_files() {
  const fs::path live = audit::default_audit_file();
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(live.parent_path(), error)) {
    const std::string name = entry.path().filename().string();
    const std::string prefix = live.filename().string() + ".";
    if (name.starts_with(prefix) && name.find_first_not_of("0123456789", prefix.size()) == std::string::npos) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  if (fs::exists(live)) files.push_back(live);
  return files;
}

std::optional<fs::path> head_for(const std::vector<fs::path>& files, const std::string& explicit_head) {
  if (!explicit_head.empty()) return fs::path(explicit_head);
  for (const fs::path& file : files) {
    if (fs::exists(audit::head_file_for(file))) return audit::head_file_for(file);
  }
  return std::nullopt;
}

int verify(const std::vector<fs::path>& files, const std::string& public_key, const std::string& head) {
  audit::VerifyOptions options;
  const fs::path key_file = public_key.empty() ? fs::path(audit::default_signing_key_file().string() + ".pub") : fs::path(public_key);
  if (fs::exists(key_file)) options.trusted_key_id = audit::read_public_key_id(key_file);
  else if (!public_key.empty()) throw std::runtime_error(public_key + " does not exist");
  options.head = head_for(files, head);
  const audit::VerifyReport report = audit::verify_files(files, options);
  for (const std::string& note : report.notes) std::cout << "note: " << note << '\n';
  for (const auto& problem : report.problems) {
    std::cout << "problem: " << problem.file << (problem.line ? ":" + std::to_string(problem.line) : "") << ": "
              << problem.message << '\n';
  }
  if (report.ok()) {
    std::cout << "ok: " << report.records << " records (" << report.first_seq << " to " << report.last_seq << "), "
              << report.checkpoints << " signed checkpoints, chain intact\n";
    return 0;
  }
  const auto& first = report.problems.front();
  std::cout << "FAILED: first bad record " << first.seq << " (" << first.kind << ") in " << first.file << '\n';
  return 1;
}

int keygen() {
  const fs::path file = audit::default_signing_key_file();
  const audit::SigningKey key = audit::SigningKey::load_or_create(file);
  std::cout << "audit signing key " << key.key_id() << "\n  secret: " << file.string() << "\n  public: " << file.string() << ".pub\n";
  return 0;
}

}  // namespace

int audit_command(const std::vector<std::string>& args) {
  std::string action, public_key, head, since;
  std::vector<std::string> file_args;
  po::options_description options("Audit options");
  options.add_options()("action", po::value(&action), "verify, show or keygen")(
      "file", po::value(&file_args)->multitoken(), "audit files")(
      "public-key", po::value(&public_key)->value_name("FILE"), "the install's checkpoint key (default: next to the secret key)")(
      "head", po::value(&head)->value_name("FILE"), "the signed newest position (default: FILE.head)")(
      "since", po::value(&since)->value_name("YYYY-MM-DD"), "show: only records from this day on");
  po::positional_options_description positional;
  positional.add("action", 1).add("file", -1);
  po::variables_map values;
  if (!parse_subcommand(kUsage, args, options, positional, values)) return 0;
  if (action == "keygen") return keygen();
  std::vector<fs::path> files(file_args.begin(), file_args.end());
  if (files.empty() && action != "keygen") files = default_files();
  if (action == "verify") {
    if (files.empty()) {
      std::cerr << "phisentry audit verify: no audit file found\n";
      return kExitError;
    }
    return verify(files, public_key, head);
  }
  if (action == "show") {
    std::cout << audit::render(audit::summarize(files, since));
    return 0;
  }
  std::cerr << kUsage << '\n';
  return kExitError;
}

}  // namespace phisentry::cli
