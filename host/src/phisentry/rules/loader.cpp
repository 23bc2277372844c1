#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "phisentry/rules/rule.h"
#include "phisentry/rules/signature.h"

namespace phisentry::rules {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::set<std::string, std::less<>> kCategories{
    "name",    "geography",   "date",    "age",     "phone",       "fax",     "email", "ssn", "mrn",
    "health_plan", "account", "license", "provider_id", "vehicle", "device", "url",   "ip",  "other"};
const std::set<std::string, std::less<>> kRuleKeys{
    "id",        "name",      "hipaa",   "category", "patterns", "dictionary", "flags",
    "max_length", "validator", "base",   "context",  "why",      "placeholder", "examples",
    "negative_examples", "names"};
const std::set<std::string, std::less<>> kNamesKeys{"first", "last", "common_words", "form"};
const std::set<std::string, std::less<>> kFileKeys{"family", "description", "rules"};
const std::set<std::string, std::less<>> kClauseKeys{"keywords", "categories", "before", "after", "effect"};
const std::set<std::string, std::less<>> kExampleKeys{"text", "match", "confidence"};
constexpr std::uint32_t kMaxWindow = 1000;
constexpr std::uint32_t kMaxMatchLength = 4096;

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return s;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  // One sized read: a growing string stream copied the 2 MB of name dictionaries over and over.
  std::string content(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0);
  if (!in.read(content.data(), static_cast<std::streamsize>(content.size()))) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return content;
}

// Collects problems for one rule with its file and id as prefix, so a single pass reports them all.
class RuleReader {
 public:
  RuleReader(std::string where, std::vector<std::string>& problems) : where_(std::move(where)), problems_(problems) {}

  void problem(const std::string& what) { problems_.push_back(where_ + ": " + what); }
  bool ok() const { return ok_count_ == problems_.size(); }

  void check_keys(const json& object, const std::set<std::string, std::less<>>& allowed, const std::string& what) {
    for (const auto& [key, value] : object.items()) {
      if (!allowed.contains(key)) problem("unknown key '" + key + "' in " + what);
    }
  }

  std::string string(const json& object, const char* key, bool required) {
    if (!object.contains(key)) {
      if (required) problem(std::string("missing '") + key + "'");
      return {};
    }
    const json& value = object.at(key);
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
      problem(std::string("'") + key + "' must be a non-empty string");
      return {};
    }
    return value.get<std::string>();
  }

  std::vector<std::string> strings(const json& value, const std::string& what) {
    std::vector<std::string> out;
    if (!value.is_array() || value.empty()) {
      problem("'" + what + "' must be a non-empty array of strings");
      return out;
    }
    for (const json& item : value) {
      if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
        problem("'" + what + "' must hold only non-empty strings");
        return {};
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  std::uint32_t bounded(const json& object, const char* key, std::uint32_t fallback, std::uint32_t max) {
    if (!object.contains(key)) return fallback;
    const json& value = object.at(key);
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() > max) {
      problem(std::string("'") + key + "' must be a whole number from 0 to " + std::to_string(max));
      return fallback;
    }
    return value.get<std::uint32_t>();
  }

 private:
  std::string where_;
  std::vector<std::string>& problems_;
  std::size_t ok_count_ = problems_.size();
};

using KeywordSets = std::map<std::string, std::vector<std::string>, std::less<>>;

// "@patient" in a keyword list stands for the pack's keyword set "patient" (pack.json).
void add_keyword(std::string keyword, const KeywordSets& sets, ContextClause& clause, RuleReader& reader) {
  if (!keyword.starts_with('@')) {
    clause.keywords.push_back(lower_ascii(std::move(keyword)));
    return;
  }
  const auto set = sets.find(std::string_view(keyword).substr(1));
  if (set == sets.end()) {
    reader.problem("unknown keyword set '" + keyword + "' (define it in pack.json 'keyword_sets')");
    return;
  }
  for (const std::string& word : set->second) clause.keywords.push_back(lower_ascii(word));
}

