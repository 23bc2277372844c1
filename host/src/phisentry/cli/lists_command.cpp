// `phisentry allowlist` and `phisentry edm`: build and inspect the hashed value lists
// (lists/value_list.h). Values are read from arguments, a file or a CSV export and never printed
// or written anywhere but as keyed hashes.

#include <fstream>
#include <iostream>

#include "phisentry/cli/commands.h"
#include "phisentry/cli/options.h"
#include "phisentry/crypto/value_hasher.h"
#include "phisentry/lists/csv_table.h"
#include "phisentry/lists/value_list.h"

namespace phisentry::cli {
namespace fs = std::filesystem;
namespace {

// Shorter canonical values ("M", "12") would match far too much to mean one patient.
constexpr std::size_t kShortestValue = 4;

struct ListArguments {
  std::string action;
  std::vector<std::string> values;
  std::string file;
  std::string key_file;
  std::string values_file;
  // edm build only
  std::string csv;
  std::vector<std::string> columns;
  std::vector<std::string> name_columns;
};

fs::path key_file_of(const ListArguments& arguments) {
  return arguments.key_file.empty() ? lists::default_key_file(arguments.file) : fs::path(arguments.key_file);
}

bool long_enough(std::string_view value) { return crypto::canonical_value(value).size() >= kShortestValue; }

// The list named by --file, or a new one of this kind when the file does not exist yet.
lists::ValueList open_or_create(lists::ListKind kind, const ListArguments& arguments) {
  crypto::ValueHasher hasher = crypto::ValueHasher::from_key_file(key_file_of(arguments));
  if (!fs::exists(arguments.file)) return lists::ValueList(kind, std::move(hasher));
  lists::ValueList list = lists::ValueList::read(arguments.file, std::move(hasher));
  if (list.kind() != kind) {
    throw std::runtime_error(arguments.file + " is a " + std::string(lists::kind_name(list.kind())) + " list");
  }
  return list;
}

std::vector<std::string> values_of(const ListArguments& arguments) {
  std::vector<std::string> values = arguments.values;
  if (arguments.values_file.empty()) return values;
  std::ifstream in(arguments.values_file);
  if (!in) throw std::runtime_error(arguments.values_file + ": cannot be read");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) values.push_back(line);
  }
  return values;
}

int add_or_remove(lists::ListKind kind, const ListArguments& arguments) {
  lists::ValueList list = open_or_create(kind, arguments);
  std::size_t changed = 0;
  std::size_t skipped = 0;
  for (const std::string& value : values_of(arguments)) {
    if (!long_enough(value)) {
      ++skipped;
      continue;
    }
    changed += (arguments.action == "add" ? list.add(value) : list.remove(value)) ? 1 : 0;
  }
  list.write(arguments.file);
  std::cout << (arguments.action == "add" ? "added " : "removed ") << changed << " value(s); " << arguments.file
            << " now lists " << list.size() << " (key " << key_file_of(arguments).string() << ")\n";
  if (skipped > 0) std::cout << "skipped " << skipped << " value(s) shorter than " << kShortestValue << " characters\n";
  return 0;
}

// Exit 0 when every value is listed, 1 otherwise; values are named by position, never echoed.
int check(lists::ListKind kind, const ListArguments& arguments) {
  if (!fs::exists(arguments.file)) throw std::runtime_error(arguments.file + ": no such list");
  const lists::ValueList list = open_or_create(kind, arguments);
  const std::vector<std::string> values = values_of(arguments);
  bool all = !values.empty();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const bool listed = list.contains(values[i]);
    all = all && listed;
    std::cout << "value " << i + 1 << ": " << (listed ? "listed" : "not listed") << "\n";
  }
  return all ? 0 : 1;
}

int show(lists::ListKind kind, const ListArguments& arguments) {
  if (!fs::exists(arguments.file)) throw std::runtime_error(arguments.file + ": no such list");
  const lists::ValueList list = open_or_create(kind, arguments);
  std::cout << arguments.file << ": " << lists::kind_name(list.kind()) << ", " << list.size()
            << " hashed value(s), key " << key_file_of(arguments).string() << "\n";
  return 0;
}

// Full names from first/last columns in both orders ("Jane Doe", "Doe, Jane"): a first name alone
// is not an identifier, so name columns are only hashed together.
void add_name(lists::ValueList& list, const std::string& first, const std::string& last) {
  if (first.empty() || last.empty()) return;
  list.add(first + " " + last);
  list.add(last + ", " + first);
}

