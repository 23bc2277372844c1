#include "phisentry/scan/compiled_pack.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>
#include <unordered_map>

#include "phisentry/scan/database_cache.h"
#include "phisentry/scan/hyperscan_matcher.h"
#include "phisentry/scan/name_finder.h"

namespace phisentry::scan {
namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Interns literals so that a word that is both a dictionary entry and a keyword is matched once.
class LiteralTable {
 public:
  explicit LiteralTable(PatternSet& set) : set_(set) {}

  std::uint32_t add(std::string_view literal, LiteralOwner owner) {
    const std::string key = lower_ascii(literal);
    auto [it, inserted] = index_.try_emplace(key, static_cast<std::uint32_t>(set_.literals.size()));
    if (inserted) {
      set_.literals.push_back(key);
      set_.literal_owners.emplace_back();
    }
    auto& owners = set_.literal_owners[it->second];
    const bool known = std::any_of(owners.begin(), owners.end(), [&](const LiteralOwner& o) {
      return o.kind == owner.kind && o.index == owner.index;
    });
    if (!known) owners.push_back(owner);
    return it->second;
  }

 private:
  PatternSet& set_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

void add_regexes(const rules::Rule& rule, std::uint32_t index, const std::vector<PatternWidth>* known_widths,
                 PatternSet& set, std::vector<std::string>& problems) {
  for (const std::string& expression : rule.patterns) {
    try {
      const PatternWidth width = known_widths != nullptr
                                     ? (*known_widths)[set.regexes.size()]
                                     : pattern_max_width(expression, rule.caseless, rule.dotall, rule.max_length);
      set.regexes.push_back({index, expression, rule.caseless, rule.dotall, width.max, width.unbounded, width.capped});
    } catch (const std::invalid_argument& e) {
      problems.push_back(rule.source_file + ": rule '" + rule.id + "': pattern /" + expression + "/: " + e.what());
    }
  }
}

// Keyword ids are shared by every clause (and the table settings) that names the same word.
class KeywordTable {
 public:
  explicit KeywordTable(LiteralTable& literals) : literals_(literals) {}

  std::uint32_t id_of(const std::string& keyword) { return add(keyword).first; }
  std::uint32_t literal_of(const std::string& keyword) { return add(keyword).second; }
  std::vector<std::uint32_t> sorted_ids(const std::vector<std::string>& keywords) {
    std::vector<std::uint32_t> ids;
    for (const std::string& keyword : keywords) ids.push_back(id_of(keyword));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }
  KeywordIds keyword_ids(const std::vector<std::string>& keywords) {
    KeywordIds set{sorted_ids(keywords), {}};
    for (const std::uint32_t id : set.ids) {
      if (id / 64 >= set.bits.size()) set.bits.resize(id / 64 + 1);
      set.bits[id / 64] |= std::uint64_t{1} << (id % 64);
    }
    return set;
  }
  // By keyword id.
  std::vector<std::string> keywords() const {
    std::vector<std::string> out(ids_.size());
    for (const auto& [keyword, id] : ids_) out[id.first] = keyword;
    return out;
  }

