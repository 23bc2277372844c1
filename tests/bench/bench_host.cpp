// The host's speed, each figure next to a baseline measured in the same run (never a timed assertion).
//   phisentry_bench --corpus FILE.jsonl [--rules DIR] [--seconds N]
// FILE.jsonl comes from tests/corpus/generate.py: realistic wiki pages, with and without PHI.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "phisentry/log/logging.h"
#include "phisentry/protocol/server.h"
#include "phisentry/rules/rule.h"
#include "phisentry/scan/reference_matcher.h"
#include "phisentry/scan/scanner.h"

using namespace phisentry;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Corpus {
  std::string phi;    // PHI pages, joined
  std::string clean;  // look-alike pages without PHI, joined
};

Corpus read_corpus(const std::string& path) {
  Corpus corpus;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path + " (make it with tests/corpus/generate.py)");
  for (std::string line; std::getline(in, line);) {
    const auto page = nlohmann::json::parse(line);
    (page["kind"] == "phi" ? corpus.phi : corpus.clean) += page["text"].get<std::string>() + "\n\n";
  }
  return corpus;
}

// Repeats `text` to `size` bytes, cut on a line boundary.
std::string sized(const std::string& text, std::size_t size) {
  std::string out;
  while (out.size() < size) out += text;
  out.resize(size);
  const auto cut = out.rfind('\n');
  if (cut != std::string::npos && cut > size / 2) out.resize(cut);
  return out;
}

// MB/s of scanning `text` repeatedly for about `budget` seconds.
double throughput(scan::Scanner& scanner, const std::string& text, double budget) {
  const auto utf8 = text::Utf8Text::from_valid(text);
  std::size_t bytes = 0;
  const auto start = Clock::now();
  do {
    scanner.scan(utf8);
    bytes += text.size();
  } while (seconds_since(start) < budget);
  return static_cast<double>(bytes) / 1e6 / seconds_since(start);
}

struct Latency {
  double p50_us;
  double p99_us;
};

// Request in to reply out through the protocol server: JSON parse, scan, offsets, JSON out.
Latency request_latency(protocol::Server& server, const std::string& text, int runs) {
  const std::string request = nlohmann::json{{"type", "scan"}, {"id", 1}, {"text", text}}.dump();
  std::vector<double> us;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    const std::string reply = server.handle(request);
    us.push_back(seconds_since(start) * 1e6);
    if (reply.empty()) std::abort();
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
}

double startup_ms(const fs::path& rules, bool cached, const fs::path& cache_dir) {
  const auto start = Clock::now();
  auto compiled = scan::CompiledPack::build(rules::load_pack(rules), {cached, cache_dir});
  return seconds_since(start) * 1e3;
}

void row(const char* what, double value, const char* unit, double baseline, const char* baseline_name) {
  std::printf("%-44s %10.2f %-5s  %-24s %10.2f  x%.1f\n", what, value, unit, baseline_name, baseline,
              baseline > 0 ? value / baseline : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus_path = "build/corpus.jsonl";
  fs::path rules = fs::path(PHISENTRY_SOURCE_DIR) / "rules";
  double budget = 2.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--corpus") corpus_path = argv[i + 1];
    if (flag == "--rules") rules = argv[i + 1];
    if (flag == "--seconds") budget = std::stod(argv[i + 1]);
  }
  log::configure({"warn", ""});
  const Corpus corpus = read_corpus(corpus_path);
  const fs::path cache_dir = fs::temp_directory_path() / "phisentry-bench-cache";
  fs::remove_all(cache_dir);

  const double cold = startup_ms(rules, true, cache_dir);  // compiles and fills the cache
  const double warm = startup_ms(rules, true, cache_dir);
  const auto compiled = scan::CompiledPack::build(rules::load_pack(rules), {true, cache_dir});
  scan::Scanner fast(compiled);
  scan::Scanner reference(compiled, std::make_unique<scan::ReferenceMatcher>(compiled->patterns()));
  protocol::Server server(compiled, {});

  std::printf("PHI Sentry host benchmark: %zu rules, %zu patterns, %zu literals, names index %s\n",
              compiled->pack().rules.size(), compiled->patterns().regexes.size(), compiled->patterns().literals.size(),
              compiled->name_index() ? "on" : "off");
  std::printf("%-44s %10s %-5s  %-24s %10s  %s\n", "measure", "value", "unit", "baseline (same run)", "baseline",
              "ratio");
  const std::string clean = sized(corpus.clean, 4 << 20);
  const std::string phi = sized(corpus.phi, 4 << 20);
  // The reference matcher tries every pattern at every offset: measure it on a small slice.
  const std::string clean_small = sized(corpus.clean, 16 << 10);
  const std::string phi_small = sized(corpus.phi, 16 << 10);
  row("throughput, pages without PHI (4 MiB)", throughput(fast, clean, budget), "MB/s",
      throughput(reference, clean_small, budget), "reference matcher MB/s");
  row("throughput, pages with PHI (4 MiB)", throughput(fast, phi, budget), "MB/s",
      throughput(reference, phi_small, budget), "reference matcher MB/s");
  for (const std::size_t size : {std::size_t{20} << 10, std::size_t{200} << 10}) {
    const std::string page = sized(corpus.phi, size);
    const Latency host = request_latency(server, page, size < (100 << 10) ? 400 : 60);
    const auto utf8 = text::Utf8Text::from_valid(page);
    const auto start = Clock::now();
    reference.scan(utf8);
    const double reference_us = seconds_since(start) * 1e6;
    const std::string label = std::to_string(size >> 10) + " KiB page, request to reply";
    row((label + " p50").c_str(), host.p50_us, "us", reference_us, "reference scan us");
    row((label + " p99").c_str(), host.p99_us, "us", reference_us, "reference scan us");
  }
  row("start-up to ready, with the database cache", warm, "ms", cold, "without the cache ms");
  fs::remove_all(cache_dir);
  return 0;
}
