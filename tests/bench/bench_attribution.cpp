// Where the Hyperscan stage's time goes, database by database and pattern by pattern (issue 8).
//   phisentry_attribution --corpus FILE.jsonl [--rules DIR] [--kib N] [--seconds N] [--no-leave-one-out]
//                         [--only databases|identical|split|literals|patterns|leave-one-out]
// On the corpus's clean and PHI pages (N KiB each, default 1024), with the thread CPU clock:
//  - each database alone (regex, gated over the whole text, literal) and the matcher's two stages as the
//    scanner runs them (literals; regexes plus the gated database over keyword windows);
//  - each pattern compiled alone, with the number of ends it reports;
//  - the ungated regex database without each of its patterns (leave one out): what removing it saves;
//  - the literal database split by literal length (1-2, 3, 4+ bytes), with raw callback counts.
// Every table is sorted by cost (clean + PHI). A figure is a ratio to the others of the same run.

#include <hs/hs.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "bench_common.h"
#include "phisentry/log/logging.h"
#include "phisentry/rules/rule.h"
#include "phisentry/scan/compiled_pack.h"
#include "phisentry/scan/hyperscan_matcher.h"

using namespace phisentry;
using scan::DatabasePtr;
using scan::ScratchPtr;

namespace {

struct Options {
  std::string corpus = "build/corpus.jsonl";
  std::string rules = std::string(PHISENTRY_SOURCE_DIR) + "/rules";
  std::size_t kib = 1024;
  double budget = 0.15;
  bool leave_one_out = true;
  std::string only;  // one section: databases, identical, split, literals, patterns or leave-one-out
  bool runs(const char* section) const { return only.empty() || only == section; }
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--no-leave-one-out") {
      options.leave_one_out = false;
      continue;
    }
    if (i + 1 == argc) break;
    ++i;
    if (flag == "--corpus") options.corpus = argv[i];
    if (flag == "--rules") options.rules = argv[i];
    if (flag == "--kib") options.kib = std::stoul(argv[i]);
    if (flag == "--seconds") options.budget = std::stod(argv[i]);
    if (flag == "--only") options.only = argv[i];
  }
  return options;
}

struct Texts {
  std::string clean;
  std::string phi;
};

// One database's cost on one text: ns per byte and callbacks per MiB.
struct Cost {
  double ns_per_byte = 0;
  double calls_per_mib = 0;
};

struct Row {
  std::string label;
  Cost clean;
  Cost phi;
  double total() const { return clean.ns_per_byte + phi.ns_per_byte; }
};

int count_call(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
  ++*static_cast<std::size_t*>(context);
  return 0;
}

class Bench {
 public:
  Bench(Texts texts, double budget) : texts_(std::move(texts)), budget_(budget) {}

  // Scanning with a callback that only counts: the database's own cost plus the cheapest callback.
  Row database(const std::string& label, const hs_database_t* db) {
    if (db == nullptr) return {label, {}, {}};
    hs_scratch_t* raw = nullptr;
    if (hs_alloc_scratch(db, &raw) != HS_SUCCESS) throw std::bad_alloc();
    ScratchPtr scratch(raw);
    return timed(label, [&](const std::string& text) {
      std::size_t calls = 0;
      hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(), count_call, &calls);
      return calls;
    });
  }

  // Any piece of work on a text; `once` returns its number of callbacks (or results).
  Row timed(const std::string& label, const std::function<std::size_t(const std::string&)>& once) {
    return {label, cost(texts_.clean, once), cost(texts_.phi, once)};
  }

 private:
  Cost cost(const std::string& text, const std::function<std::size_t(const std::string&)>& once) const {
    std::size_t calls = 0;
    const double mbps = bench::throughput(text.size(), budget_, [&] { calls = once(text); });
    return {1e3 / mbps, static_cast<double>(calls) * (1 << 20) / static_cast<double>(text.size())};
  }

  Texts texts_;
  double budget_;
};

DatabasePtr compile_literals(const scan::PatternSet& patterns, std::size_t min_length, std::size_t max_length) {
  std::vector<const char*> expressions;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < patterns.literals.size(); ++i) {
    const std::string& literal = patterns.literals[i];
    if (literal.size() < min_length || literal.size() > max_length) continue;
    expressions.push_back(literal.data());
    lengths.push_back(literal.size());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
  }
  if (ids.empty()) return nullptr;
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(ids.size()), HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    hs_free_compile_error(error);
    throw std::runtime_error("literals do not compile");
  }
  return DatabasePtr(db);
}

void print(const char* title, std::vector<Row> rows, bool sort = true) {
  if (sort) std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.total() > b.total(); });
  std::printf("\n%s\n  %-64s %9s %9s %11s %11s\n", title, "", "clean", "PHI", "clean", "PHI");
  std::printf("  %-64s %9s %9s %11s %11s\n", "", "ns/B", "ns/B", "calls/MiB", "calls/MiB");
  for (const Row& row : rows) {
    std::printf("  %-64.64s %9.3f %9.3f %11.0f %11.0f\n", row.label.c_str(), row.clean.ns_per_byte, row.phi.ns_per_byte,
                row.clean.calls_per_mib, row.phi.calls_per_mib);
  }
  std::fflush(stdout);
}

