// The host's speed, each figure next to a baseline measured in the same run (never a timed assertion).
//   phisentry_bench --corpus FILE.jsonl [--rules DIR] [--seconds N] [--max-mib N] [--json OUT.jsonl] [--quick]
//                   [--only engine|requests|startup|text|names]   (one section, e.g. under `perf record`)
// FILE.jsonl comes from tests/corpus/generate.py: realistic wiki pages, with and without PHI.
// --json also writes every figure as {"key", "value", "unit"} lines for tests/bench/report.py.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <time.h>
#include <unistd.h>
#include <string>
#include <vector>

#include "bench_common.h"
#include "phisentry/log/logging.h"
#include "phisentry/protocol/server.h"
#include "phisentry/rules/rule.h"
#include "phisentry/scan/name_finder.h"
#include "phisentry/scan/reference_matcher.h"
#include "phisentry/scan/scanner.h"

using namespace phisentry;
using bench::Clock;
using bench::read_corpus;
using bench::seconds_since;
using bench::sized;
using bench::throughput;
namespace fs = std::filesystem;

namespace {

// Peak resident memory of this process so far (VmHWM), in MB.
double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

struct Latency {
  double p50_us;
  double p99_us;
};

template <typename Run>
Latency latency(int runs, Run&& once) {
  std::vector<double> us;
  once();
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    once();
    us.push_back(seconds_since(start) * 1e6);
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
}

// Prints the table and, with --json, records every figure for report.py.
class Report {
 public:
  explicit Report(const std::string& json_path) {
    if (!json_path.empty()) json_.open(json_path);
  }
  void section(const char* title) { std::printf("\n%s\n", title); }
  void row(const std::string& key, const std::string& label, double value, const char* unit) {
    std::printf("  %-58s %12.2f %s\n", label.c_str(), value, unit);
    if (json_.is_open()) json_ << nlohmann::json{{"key", key}, {"value", value}, {"unit", unit}}.dump() << '\n';
  }
  void ratio(const std::string& label, double value, double baseline) {
    std::printf("  %-58s %12.1f x\n", label.c_str(), baseline > 0 ? value / baseline : 0.0);
  }

 private:
  std::ofstream json_;
};

struct Options {
  std::string corpus = "build/corpus.jsonl";
  fs::path rules = fs::path(PHISENTRY_SOURCE_DIR) / "rules";
  double budget = 2.0;
  std::size_t max_mib = 16;  // the largest page of the text-size curve
  std::string json;
  bool quick = false;  // small inputs and few runs: the smoke test
  std::string only;    // one section; empty: all
  bool runs(const char* section) const { return only.empty() || only == section; }
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--quick") {
      options.quick = true;
      continue;
    }
    if (i + 1 == argc) break;
    ++i;
    if (flag == "--corpus") options.corpus = argv[i];
    if (flag == "--rules") options.rules = argv[i];
    if (flag == "--seconds") options.budget = std::stod(argv[i]);
    if (flag == "--max-mib") options.max_mib = std::stoul(argv[i]);
    if (flag == "--json") options.json = argv[i];
    if (flag == "--only") options.only = argv[i];
  }
  return options;
}

// The start-of-match search one end at a time, as before the windows of nearby ends were merged:
// the baseline of that lever, in the same run.
class PerEndStarts final : public scan::Matcher {
 public:
  explicit PerEndStarts(std::unique_ptr<scan::Matcher> inner) : inner_(std::move(inner)) {}
  void find_literals(std::string_view text, scan::Hits& hits) override { inner_->find_literals(text, hits); }
  void find_patterns(std::string_view text, scan::Hits& hits) override { inner_->find_patterns(text, hits); }
  std::optional<std::uint32_t> leftmost_start(std::uint32_t pattern, std::string_view text,
                                              std::uint32_t end) override {
    return inner_->leftmost_start(pattern, text, end);
  }
  void match_gated_everywhere(bool everywhere) override { inner_->match_gated_everywhere(everywhere); }

 private:
  std::unique_ptr<scan::Matcher> inner_;
};