ContextClause read_clause(const json& value, const KeywordSets& sets, RuleReader& reader) {
  ContextClause clause;
  if (!value.is_object()) {
    reader.problem("each context clause must be an object");
    return clause;
  }
  reader.check_keys(value, kClauseKeys, "a context clause");
  if (value.contains("keywords") == value.contains("categories")) {
    reader.problem("a context clause needs exactly one of 'keywords' and 'categories'");
  } else if (value.contains("keywords")) {
    for (std::string& keyword : reader.strings(value.at("keywords"), "keywords")) {
      add_keyword(std::move(keyword), sets, clause, reader);
    }
  } else {
    clause.categories = reader.strings(value.at("categories"), "categories");
    for (const std::string& category : clause.categories) {
      if (!kCategories.contains(category)) reader.problem("unknown category '" + category + "' in a context clause");
    }
  }
  clause.before = reader.bounded(value, "before", 50, kMaxWindow);
  clause.after = reader.bounded(value, "after", 0, kMaxWindow);
  const std::string effect = reader.string(value, "effect", true);
  if (effect == "raise") {
    clause.effect = Effect::raise;
  } else if (effect == "lower") {
    clause.effect = Effect::lower;
  } else if (effect == "drop") {
    clause.effect = Effect::drop;
  } else if (auto level = parse_confidence(effect); level && *level != Confidence::none) {
    clause.effect = Effect::at_least;
    clause.level = *level;
  } else if (!effect.empty()) {
    reader.problem("context effect '" + effect + "' is not one of low, medium, high, raise, lower, drop");
  }
  return clause;
}

Example read_example(const json& value, RuleReader& reader) {
  Example example;
  if (!value.is_object()) {
    reader.problem("each example must be an object with 'text' and 'match'");
    return example;
  }
  reader.check_keys(value, kExampleKeys, "an example");
  example.text = reader.string(value, "text", true);
  example.match = reader.string(value, "match", true);
  if (!example.match.empty() && example.text.find(example.match) == std::string::npos) {
    reader.problem("example match does not occur in its text");
  }
  if (value.contains("confidence")) {
    const std::string level = reader.string(value, "confidence", true);
    example.confidence = parse_confidence(level);
    if (!example.confidence) reader.problem("example confidence '" + level + "' is not low, medium or high");
  }
  return example;
}

// Dictionaries read once per pack load, however many rules name them; name dictionaries not at all
// when deferred (their cached index makes them unnecessary).
struct DictionaryCache {
  std::map<std::string, Entries> read;
  DictionaryLoading loading = DictionaryLoading::now;
};

// The dictionary's path, or nothing (a problem reported) when it lies outside the pack.
std::optional<fs::path> dictionary_path(const fs::path& pack_dir, const std::string& relative, RuleReader& reader) {
  // Normalise both sides: a pack named "tests/../rules" still holds "dictionaries/x.txt".
  const fs::path root = pack_dir.lexically_normal();
  const fs::path path = (root / relative).lexically_normal();
  const fs::path rel = path.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") {
    reader.problem("dictionary '" + relative + "' is outside the pack");
    return std::nullopt;
  }
  return path;
}

