// `phisentry sweep`: finds PHI already stored in Confluence exports, sites (REST) and folders, and
// writes reports an IT lead can act on. Values never leave the scanner: reports hold keyed hashes.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/policy/store.h"
#include "phisentry/sweep/html_text.h"
#include "phisentry/sweep/http.h"
#include "phisentry/sweep/progress.h"
#include "phisentry/sweep/session.h"

namespace phisentry::cli {
namespace {

constexpr const char* kUsage =
    "Usage: phisentry sweep [OPTIONS] [PATH...]\n"
    "       phisentry sweep --site URL [--space KEY]... [OPTIONS]\n\n"
    "Finds PHI already stored in Confluence: space exports (HTML or XML zip, or their unzipped folder),\n"
    "a Cloud or Data Center site over its REST API, or folders of text, Markdown and HTML files.\n"
    "Writes report.html, pages.csv, pages.jsonl and summary.json to --out; values are never written,\n"
    "only keyed hashes of them. The API token is read from $PHISENTRY_CONFLUENCE_TOKEN (or --token-env)\n"
    "or --token-file, never from the command line. Pages are covered (by a BAA) as the policy's\n"
    "workspaces say, as for the extension; exports carry no site URL, so name their spaces with --covered.\n\n"
    "Exit status: 0 no PHI outside covered workspaces, 1 PHI found outside covered workspaces,\n"
    "2 error or incomplete sweep with nothing found (see the report's problems; --resume continues).";

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) { g_stop = true; }

void on_interrupt_stop() {
  struct sigaction action{};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

struct SweepArguments {
  std::vector<std::string> paths;
  std::string site;
  std::vector<std::string> spaces;
  std::string user;
  std::string token_env = "PHISENTRY_CONFLUENCE_TOKEN";
  std::string token_file;
  std::string out = "phisentry-sweep";
  bool resume = false;
  std::vector<std::string> covered;
  std::string policy_file;
  std::string min_confidence = "medium";
  unsigned jobs = 0;
  std::string hash_key_file;
  std::string progress = "auto";
  unsigned page_size = 50;
  unsigned max_retries = 6;
  long max_retry_wait = 300;
  long timeout = 60;
};

po::options_description sweep_options(SweepArguments& a) {
  po::options_description options("Sweep options");
  options.add_options()
      ("site", po::value(&a.site)->value_name("URL"), "Confluence base URL (Cloud: https://SITE.atlassian.net/wiki)")
      ("space", po::value(&a.spaces)->value_name("KEY")->composing(), "only this space of the site (repeatable)")
      ("user", po::value(&a.user)->value_name("EMAIL"), "Cloud: the token's account (basic auth); DC: omit (bearer)")
      ("token-env", po::value(&a.token_env)->value_name("VAR")->default_value(a.token_env),
       "environment variable that holds the API token")
      ("token-file", po::value(&a.token_file)->value_name("FILE"), "file that holds the API token")
      ("out", po::value(&a.out)->value_name("DIR")->default_value(a.out), "folder for the reports and the state")
      ("resume", po::bool_switch(&a.resume), "go on with the interrupted sweep in --out")
      ("policy", po::value(&a.policy_file)->value_name("FILE"),
       "policy whose workspaces say which are covered by a BAA (default: the machine's, $PHISENTRY_POLICY)")
      ("covered", po::value(&a.covered)->value_name("PATTERN")->composing(),
       "also covered: glob on the site or space URL, space key or export, e.g. for exports (repeatable)")
      ("min-confidence", po::value(&a.min_confidence)->value_name("LEVEL")->default_value(a.min_confidence),
       "report findings at or above low, medium or high")
      ("jobs,j", po::value(&a.jobs)->value_name("N"), "scanning threads (default: one per core)")
      ("hash-key-file", po::value(&a.hash_key_file)->value_name("FILE"),
       "key of the value hashes (default: ~/.config/phisentry/sweep-hash.key, created 0600 if missing)")
      ("progress", po::value(&a.progress)->value_name("WHEN")->default_value(a.progress), "auto, always or never")
      ("page-size", po::value(&a.page_size)->value_name("N")->default_value(a.page_size), "pages per REST request")
      ("max-retries", po::value(&a.max_retries)->value_name("N")->default_value(a.max_retries),
       "retries of a failed or rate-limited REST request")
      ("max-retry-wait", po::value(&a.max_retry_wait)->value_name("SECONDS")->default_value(a.max_retry_wait),
       "longest Retry-After to wait for")
      ("timeout", po::value(&a.timeout)->value_name("SECONDS")->default_value(a.timeout), "per REST request")
      ("path", po::value(&a.paths)->composing(), "exports, folders or files to sweep");
  return options;
}

std::string trimmed_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string read_token(const SweepArguments& a) {
  if (!a.token_file.empty()) {
    std::ifstream in(a.token_file);
    if (!in) throw std::runtime_error("cannot read the token file " + a.token_file);
    std::ostringstream token;
    token << in.rdbuf();
    return trimmed_line(token.str());
  }
  const char* token = std::getenv(a.token_env.c_str());
  if (token == nullptr || *token == '\0') {
    throw std::runtime_error("no API token: set $" + a.token_env + " or give --token-file");
  }
  return trimmed_line(token);
}

rules::Confidence confidence_option(const std::string& text) {
  const auto level = rules::parse_confidence(text);
  if (!level || *level == rules::Confidence::none) {
    throw po::validation_error(po::validation_error::invalid_option_value, "min-confidence", text);
  }
  return *level;
}

bool progress_wanted(const std::string& when) {
  if (when == "always") return true;
  if (when == "never") return false;
  if (when != "auto") throw po::validation_error(po::validation_error::invalid_option_value, "progress", when);
  return sweep::stderr_is_terminal();
}

sweep::SweepRequest request_from(const SweepArguments& a) {
  sweep::SweepRequest request;
  request.paths.assign(a.paths.begin(), a.paths.end());
  if (!a.site.empty()) {
    sweep::SiteOptions site;
    site.base_url = a.site;
    site.spaces = a.spaces;
    site.user = a.user;
    site.token = read_token(a);
    site.page_size = std::clamp(a.page_size, 1U, 250U);
    site.max_retries = a.max_retries;
    site.max_retry_wait = std::chrono::seconds(a.max_retry_wait);
    site.timeout = std::chrono::seconds(std::max(1L, a.timeout));
    request.site = std::move(site);
  }
  request.out_dir = a.out;
  request.resume = a.resume;
  request.jobs = a.jobs;
  request.min_confidence = confidence_option(a.min_confidence);
  request.progress = progress_wanted(a.progress);
  return request;
}

void print_summary(const sweep::Summary& s, const std::string& out) {
  const sweep::RunFacts& run = s.run;
  const double seconds = std::max(run.seconds, 1e-9);
  std::printf("Swept %zu pages (%.1f MB) in %.2f s on %u threads: %.0f pages/s, %.1f MB/s.\n", run.pages_this_run,
              static_cast<double>(run.bytes) / 1e6, run.seconds, run.threads,
              static_cast<double>(run.pages_this_run) / seconds, static_cast<double>(run.bytes) / 1e6 / seconds);
  std::printf("PHI on %zu of %zu pages outside covered workspaces, and on %zu of %zu pages in covered ones.\n",
              s.uncovered.with_phi, s.uncovered.pages, s.covered.with_phi, s.covered.pages);
  if (!s.problems.empty()) std::printf("%zu problem(s): see the report.\n", s.problems.size());
  if (!run.complete) std::printf("The sweep did not finish: run it again with --resume to go on.\n");
  std::printf("Report: %s/%s (also pages.csv, pages.jsonl, summary.json)\n", out.c_str(), sweep::kReportHtml);
}

// The machine policy (or --policy FILE); a policy with errors is refused, as the host refuses it.
policy::Policy sweep_policy(const std::string& file_option, const scan::CompiledPack& compiled) {
  const std::filesystem::path file = file_option.empty() ? policy::system_policy_file() : std::filesystem::path(file_option);
  if (!file_option.empty() && !std::filesystem::exists(file)) throw std::runtime_error(file.string() + ": no such policy file");
  policy::PolicyStore store(compiled.pack().categories());
  const auto errors = store.load_system_file(file);
  if (!errors.empty()) {
    const policy::PolicyError& first = errors.front();
    throw std::runtime_error("policy " + file.string() + ": " + (first.key.empty() ? "" : first.key + ": ") + first.message);
  }
  spdlog::info("sweep: {} workspace entries from the policy {}", store.effective().workspaces.size(), file.string());
  return store.effective();
}

int exit_status(const sweep::Summary& s) {
  if (s.uncovered.with_phi > 0) return 1;
  return s.problems.empty() && s.run.complete ? 0 : kExitError;
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  CommonOptions common;
  SweepArguments arguments;
  po::options_description options = sweep_options(arguments);
  options.add(common_options(common));
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map values;
  if (!parse_subcommand(kUsage, args, options, positional, values)) return 0;
  if (arguments.paths.empty() && arguments.site.empty()) {
    throw po::error("give an export, a folder or a file to sweep, or --site URL");
  }
  if (!arguments.spaces.empty() && arguments.site.empty()) throw po::error("--space needs --site");
  const sweep::SweepRequest request = request_from(arguments);
  configure_logging(common);
  sweep::init_xml_library();
  sweep::init_http_library();
  const auto compiled = load_rules(common);
  const crypto::ValueHasher hasher = crypto::ValueHasher::from_key_file(
      arguments.hash_key_file.empty() ? crypto::default_key_file() : std::filesystem::path(arguments.hash_key_file));
  const sweep::SweepCoverage coverage(sweep::GlobCoverage(arguments.covered),
                                      sweep::PolicyCoverage(sweep_policy(arguments.policy_file, *compiled)));
  on_interrupt_stop();
  const sweep::SweepOutcome outcome = sweep::run_sweep(request, compiled, hasher, coverage, g_stop);
  print_summary(outcome.summary, arguments.out);
  return exit_status(outcome.summary);
}

}  // namespace phisentry::cli