std::string pattern_label(const scan::PatternSet& patterns, const rules::RulePack& pack, std::size_t i) {
  const scan::RegexPattern& p = patterns.regexes[i];
  return "#" + std::to_string(i) + " " + pack.rules[p.rule].id + (patterns.gated[i] ? " [gated]" : "") +
         (p.caseless ? " [i]" : "") + " /" + p.expression + "/";
}

void databases_alone(Bench& bench, const scan::HyperscanDatabases& databases) {
  std::vector<Row> rows;
  rows.push_back(bench.database("regex database (ungated patterns), whole text", databases.regex()));
  rows.push_back(bench.database("gated database over the whole text (never run so)", databases.gated()));
  rows.push_back(bench.database("literal database (keywords, dictionary entries)", databases.literal()));
  print("Databases alone (counting callback)", rows, false);
}

void matcher_stages(Bench& bench, const scan::CompiledPack& compiled) {
  const auto matcher = compiled.make_matcher();
  scan::Hits hits;
  std::vector<Row> rows;
  rows.push_back(bench.timed("matcher: literals (whole-word check, hit vector)", [&](const std::string& text) {
    hits.clear();
    matcher->find_literals(text, hits);
    return hits.literals.size();
  }));
  rows.push_back(bench.timed("matcher: literals + regexes + gated windows", [&](const std::string& text) {
    hits.clear();
    matcher->find(text, hits);
    return hits.regex.size();
  }));
  print("The matcher as the scanner runs it (calls = literal hits / regex ends kept)", rows, false);
}

void patterns_alone(Bench& bench, const scan::PatternSet& patterns, const rules::RulePack& pack) {
  std::vector<Row> rows;
  for (std::size_t i = 0; i < patterns.regexes.size(); ++i) {
    const DatabasePtr db = scan::compile_regex_subset(patterns, pack, [i](std::size_t j) { return j == i; });
    rows.push_back(bench.database(pattern_label(patterns, pack, i), db.get()));
  }
  print("Each pattern alone, over the whole text", rows);
}

void leave_one_out(Bench& bench, const scan::PatternSet& patterns, const rules::RulePack& pack) {
  const DatabasePtr full = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return !patterns.gated[j]; });
  const Row all = bench.database("(all ungated patterns)", full.get());
  std::vector<Row> rows;
  for (std::size_t i = 0; i < patterns.regexes.size(); ++i) {
    if (patterns.gated[i]) continue;
    const DatabasePtr without = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return !patterns.gated[j] && j != i; });
    Row row = bench.database(pattern_label(patterns, pack, i), without.get());
    // What leaving the pattern out saves: the full database's cost minus this one's.
    row.clean.ns_per_byte = all.clean.ns_per_byte - row.clean.ns_per_byte;
    row.phi.ns_per_byte = all.phi.ns_per_byte - row.phi.ns_per_byte;
    row.clean.calls_per_mib = all.clean.calls_per_mib - row.clean.calls_per_mib;
    row.phi.calls_per_mib = all.phi.calls_per_mib - row.phi.calls_per_mib;
    rows.push_back(row);
  }
  print("Ungated regex database, full", {all}, false);
  print("Saved by leaving one pattern out of the ungated regex database (noise ~ +-0.2 ns/B)", rows);
}

// Rules that share a shape (phone.nanp, phone.beside_identifiers, phone.fax; date.birth, date.event)
// put the same expression in the databases once per rule.
void identical_expressions(Bench& bench, const scan::PatternSet& patterns, const rules::RulePack& pack) {
  auto same = [&](std::size_t i, std::size_t j) {
    return patterns.regexes[j].expression == patterns.regexes[i].expression &&
           patterns.regexes[j].caseless == patterns.regexes[i].caseless;
  };
  auto first_of_its_kind = [&](std::size_t i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (patterns.gated[j] == patterns.gated[i] && same(i, j)) return false;
    }
    return true;
  };
  auto has_ungated_twin = [&](std::size_t i) {
    for (std::size_t j = 0; j < patterns.regexes.size(); ++j) {
      if (!patterns.gated[j] && same(i, j)) return true;
    }
    return false;
  };
  std::vector<Row> rows;
  const DatabasePtr all = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return !patterns.gated[j]; });
  rows.push_back(bench.database("ungated database as shipped", all.get()));
  const DatabasePtr again = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return !patterns.gated[j]; });
  rows.push_back(bench.database("ungated database as shipped, measured again", again.get()));
  const DatabasePtr unique = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return !patterns.gated[j] && first_of_its_kind(j); });
  rows.push_back(bench.database("ungated database, identical expressions once", unique.get()));
  const DatabasePtr gated = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return patterns.gated[j]; });
  rows.push_back(bench.database("gated database as shipped (whole text)", gated.get()));
  const DatabasePtr gated_unique = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) {
    return patterns.gated[j] && first_of_its_kind(j) && !has_ungated_twin(j);
  });
  rows.push_back(bench.database("gated database without expressions the ungated one has (whole text)", gated_unique.get()));
  print("Identical expressions across rules", rows, false);
}