bool same_findings(const std::vector<scan::Finding>& a, const std::vector<scan::Finding>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const scan::Finding& x, const scan::Finding& y) {
    return x.start == y.start && x.end == y.end && x.rule == y.rule && x.confidence == y.confidence && x.why == y.why;
  });
}

// The whole engine, its two stages alone, and the reference matcher, on the same text.
void engine(Report& report, const std::shared_ptr<const scan::CompiledPack>& pack, scan::Scanner& fast,
            scan::Scanner& reference, const std::string& text, const std::string& small, const std::string& kind,
            double budget) {
  const scan::CompiledPack& compiled = *pack;
  const auto utf8 = text::Utf8Text::from_valid(text);
  const double full = throughput(text.size(), budget, [&] { fast.scan(utf8); });
  report.row("engine." + kind + "_mbps", "whole engine (" + kind + ", " + std::to_string(text.size() >> 10) + " KiB)",
             full, "MB/s");
  scan::Scanner per_end(pack, std::make_unique<PerEndStarts>(compiled.make_matcher()));
  const double one_by_one = throughput(text.size(), budget, [&] { per_end.scan(utf8); });
  report.row("engine." + kind + "_per_end_starts_mbps", "  baseline: start search one hs_scan per end", one_by_one,
             "MB/s");
  report.ratio("merged start windows vs one per end", full, one_by_one);
  report.row("engine." + kind + "_same_findings", "  findings identical to the per-end search (1 = yes)",
             same_findings(fast.scan(utf8).findings, per_end.scan(utf8).findings) ? 1 : 0, "");
  const auto matcher = compiled.make_matcher();
  scan::Hits hits;
  const double stage = throughput(text.size(), budget, [&] {
    hits.clear();
    matcher->find(text, hits);
  });
  report.row("engine." + kind + "_hyperscan_mbps", "  stage: Hyperscan regex + literal databases", stage, "MB/s");
  report.row("engine." + kind + "_regex_hits_per_mib", "  raw regex ends per MiB (each may need a start search)",
             static_cast<double>(hits.regex.size()) * (1 << 20) / static_cast<double>(text.size()), "hits");
  if (compiled.name_index()) {
    scan::NameFinder names(compiled.name_index());
    std::vector<scan::NameSpan> spans;
    const double named = throughput(text.size(), budget, [&] {
      spans.clear();
      names.find(text, spans);
    });
    report.row("engine." + kind + "_names_mbps", "  stage: name finder (words into the hash index)", named, "MB/s");
  }
  const auto small_utf8 = text::Utf8Text::from_valid(small);
  const double slow = throughput(small.size(), budget, [&] { reference.scan(small_utf8); });
  report.row("engine." + kind + "_reference_mbps",
             "reference matcher (PCRE2, same rules, " + std::to_string(small.size() >> 10) + " KiB)", slow, "MB/s");
  report.ratio("engine vs reference matcher", full, slow);
}

// Request in to reply out through the protocol server (JSON parse, UTF-8 check, scan, offsets, JSON out).
void requests(Report& report, protocol::Server& server, scan::Scanner& fast, const std::string& phi, bool quick) {
  for (const std::size_t kib : {std::size_t{20}, std::size_t{1024}}) {
    const std::string page = sized(phi, kib << 10);
    const std::string request = nlohmann::json{{"type", "scan"}, {"id", 1}, {"text", page}}.dump();
    const int runs = quick ? 3 : kib < 100 ? 1000 : 40;
    const Latency host = latency(runs, [&] {
      if (server.handle(request).empty()) std::abort();
    });
    const auto utf8 = text::Utf8Text::from_valid(page);
    const Latency engine_only = latency(runs, [&] { fast.scan(utf8); });
    const std::string label = std::to_string(kib) + " KiB page";
    const std::string key = "host." + std::to_string(kib) + "k";
    report.row(key + "_p50_us", label + ", request to reply, p50", host.p50_us, "us");
    report.row(key + "_p99_us", label + ", request to reply, p99", host.p99_us, "us");
    report.row(key + "_scan_p50_us", label + ", scan alone, p50", engine_only.p50_us, "us");
    report.row(key + "_protocol_share", label + ", share spent outside the scan (JSON, offsets)",
               100.0 * (host.p50_us - engine_only.p50_us) / host.p50_us, "%");
  }
}

