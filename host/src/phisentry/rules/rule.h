#pragma once
// The in-memory form of a rule pack (see rules/README.md for the file format).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "phisentry/validators/validators.h"

namespace phisentry::rules {

enum class Confidence : std::uint8_t { none, low, medium, high };

std::string_view to_string(Confidence c);
std::optional<Confidence> parse_confidence(std::string_view text);

enum class Effect : std::uint8_t { at_least, raise, lower, drop };

struct ContextClause {
  std::vector<std::string> keywords;    // lower case
  std::vector<std::string> categories;  // or: findings of these categories nearby (co-occurrence)
  std::uint32_t before = 50;          // bytes before the match's start
  std::uint32_t after = 0;            // bytes after its end
  Effect effect = Effect::raise;
  Confidence level = Confidence::none;  // for Effect::at_least
};

struct Example {
  std::string text;
  std::string match;
  std::optional<Confidence> confidence;
};

using Entries = std::shared_ptr<const std::vector<std::string>>;

// A rule whose candidates are people's names, found by the name finder (scan/name_finder.h) from
// first- and last-name dictionaries rather than by a pattern.
struct NameSource {
  enum class Form : std::uint8_t {
    full,     // both parts are known names: "Maria Delgado", "Delgado, Maria", "Maria T. Delgado"
    partial,  // one known part, or a title: "Mr. Okafor", "M. Delgado", "Walter Okafor" (Okafor unknown)
    single,   // one known name standing alone ("Okafor" in a Patient column, "daughter Brenda")
  } form = Form::full;
  std::string first, last, common_words;  // dictionary paths in the pack
  Entries first_entries, last_entries, common_word_entries;
};

struct Rule {
  std::string id;
  std::string name;
  char hipaa = 'R';
  std::string category;
  std::vector<std::string> patterns;  // regexes; empty when the rule is a dictionary
  std::string dictionary;             // path relative to the pack; empty for regex rules
  Entries dictionary_entries;
  std::optional<NameSource> names;
  bool caseless = false;
  bool dotall = false;
  std::optional<std::uint32_t> max_length;
  const validators::Entry* validator = nullptr;
  Confidence base = Confidence::medium;
  std::vector<ContextClause> context;
  std::string why;
  std::string placeholder;
  std::vector<Example> examples;
  std::vector<std::string> negative_examples;
  std::string source_file;  // for error messages
};

// How tables are read (pack.json "tables"): the rows of a table whose header holds one of
// `subject_headers` ("Patient", "DOB", "MRN") are each about one person, so each row is read as if it
// began with `row_keyword`. Empty: tables lend only each column's header to its cells.
struct TableRows {
  std::vector<std::string> subject_headers;  // lower case, keyword sets expanded
  std::string row_keyword;
};

struct RulePack {
  std::string id = "builtin";
  std::string version;
  std::string hash;  // "blake2b-256:<hex>" over every file of the pack
  std::filesystem::path dir;
  std::vector<Rule> rules;
  TableRows table_rows;

  std::vector<std::string> categories() const;  // sorted, unique
};

// Every problem found while loading, each naming its file, rule and reason. A pack with any error is
// refused as a whole: the host never runs half-configured.
class RuleError : public std::runtime_error {
 public:
  explicit RuleError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// When name dictionaries are read: `now`, or `deferred` for a host that will find their index in the
// database cache (2 MB of text and ~180,000 strings it would otherwise parse and keep at every start).
enum class DictionaryLoading : std::uint8_t { now, deferred };

// Loads and validates every `*.json` rule file of `dir` (pack.json aside). Throws RuleError.
RulePack load_pack(const std::filesystem::path& dir, DictionaryLoading name_dictionaries = DictionaryLoading::now);
// Reads the dictionaries of a NameSource loaded with DictionaryLoading::deferred. Throws RuleError.
void read_name_dictionaries(const std::filesystem::path& pack_dir, NameSource& names);

// BLAKE2b-256 over the relative names and contents of every regular file under `dir`, in name order.
std::string hash_pack_files(const std::filesystem::path& dir);
// The files hash_pack_files covers (rule files and dictionaries), relative to `dir`, in name order.
std::vector<std::filesystem::path> pack_content_files(const std::filesystem::path& dir);

}  // namespace phisentry::rules