// Hyperscan packs the patterns of one database into shared engines; whether two smaller databases
// scanned one after the other cost less than one is an empirical question.
void split_databases(Bench& bench, const scan::PatternSet& patterns, const rules::RulePack& pack) {
  auto digit_led = [&](std::size_t i) {
    const std::string& e = patterns.regexes[i].expression;
    return e.rfind("\\b\\d", 0) == 0 || e.rfind("\\b[12", 0) == 0 || e.rfind("\\b(?:9", 0) == 0 ||
           e.rfind("\\b(?:19", 0) == 0 || e.rfind("\\(", 0) == 0 || e.rfind("\\+", 0) == 0;
  };
  auto sum = [](const std::string& label, const std::vector<Row>& parts) {
    Row total{label, {}, {}};
    for (const Row& part : parts) {
      total.clean.ns_per_byte += part.clean.ns_per_byte;
      total.phi.ns_per_byte += part.phi.ns_per_byte;
      total.clean.calls_per_mib += part.clean.calls_per_mib;
      total.phi.calls_per_mib += part.phi.calls_per_mib;
    }
    return total;
  };
  const auto ungated = [&](std::size_t j) { return !patterns.gated[j]; };
  const DatabasePtr all = scan::compile_regex_subset(patterns, pack, ungated);
  std::vector<Row> rows{bench.database("ungated database as shipped", all.get())};
  const DatabasePtr digits = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return ungated(j) && digit_led(j); });
  const DatabasePtr rest = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return ungated(j) && !digit_led(j); });
  const Row digit_row = bench.database("  digit-led patterns", digits.get());
  const Row rest_row = bench.database("  the others", rest.get());
  rows.push_back(digit_row);
  rows.push_back(rest_row);
  rows.push_back(sum("two databases: digit-led + others", {digit_row, rest_row}));
  std::vector<Row> halves;
  for (std::size_t half = 0; half < 2; ++half) {
    std::size_t seen = 0;
    std::vector<bool> in_half(patterns.regexes.size(), false);
    for (std::size_t j = 0; j < patterns.regexes.size(); ++j) {
      if (ungated(j)) in_half[j] = (seen++ % 2) == half;
    }
    const DatabasePtr db = scan::compile_regex_subset(patterns, pack, [&](std::size_t j) { return in_half[j]; });
    halves.push_back(bench.database("  alternate half", db.get()));
  }
  rows.insert(rows.end(), halves.begin(), halves.end());
  rows.push_back(sum("two databases: alternate halves", halves));
  print("The ungated database split in two (sum = both scanned one after the other)", rows, false);
}

void literals_by_length(Bench& bench, const scan::PatternSet& patterns) {
  struct Band {
    const char* label;
    std::size_t min;
    std::size_t max;
  };
  std::vector<Row> rows;
  for (const Band band : {Band{"literals of 1-2 bytes", 1, 2}, Band{"literals of 3 bytes", 3, 3},
                          Band{"literals of 4+ bytes", 4, SIZE_MAX}, Band{"literals of 3+ bytes", 3, SIZE_MAX}}) {
    std::size_t count = 0;
    for (const std::string& literal : patterns.literals) count += literal.size() >= band.min && literal.size() <= band.max;
    const DatabasePtr db = compile_literals(patterns, band.min, band.max);
    rows.push_back(bench.database(std::string(band.label) + " (" + std::to_string(count) + ")", db.get()));
  }
  print("Literal database by literal length (raw callbacks, before the whole-word check)", rows, false);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  log::configure({"warn", ""});
  const bench::Corpus corpus = bench::read_corpus(options.corpus);
  const auto compiled = scan::CompiledPack::build(rules::load_pack(options.rules), {false, {}});
  const scan::PatternSet& patterns = compiled->patterns();
  const auto databases = scan::HyperscanDatabases::compile(patterns, compiled->pack());
  std::size_t gated = 0;
  for (const bool g : patterns.gated) gated += g;
  std::printf("Hyperscan attribution: %zu patterns (%zu gated), %zu literals; %zu KiB of clean and of PHI pages\n",
              patterns.regexes.size(), gated, patterns.literals.size(), options.kib);
  Bench bench({bench::sized(corpus.clean, options.kib << 10), bench::sized(corpus.phi, options.kib << 10)},
              options.budget);
  if (options.runs("databases")) {
    databases_alone(bench, *databases);
    matcher_stages(bench, *compiled);
  }
  if (options.runs("identical")) identical_expressions(bench, patterns, compiled->pack());
  if (options.runs("split")) split_databases(bench, patterns, compiled->pack());
  if (options.runs("literals")) literals_by_length(bench, patterns);
  if (options.runs("patterns")) patterns_alone(bench, patterns, compiled->pack());
  if (options.leave_one_out && options.runs("leave-one-out")) leave_one_out(bench, patterns, compiled->pack());
  return 0;
}