std::vector<std::string> read_dictionary_file(const fs::path& pack_dir, const std::string& relative, RuleReader& reader) {
  const auto path = dictionary_path(pack_dir, relative, reader);
  if (!path) return {};
  std::string content;
  try {
    content = read_file(*path);
  } catch (const std::exception& e) {
    reader.problem(std::string("dictionary: ") + e.what());
    return {};
  }
  std::vector<std::string> entries;
  std::istringstream lines(content);
  for (std::string line; std::getline(lines, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    entries.push_back(line.substr(first));
  }
  if (entries.empty()) reader.problem("dictionary '" + relative + "' has no entries");
  return entries;
}

Entries read_dictionary(const fs::path& pack_dir, const std::string& relative, DictionaryCache& cache,
                        RuleReader& reader) {
  if (auto known = cache.read.find(relative); known != cache.read.end()) return known->second;
  auto entries = std::make_shared<const std::vector<std::string>>(read_dictionary_file(pack_dir, relative, reader));
  cache.read.emplace(relative, entries);
  return entries;
}

// A deferred name dictionary is only checked to be a file of the pack now; read_name_dictionaries
// reads it if the name index has to be built.
Entries name_dictionary(const fs::path& pack_dir, const std::string& relative, DictionaryCache& cache,
                        RuleReader& reader) {
  if (relative.empty()) return nullptr;
  if (cache.loading == DictionaryLoading::now) return read_dictionary(pack_dir, relative, cache, reader);
  std::error_code ec;
  if (const auto path = dictionary_path(pack_dir, relative, reader); path && !fs::is_regular_file(*path, ec)) {
    reader.problem("dictionary: cannot read " + path->string());
  }
  return nullptr;
}

void name_dictionaries(const fs::path& pack_dir, NameSource& names, DictionaryCache& cache, RuleReader& reader) {
  names.first_entries = name_dictionary(pack_dir, names.first, cache, reader);
  names.last_entries = name_dictionary(pack_dir, names.last, cache, reader);
  names.common_word_entries = name_dictionary(pack_dir, names.common_words, cache, reader);
}

NameSource read_names(const json& value, const fs::path& pack_dir, DictionaryCache& cache, RuleReader& reader) {
  NameSource names;
  if (!value.is_object()) {
    reader.problem("'names' must be an object with 'first', 'last', 'common_words' and 'form'");
    return names;
  }
  reader.check_keys(value, kNamesKeys, "'names'");
  names.first = reader.string(value, "first", true);
  names.last = reader.string(value, "last", true);
  names.common_words = reader.string(value, "common_words", true);
  const std::string form = reader.string(value, "form", true);
  if (form == "partial") {
    names.form = NameSource::Form::partial;
  } else if (form == "single") {
    names.form = NameSource::Form::single;
  } else if (form != "full" && !form.empty()) {
    reader.problem("names 'form' must be 'full', 'partial' or 'single'");
  }
  name_dictionaries(pack_dir, names, cache, reader);
  return names;
}

void read_match_source(const json& value, const fs::path& pack_dir, DictionaryCache& cache, Rule& rule,
                       RuleReader& reader) {
  const int sources = (value.contains("patterns") ? 1 : 0) + (value.contains("dictionary") ? 1 : 0) +
                      (value.contains("names") ? 1 : 0);
  if (sources != 1) {
    reader.problem("a rule needs exactly one of 'patterns', 'dictionary' and 'names'");
    return;
  }
  if (value.contains("patterns")) {
    rule.patterns = reader.strings(value.at("patterns"), "patterns");
  } else if (value.contains("names")) {
    rule.names = read_names(value.at("names"), pack_dir, cache, reader);
  } else {
    rule.dictionary = reader.string(value, "dictionary", true);
    if (!rule.dictionary.empty()) rule.dictionary_entries = read_dictionary(pack_dir, rule.dictionary, cache, reader);
  }
  if (value.contains("flags")) {
    for (const std::string& flag : reader.strings(value.at("flags"), "flags")) {
      if (flag == "caseless") {
        rule.caseless = true;
      } else if (flag == "dotall") {
        rule.dotall = true;
      } else {
        reader.problem("unknown flag '" + flag + "' (known: caseless, dotall)");
      }
    }
  }
  if (value.contains("max_length")) rule.max_length = reader.bounded(value, "max_length", 0, kMaxMatchLength);
}

void read_classification(const json& value, Rule& rule, RuleReader& reader) {
  rule.name = reader.string(value, "name", true);
  rule.why = reader.string(value, "why", true);
  rule.placeholder = reader.string(value, "placeholder", false);
  const std::string hipaa = reader.string(value, "hipaa", true);
  if (hipaa.size() == 1 && hipaa[0] >= 'A' && hipaa[0] <= 'R') {
    rule.hipaa = hipaa[0];
  } else if (!hipaa.empty()) {
    reader.problem("'hipaa' must be one Safe Harbor letter, A to R");
  }
  rule.category = reader.string(value, "category", true);
  if (!rule.category.empty() && !kCategories.contains(rule.category)) {
    reader.problem("unknown category '" + rule.category + "'");
  }
  const std::string base = reader.string(value, "base", true);
  if (auto level = parse_confidence(base)) {
    rule.base = *level;
  } else if (!base.empty()) {
    reader.problem("'base' must be none, low, medium or high");
  }
  if (value.contains("validator")) {
    const std::string name = reader.string(value, "validator", true);
    rule.validator = validators::find(name);
    if (rule.validator == nullptr && !name.empty()) reader.problem("unknown validator '" + name + "'");
  }
}

void read_evidence(const json& value, const KeywordSets& sets, Rule& rule, RuleReader& reader) {
  if (value.contains("context")) {
    const json& clauses = value.at("context");
    if (!clauses.is_array()) {
      reader.problem("'context' must be an array of clauses");
    } else {
      for (const json& clause : clauses) rule.context.push_back(read_clause(clause, sets, reader));
    }
  }
  const json examples = value.value("examples", json::array());
  if (!examples.is_array() || examples.empty()) reader.problem("a rule needs at least one example");
  for (const json& example : examples) rule.examples.push_back(read_example(example, reader));
  if (value.contains("negative_examples")) {
    rule.negative_examples = reader.strings(value.at("negative_examples"), "negative_examples");
  } else {
    reader.problem("a rule needs at least one negative example");
  }
}

Rule read_rule(const json& value, const fs::path& file, const fs::path& pack_dir, const KeywordSets& sets,
               DictionaryCache& cache, std::vector<std::string>& problems) {
  Rule rule;
  rule.source_file = file.filename().string();
  std::string id = value.is_object() && value.contains("id") && value["id"].is_string() ? value["id"].get<std::string>()
                                                                                       : "?";
  RuleReader reader(rule.source_file + ": rule '" + id + "'", problems);
  if (!value.is_object()) {
    reader.problem("a rule must be a JSON object");
    return rule;
  }
  reader.check_keys(value, kRuleKeys, "the rule");
  rule.id = reader.string(value, "id", true);
  if (rule.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string::npos) {
    reader.problem("'id' may hold only a-z, 0-9, '_', '.' and '-'");
  }
  read_classification(value, rule, reader);
  read_match_source(value, pack_dir, cache, rule, reader);
  read_evidence(value, sets, rule, reader);
  return rule;
}

void read_rule_file(const fs::path& file, const fs::path& pack_dir, const KeywordSets& sets, DictionaryCache& cache,
                    RulePack& pack, std::vector<std::string>& problems) {
  RuleReader reader(file.filename().string(), problems);
  json document;
  try {
    document = json::parse(read_file(file));
  } catch (const std::exception& e) {
    reader.problem(std::string("not valid JSON: ") + e.what());
    return;
  }
  if (!document.is_object() || !document.contains("rules") || !document["rules"].is_array()) {
    reader.problem("a rule file must be an object with a 'rules' array");
    return;
  }
  reader.check_keys(document, kFileKeys, "the file");
  for (const json& value : document["rules"]) {
    pack.rules.push_back(read_rule(value, file, pack_dir, sets, cache, problems));
  }
}

TableRows read_table_rows(const json& value, const KeywordSets& sets, RuleReader& reader) {
  TableRows rows;
  if (!value.is_object()) {
    reader.problem("'tables' must be an object");
    return rows;
  }
  reader.check_keys(value, {"subject_headers", "row_keyword"}, "tables");
  ContextClause headers;  // add_keyword expands "@set" names into a clause's keyword list
  for (std::string& word : reader.strings(value.value("subject_headers", json::array()), "tables.subject_headers")) {
    add_keyword(std::move(word), sets, headers, reader);
  }
  rows.subject_headers = std::move(headers.keywords);
  rows.row_keyword = lower_ascii(value.value("row_keyword", std::string()));
  if (rows.subject_headers.empty() != rows.row_keyword.empty()) {
    reader.problem("'tables' needs both 'subject_headers' and 'row_keyword'");
  }
  return rows;
}

KeywordSets read_pack_manifest(const fs::path& dir, RulePack& pack, std::vector<std::string>& problems) {
  KeywordSets sets;
  const fs::path manifest = dir / "pack.json";
  if (!fs::exists(manifest)) return sets;
  RuleReader reader("pack.json", problems);
  try {
    const json document = json::parse(read_file(manifest));
    reader.check_keys(document, {"id", "version", "description", "keyword_sets", "tables"}, "pack.json");
    pack.id = reader.string(document, "id", true);
    pack.version = document.value("version", "");
    const json keyword_sets = document.value("keyword_sets", json::object());
    for (const auto& [name, words] : keyword_sets.items()) {
      sets[name] = reader.strings(words, "keyword_sets." + name);
    }
    if (document.contains("tables")) pack.table_rows = read_table_rows(document.at("tables"), sets, reader);
  } catch (const std::exception& e) {
    reader.problem(std::string("not a valid pack manifest: ") + e.what());
  }
  return sets;
}

void check_unique_ids(const RulePack& pack, std::vector<std::string>& problems) {
  std::map<std::string, std::string> seen;
  for (const Rule& rule : pack.rules) {
    if (rule.id.empty()) continue;
    auto [it, inserted] = seen.emplace(rule.id, rule.source_file);
    if (!inserted) problems.push_back(rule.source_file + ": rule '" + rule.id + "': id also used in " + it->second);
  }
}

}  // namespace

RulePack load_pack(const fs::path& dir, DictionaryLoading name_dictionaries) {
  std::vector<std::string> problems;
  RulePack pack;
  pack.dir = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw RuleError({dir.string() + ": not a directory"});
  enforce_pack_signature(dir);  // a pack that must be signed is verified before any of it is read
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json" && entry.path().filename() != "pack.json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) problems.push_back(dir.string() + ": no rule files (*.json)");
  const KeywordSets sets = read_pack_manifest(dir, pack, problems);
  DictionaryCache dictionaries{{}, name_dictionaries};
  for (const fs::path& file : files) read_rule_file(file, dir, sets, dictionaries, pack, problems);
  check_unique_ids(pack, problems);
  if (!problems.empty()) throw RuleError(std::move(problems));
  pack.hash = hash_pack_files(dir);
  return pack;
}

void read_name_dictionaries(const fs::path& pack_dir, NameSource& names) {
  std::vector<std::string> problems;
  RuleReader reader("names", problems);
  DictionaryCache cache;
  name_dictionaries(pack_dir, names, cache, reader);
  if (!problems.empty()) throw RuleError(std::move(problems));
}

}  // namespace phisentry::rules