// Time and memory as the page grows; linear in text is the goal (ns per byte stays flat).
void text_scaling(Report& report, scan::Scanner& fast, const std::string& phi, std::size_t max_mib) {
  for (const std::size_t size : {std::size_t{2} << 10, std::size_t{16} << 10, std::size_t{128} << 10,
                                 std::size_t{1} << 20, std::size_t{4} << 20, std::size_t{16} << 20}) {
    if (size > (max_mib << 20)) break;
    const std::string page = sized(phi, size);
    const auto utf8 = text::Utf8Text::from_valid(page);
    const int runs = static_cast<int>(std::clamp<std::size_t>((64 << 20) / size, 3, 400));
    const Latency scan = latency(runs, [&] { fast.scan(utf8); });
    const std::string kib = std::to_string(size >> 10);
    report.row("scale.text_" + kib + "k_us", kib + " KiB: scan p50", scan.p50_us, "us");
    report.row("scale.text_" + kib + "k_ns_per_byte", kib + " KiB: per byte",
               scan.p50_us * 1e3 / static_cast<double>(page.size()), "ns");
    report.row("scale.text_" + kib + "k_rss_mb", kib + " KiB: peak RSS of the benchmark so far", peak_rss_mb(), "MB");
  }
}

// `count` dictionary entries: the shipped names first, then invented ones (syllables from a fixed
// seed), so lookups hit as often as with the real dictionaries.
std::vector<std::string> dictionary_of(const rules::NameSource& shipped, std::size_t count) {
  std::vector<std::string> out;
  for (const auto& list : {shipped.first_entries, shipped.last_entries}) {
    for (const std::string& name : *list) {
      if (out.size() == count) return out;
      out.push_back(name);
    }
  }
  static constexpr const char* kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "dra", "bel", "cor",
                                               "fen", "gar", "hul", "jin", "mor", "pel", "quin", "ster", "wyn"};
  std::mt19937 random(1);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kSyllables) - 1);
  while (out.size() < count) {
    std::string name = kSyllables[pick(random)];
    for (int i = 0; i < 3; ++i) name += kSyllables[pick(random)];
    name[0] = static_cast<char>(name[0] - 32);
    out.push_back(std::move(name));
  }
  return out;
}

// Names finder speed and index size as the dictionary grows: a hash lookup should stay nearly flat.
void dictionary_scaling(Report& report, const scan::CompiledPack& compiled, const std::string& clean, double budget,
                        bool quick) {
  const rules::NameSource* shipped = nullptr;
  for (const auto& rule : compiled.pack().rules) {
    if (rule.names) shipped = &*rule.names;
  }
  if (shipped == nullptr) return;
  const std::vector<std::size_t> counts =
      quick ? std::vector<std::size_t>{10'000} : std::vector<std::size_t>{10'000, 50'000, 100'000, 200'000, 500'000};
  for (const std::size_t count : counts) {
    rules::NameSource source;
    auto names = dictionary_of(*shipped, count);
    const std::size_t half = names.size() / 2;
    source.first_entries = std::make_shared<const std::vector<std::string>>(names.begin(), names.begin() + half);
    source.last_entries = std::make_shared<const std::vector<std::string>>(names.begin() + half, names.end());
    source.common_word_entries = shipped->common_word_entries;
    const auto start = Clock::now();
    const auto index = std::make_shared<const scan::NameIndex>(source);
    const double build_ms = seconds_since(start) * 1e3;
    scan::NameFinder finder(index);
    std::vector<scan::NameSpan> spans;
    const double mbps = throughput(clean.size(), budget / 2, [&] {
      spans.clear();
      finder.find(clean, spans);
    });
    const std::string k = std::to_string(count / 1000) + "k";
    report.row("scale.names_" + k + "_mbps", k + " names: name finder", mbps, "MB/s");
    report.row("scale.names_" + k + "_build_ms", k + " names: index build (no cache)", build_ms, "ms");
    report.row("scale.names_" + k + "_index_mb", k + " names: index size",
               static_cast<double>(index->serialize().size()) / 1e6, "MB");
  }
}