 private:
  std::pair<std::uint32_t, std::uint32_t> add(const std::string& keyword) {
    const auto found = ids_.find(keyword);
    if (found != ids_.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(ids_.size());
    const std::uint32_t literal = literals_.add(keyword, {LiteralOwner::Kind::keyword, id});
    return ids_.emplace(keyword, std::pair{id, literal}).first->second;
  }

  LiteralTable& literals_;
  std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> ids_;  // keyword -> (id, literal)
};

void add_context(const rules::Rule& rule, std::uint32_t index, PatternSet& set, KeywordTable& keywords) {
  auto& clauses = set.clause_keywords[index];
  for (const rules::ContextClause& clause : rule.context) clauses.push_back(keywords.keyword_ids(clause.keywords));
}

void add_table_rows(const rules::TableRows& rows, PatternSet& set, KeywordTable& keywords) {
  if (rows.row_keyword.empty()) return;
  set.table_subject_keywords = keywords.sorted_ids(rows.subject_headers);
  set.table_row_literal = keywords.literal_of(rows.row_keyword);
}

bool raises(const rules::ContextClause& clause) {
  return clause.effect == rules::Effect::raise || clause.effect == rules::Effect::at_least;
}

// The scanner drops a base-none match unless a raising keyword is near (Scanner::keyword_could_raise);
// a pattern whose rule has only keyword clauses can therefore be matched around those keywords alone.
// Unbounded patterns stay ungated: a window could cut a run of their ends short.
void mark_gated(const rules::RulePack& pack, PatternSet& set) {
  set.gated.assign(set.regexes.size(), false);
  set.keyword_reach.assign(set.keywords.size(), {});
  for (std::size_t i = 0; i < set.regexes.size(); ++i) {
    const RegexPattern& pattern = set.regexes[i];
    const rules::Rule& rule = pack.rules[pattern.rule];
    const bool keywords_only = std::all_of(rule.context.begin(), rule.context.end(),
                                           [](const rules::ContextClause& c) { return c.categories.empty(); });
    if (rule.base != rules::Confidence::none || pattern.unbounded || !keywords_only) continue;
    set.gated[i] = true;
    for (std::size_t c = 0; c < rule.context.size(); ++c) {
      if (!raises(rule.context[c])) continue;
      for (const std::uint32_t keyword : set.clause_keywords[pattern.rule][c].ids) {
        KeywordReach& reach = set.keyword_reach[keyword];
        reach.gates = true;
        reach.before = std::max(reach.before, pattern.max_width + rule.context[c].before);
        reach.after = std::max(reach.after, pattern.max_width + rule.context[c].after);
      }
    }
  }
}

std::size_t pattern_count(const rules::RulePack& pack) {
  std::size_t count = 0;
  for (const rules::Rule& rule : pack.rules) count += rule.patterns.size();
  return count;
}

}  // namespace

PatternSet build_pattern_set(const rules::RulePack& pack, const std::vector<PatternWidth>* known_widths) {
  if (known_widths != nullptr && known_widths->size() != pattern_count(pack)) known_widths = nullptr;
  PatternSet set;
  set.clause_keywords.resize(pack.rules.size());
  LiteralTable literals(set);
  KeywordTable keywords(literals);
  std::vector<std::string> problems;
  for (std::uint32_t i = 0; i < pack.rules.size(); ++i) {
    const rules::Rule& rule = pack.rules[i];
    add_regexes(rule, i, known_widths, set, problems);
    if (rule.dictionary_entries) {
      for (const std::string& entry : *rule.dictionary_entries) literals.add(entry, {LiteralOwner::Kind::dictionary, i});
    }
    add_context(rule, i, set, keywords);
  }
  if (!problems.empty()) throw rules::RuleError(std::move(problems));
  add_table_rows(pack.table_rows, set, keywords);
  set.keywords = keywords.keywords();
  mark_gated(pack, set);
  return set;
}

namespace {
// All name rules share one index; a pack whose name rules name different dictionaries is refused.
const rules::NameSource* find_name_rules(const rules::RulePack& pack, std::vector<NameRule>& name_rules) {
  const rules::NameSource* shared = nullptr;
  for (std::uint32_t i = 0; i < pack.rules.size(); ++i) {
    const auto& names = pack.rules[i].names;
    if (!names) continue;
    if (shared != nullptr && (names->first != shared->first || names->last != shared->last ||
                              names->common_words != shared->common_words)) {
      throw rules::RuleError({pack.rules[i].source_file + ": rule '" + pack.rules[i].id +
                              "': every name rule must use the same dictionaries"});
    }
    shared = &*names;
    name_rules.push_back({i, names->form});
  }
  return shared;
}

// Building the index folds and hashes every dictionary entry, the largest part of start-up; the
// cache holds the finished table next to the Hyperscan databases, under the same pack hash.
// The dictionaries of a pack loaded with them deferred are read only here, when there is no index.
std::shared_ptr<const NameIndex> load_or_build_name_index(const rules::NameSource& source,
                                                          const std::filesystem::path& pack_dir,
                                                          const std::optional<DatabaseCache>& disk) {
  if (disk) {
    if (auto mapping = disk->load()) {
      if (auto index = NameIndex::deserialize(mapping->bytes(), mapping)) return index;
      spdlog::info("name index cache {} is unusable; rebuilding", disk->path().string());
    }
  }
  rules::NameSource complete = source;
  const bool deferred = (!source.first.empty() && !source.first_entries) ||
                        (!source.last.empty() && !source.last_entries) ||
                        (!source.common_words.empty() && !source.common_word_entries);
  if (deferred) rules::read_name_dictionaries(pack_dir, complete);
  auto index = std::make_shared<const NameIndex>(complete);
  if (disk) disk->store(index->serialize());
  return index;
}

std::optional<DatabaseCache> open_cache(const CacheOptions& cache, const std::string& key) {
  if (!cache.enabled) return std::nullopt;
  return DatabaseCache(cache.dir.empty() ? default_cache_dir() : cache.dir, key);
}

// One "max unbounded capped" line per pattern: asking Hyperscan for each width (a partial compile
// per pattern) was most of a cached start-up's own work.
std::string serialize_widths(const PatternSet& patterns) {
  std::string out;
  for (const RegexPattern& p : patterns.regexes) {
    out += std::to_string(p.max_width) + ' ' + (p.unbounded ? '1' : '0') + ' ' + (p.capped ? '1' : '0') + '\n';
  }
  return out;
}

std::optional<std::vector<PatternWidth>> load_widths(const std::optional<DatabaseCache>& disk) {
  if (!disk) return std::nullopt;
  const auto blob = disk->load();
  if (!blob) return std::nullopt;
  std::vector<PatternWidth> widths;
  std::istringstream in(std::string(blob->bytes()));
  std::uint32_t max = 0;
  int unbounded = 0;
  int capped = 0;
  while (in >> max >> unbounded >> capped) widths.push_back({max, unbounded == 1, capped == 1});
  if (!in.eof()) return std::nullopt;  // not numbers all the way: ignore the file, ask Hyperscan
  return widths;
}
}  // namespace

std::shared_ptr<const CompiledPack> CompiledPack::build(rules::RulePack pack, const CacheOptions& cache) {
  std::shared_ptr<CompiledPack> compiled(new CompiledPack());
  const std::optional<DatabaseCache> widths_cache = open_cache(cache, pack.hash + "/widths");
  const auto known_widths = load_widths(widths_cache);
  compiled->patterns_ = build_pattern_set(pack, known_widths ? &*known_widths : nullptr);
  if (widths_cache && !known_widths) widths_cache->store(serialize_widths(compiled->patterns_));
  const rules::NameSource* names = find_name_rules(pack, compiled->name_rules_);
  const auto started = std::chrono::steady_clock::now();
  if (names != nullptr) compiled->name_index_ = load_or_build_name_index(*names, pack.dir, open_cache(cache, pack.hash + "/names"));
  compiled->pack_ = std::move(pack);
  const PatternSet& patterns = compiled->patterns_;

  const std::optional<DatabaseCache> disk = open_cache(cache, compiled->pack_.hash);
  if (disk) {
    if (auto mapping = disk->load()) {
      compiled->databases_ = HyperscanDatabases::deserialize(mapping->bytes(), patterns.regexes.size(), mapping);
      if (!compiled->databases_) spdlog::info("database cache {} is unusable here; compiling", disk->path().string());
    }
  }
  compiled->loaded_from_cache_ = compiled->databases_ != nullptr;
  if (!compiled->databases_) {
    compiled->databases_ = HyperscanDatabases::compile(patterns, compiled->pack_);
    if (disk) disk->store(compiled->databases_->serialize());
  }
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("rule pack {} ready: {} rules, {} patterns, {} literals, {} in {} ms", compiled->pack_.hash,
               compiled->pack_.rules.size(), patterns.regexes.size(), patterns.literals.size(),
               compiled->loaded_from_cache_ ? "loaded from cache" : "compiled", elapsed);
  return compiled;
}

CompiledPack::~CompiledPack() = default;

std::unique_ptr<Matcher> CompiledPack::make_matcher() const {
  return std::make_unique<HyperscanMatcher>(databases_, patterns_);
}

}  // namespace phisentry::scan