int build_edm(const ListArguments& arguments) {
  if (arguments.csv.empty()) throw std::runtime_error("edm build needs --from CSV");
  const lists::CsvTable table = lists::read_csv(arguments.csv);
  std::vector<std::size_t> columns;
  for (const std::string& name : arguments.columns) columns.push_back(table.column(name));
  if (arguments.name_columns.size() != 0 && arguments.name_columns.size() != 2) {
    throw std::runtime_error("--name-columns takes two names: FIRST,LAST");
  }
  std::optional<std::pair<std::size_t, std::size_t>> names;
  if (arguments.name_columns.size() == 2) {
    names = std::pair{table.column(arguments.name_columns[0]), table.column(arguments.name_columns[1])};
  }
  if (columns.empty() && !names) throw std::runtime_error("edm build needs --columns and/or --name-columns");
  lists::ValueList list(lists::ListKind::edm, crypto::ValueHasher::from_key_file(key_file_of(arguments)));
  std::size_t skipped = 0;
  for (const auto& row : table.rows) {
    const auto cell = [&](std::size_t i) { return i < row.size() ? row[i] : std::string(); };
    for (std::size_t column : columns) {
      const std::string value = cell(column);
      if (long_enough(value)) {
        list.add(value);
      } else if (!value.empty()) {
        ++skipped;
      }
    }
    if (names) add_name(list, cell(names->first), cell(names->second));
  }
  list.write(arguments.file);
  std::cout << "edm: " << list.size() << " hashed value(s) from " << table.rows.size() << " row(s) -> "
            << arguments.file << " (key " << key_file_of(arguments).string() << ")\n";
  if (skipped > 0) std::cout << "skipped " << skipped << " cell(s) shorter than " << kShortestValue << " characters\n";
  return 0;
}

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t from = 0;
  while (from <= text.size() && !text.empty()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    if (comma > from) items.push_back(text.substr(from, comma - from));
    from = comma + 1;
  }
  return items;
}

int list_command(lists::ListKind kind, const std::vector<std::string>& args) {
  const bool edm = kind == lists::ListKind::edm;
  ListArguments arguments;
  std::string columns;
  std::string name_columns;
  po::options_description options(edm ? "Exact-data-match options" : "Allowlist options");
  options.add_options()
      ("action", po::value(&arguments.action), edm ? "build, check or show" : "add, remove, check or show")
      ("value", po::value(&arguments.values)->multitoken(), "values (add, remove, check)")
      ("file", po::value(&arguments.file)->value_name("FILE"), "the list file")
      ("key-file", po::value(&arguments.key_file)->value_name("FILE"),
       "its 32-byte key (default: FILE.key; created when absent)")
      ("values-from", po::value(&arguments.values_file)->value_name("FILE"), "values one per line (not on the command line)");
  if (edm) {
    options.add_options()
        ("out", po::value(&arguments.file)->value_name("FILE"), "build: the list file written (same as --file)")
        ("from", po::value(&arguments.csv)->value_name("CSV"), "build: the clinic's identifier export (header row first)")
        ("columns", po::value(&columns)->value_name("A,B"), "build: columns hashed one cell at a time (MRN, member id)")
        ("name-columns", po::value(&name_columns)->value_name("FIRST,LAST"), "build: first and last name columns");
  }
  po::positional_options_description positional;
  positional.add("action", 1).add("value", -1);
  const std::string usage = edm ? "Usage: phisentry edm build --from patients.csv --out FILE [--columns A,B] [--name-columns FIRST,LAST]\n"
                                  "       phisentry edm check|show --file FILE [VALUE...]\n\n"
                                  "Hashes the clinic's own identifiers so candidates that match them are high confidence.\n"
                                  "The CSV is read in memory only; the list holds keyed BLAKE2b hashes."
                                : "Usage: phisentry allowlist add|remove|check VALUE... --file FILE\n"
                                  "       phisentry allowlist show --file FILE\n\n"
                                  "Values the organisation declares not PHI (its own numbers, training patients), kept as\n"
                                  "keyed BLAKE2b hashes.";
  po::variables_map values;
  if (!parse_subcommand(usage, args, options, positional, values)) return 0;
  if (arguments.action.empty()) throw po::error("what to do is missing (" + std::string(edm ? "build, check or show" : "add, remove, check or show") + ")");
  if (arguments.file.empty()) throw po::error("the list file is missing (--file FILE)");
  arguments.columns = comma_list(columns);
  arguments.name_columns = comma_list(name_columns);
  if (arguments.action == "show") return show(kind, arguments);
  if (arguments.action == "check") return check(kind, arguments);
  if (edm && arguments.action == "build") return build_edm(arguments);
  if (!edm && (arguments.action == "add" || arguments.action == "remove")) return add_or_remove(kind, arguments);
  std::cerr << "phisentry: unknown action '" << arguments.action << "'\n\n" << usage << "\n";
  return kExitError;
}

int run_list_command(lists::ListKind kind, const std::vector<std::string>& args) {
  try {
    return list_command(kind, args);
  } catch (const std::runtime_error& e) {
    std::cerr << "phisentry: " << e.what() << "\n";
    return kExitError;
  }
}

}  // namespace

int allowlist_command(const std::vector<std::string>& args) { return run_list_command(lists::ListKind::allowlist, args); }

int edm_command(const std::vector<std::string>& args) { return run_list_command(lists::ListKind::edm, args); }

}  // namespace phisentry::cli
