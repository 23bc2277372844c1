#include "phisentry/lists/value_list.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace phisentry::lists {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "# phisentry value list v1";
// Values are hashed under one tag whatever rule finds them: an allowlisted number is allowed as a
// phone and as a fax alike.
constexpr std::string_view kValueTag = "value-list";

std::string key_id(const crypto::ValueHasher& hasher) { return hasher.hash("key-id", ""); }

bool is_hash(std::string_view text) {
  if (text.size() != 35 || !text.starts_with("b2:")) return false;
  return std::all_of(text.begin() + 3, text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::runtime_error list_error(const fs::path& file, std::size_t line, const std::string& what) {
  return std::runtime_error("value list " + file.string() + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what);
}

// The header's "kind" and "key" lines; returns the kind after checking the key is the hasher's.
ListKind read_header(std::istream& in, const fs::path& file, const crypto::ValueHasher& hasher, std::size_t& line_number) {
  std::string line;
  if (!std::getline(in, line) || line != kMagic) throw list_error(file, 1, "not a phisentry value list");
  std::optional<ListKind> kind;
  if (std::getline(in, line) && line.starts_with("kind ")) kind = kind_from_name(std::string_view(line).substr(5));
  if (!kind) throw list_error(file, 2, "expected 'kind allowlist' or 'kind edm'");
  if (!std::getline(in, line) || !line.starts_with("key ")) throw list_error(file, 3, "expected 'key b2:…'");
  if (line.substr(4) != key_id(hasher)) throw list_error(file, 3, "was built with a different key");
  line_number = 3;
  return *kind;
}

template <typename Insert>
void read_entries(std::istream& in, const fs::path& file, std::size_t line_number, Insert insert) {
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty()) continue;
    if (!is_hash(line)) throw list_error(file, line_number, "expected a hash 'b2:' and 32 hex digits");
    insert(std::move(line));
  }
}

std::ifstream open_list(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw list_error(file, 0, "cannot be read");
  return in;
}

}  // namespace

std::string_view kind_name(ListKind kind) { return kind == ListKind::allowlist ? "allowlist" : "edm"; }

std::optional<ListKind> kind_from_name(std::string_view name) {
  if (name == "allowlist") return ListKind::allowlist;
  if (name == "edm") return ListKind::edm;
  return std::nullopt;
}

fs::path default_key_file(const fs::path& list_file) {
  fs::path key = list_file;
  key += ".key";
  return key;
}

ValueList::ValueList(ListKind kind, crypto::ValueHasher hasher) : kind_(kind), hasher_(std::move(hasher)) {}

ValueList ValueList::read(const fs::path& file, crypto::ValueHasher hasher) {
  std::ifstream in = open_list(file);
  std::size_t line_number = 0;
  ValueList list(read_header(in, file, hasher, line_number), std::move(hasher));
  read_entries(in, file, line_number, [&](std::string hash) { list.hashes_.insert(std::move(hash)); });
  return list;
}

bool ValueList::add(std::string_view value) { return hashes_.insert(hasher_.hash(kValueTag, value)).second; }

bool ValueList::remove(std::string_view value) { return hashes_.erase(hasher_.hash(kValueTag, value)) > 0; }

bool ValueList::contains(std::string_view value) const { return hashes_.contains(hasher_.hash(kValueTag, value)); }

void ValueList::write(const fs::path& file) const {
  fs::path temporary = file;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << kMagic << "\nkind " << kind_name(kind_) << "\nkey " << key_id(hasher_) << "\n";
    for (const std::string& hash : hashes_) out << hash << "\n";
    if (!out.flush()) throw list_error(temporary, 0, "cannot be written");
  }
  ::chmod(temporary.c_str(), S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
  fs::rename(temporary, file);
}

std::shared_ptr<const ValueLists> ValueLists::load(const std::vector<Source>& sources) {
  auto lists = std::make_shared<ValueLists>();
  for (const Source& source : sources) {
    const fs::path key_file = source.key_file.empty() ? default_key_file(source.file) : source.key_file;
    if (!fs::exists(key_file)) throw list_error(source.file, 0, "its key " + key_file.string() + " is missing");
    crypto::ValueHasher hasher = crypto::ValueHasher::from_key_file(key_file);
    std::ifstream in = open_list(source.file);
    std::size_t line_number = 0;
    const ListKind kind = read_header(in, source.file, hasher, line_number);
    if (kind != source.kind) {
      throw list_error(source.file, 2, "is of kind '" + std::string(kind_name(kind)) + "', expected '" + std::string(kind_name(source.kind)) + "'");
    }
    Loaded loaded{kind, std::move(hasher), {}};
    read_entries(in, source.file, line_number, [&](std::string hash) { loaded.hashes.insert(std::move(hash)); });
    lists->lists_.push_back(std::move(loaded));
  }
  return lists;
}

bool ValueLists::has_edm() const {
  return std::any_of(lists_.begin(), lists_.end(), [](const Loaded& list) { return list.kind == ListKind::edm; });
}

ValueLists::Listed ValueLists::lookup(std::string_view value) const {
  Listed listed = Listed::no;
  for (const Loaded& list : lists_) {
    if (!list.hashes.contains(list.hasher.hash(kValueTag, value))) continue;
    if (list.kind == ListKind::allowlist) return Listed::allowed;
    listed = Listed::exact;
  }
  return listed;
}

}  // namespace phisentry::lists