double startup_ms(const fs::path& rules, bool cached, const fs::path& cache_dir) {
  const auto start = Clock::now();
  auto compiled = scan::CompiledPack::build(rules::load_pack(rules), {cached, cache_dir});
  return seconds_since(start) * 1e3;
}

void startup(Report& report, const fs::path& rules, const fs::path& cache_dir, double cold) {
  const auto start = Clock::now();
  const auto pack = rules::load_pack(rules);
  report.row("startup.load_pack_ms", "reading the rule pack and dictionaries (hashing them)",
             seconds_since(start) * 1e3, "ms");
  const auto patterns_start = Clock::now();
  const scan::PatternSet patterns = scan::build_pattern_set(pack);
  report.row("startup.pattern_set_ms", "pattern set alone (widths, literal table; no cache)",
             seconds_since(patterns_start) * 1e3, "ms");
  std::vector<double> warm;
  for (int i = 0; i < 5; ++i) warm.push_back(startup_ms(rules, true, cache_dir));
  std::sort(warm.begin(), warm.end());
  report.row("startup.cached_ms", "rules ready, cached databases and name index (median of 5, CPU)", warm[2], "ms");
  report.row("startup.compile_ms", "rules ready, compiling (empty cache)", cold, "ms");
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  log::configure({"warn", ""});
  const bench::Corpus corpus = read_corpus(options.corpus);
  const fs::path cache_dir = fs::temp_directory_path() / ("phisentry-bench-cache-" + std::to_string(::getpid()));
  fs::remove_all(cache_dir);
  const double cold = startup_ms(options.rules, true, cache_dir);  // compiles and fills the cache
  const auto compiled = scan::CompiledPack::build(rules::load_pack(options.rules), {true, cache_dir});
  scan::Scanner fast(compiled);
  scan::Scanner reference(compiled, std::make_unique<scan::ReferenceMatcher>(compiled->patterns()));
  protocol::Server server(compiled, {});
  Report report(options.json);

  std::printf("PHI Sentry host benchmark: %zu rules, %zu patterns, %zu literals, %zu names in the index\n",
              compiled->pack().rules.size(), compiled->patterns().regexes.size(), compiled->patterns().literals.size(),
              compiled->name_index() ? compiled->name_index()->size() : 0);
  if (options.runs("engine")) {
    report.section("Engine, one core (budget: >= 500 MB/s without PHI, >= 250 MB/s dense clinical text)");
    const std::size_t engine_bytes = options.quick ? 64 << 10 : 4 << 20;
    const std::size_t reference_bytes = options.quick ? 2 << 10 : 16 << 10;
    engine(report, compiled, fast, reference, sized(corpus.clean, engine_bytes), sized(corpus.clean, reference_bytes),
           "clean", options.budget);
    engine(report, compiled, fast, reference, sized(corpus.phi, engine_bytes), sized(corpus.phi, reference_bytes),
           "phi", options.budget);
  }
  if (options.runs("requests")) {
    report.section("Host, request in to reply out, in process (budget p99: 300 us at 20 KiB, 10 ms at 1 MiB)");
    requests(report, server, fast, corpus.phi, options.quick);
  }
  if (options.runs("startup")) {
    report.section("Start-up, in process (budget: 50 ms to a hello answer with the cache)");
    startup(report, options.rules, cache_dir, cold);
  }
  if (options.runs("text")) {
    report.section("Scaling with text size (linear: ns per byte flat)");
    text_scaling(report, fast, corpus.phi, options.max_mib);
  }
  if (options.runs("names")) {
    report.section("Scaling with dictionary size (nearly flat)");
    dictionary_scaling(report, *compiled, sized(corpus.clean, options.quick ? 64 << 10 : 1 << 20), options.budget,
                       options.quick);
  }
  fs::remove_all(cache_dir);
  return 0;
}
