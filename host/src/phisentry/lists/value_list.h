#pragma once
// Lists of values an organisation declares, kept as keyed BLAKE2b hashes so the list file never
// holds a value in clear:
//  - an allowlist: values that are not PHI here (the clinic's own numbers and domains, training
//    patients such as "Jane Doe"); a finding whose value is listed is dropped;
//  - an exact-data-match (EDM) list: the clinic's own identifiers (MRNs, patients' full names); a
//    candidate whose value is listed is high confidence whatever its context.
//
// File format (text, one entry per line, sorted, so lists diff and merge):
//   # phisentry value list v1
//   kind allowlist|edm
//   key b2:<32 hex>        (the key's id: a keyed hash of nothing, so a wrong key is detected)
//   b2:<32 hex>            (one line per value)
// The key lives in its own 32-byte file (default: the list's path + ".key").

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "phisentry/crypto/value_hasher.h"

namespace phisentry::lists {

enum class ListKind { allowlist, edm };

std::string_view kind_name(ListKind kind);
std::optional<ListKind> kind_from_name(std::string_view name);

// The key file a list uses unless told otherwise.
std::filesystem::path default_key_file(const std::filesystem::path& list_file);

// A list being built or edited (CLI); entries are hashes only.
class ValueList {
 public:
  ValueList(ListKind kind, crypto::ValueHasher hasher);

  // Reads an existing list (its key must be the hasher's); throws std::runtime_error naming the line.
  static ValueList read(const std::filesystem::path& file, crypto::ValueHasher hasher);

  ListKind kind() const { return kind_; }
  std::size_t size() const { return hashes_.size(); }
  // Returns false when the value (in its canonical form) was already listed.
  bool add(std::string_view value);
  bool remove(std::string_view value);
  bool contains(std::string_view value) const;
  const std::set<std::string>& hashes() const { return hashes_; }

  // Writes atomically (temporary file, then rename), mode 0644: the host of every user reads it.
  void write(const std::filesystem::path& file) const;

 private:
  ListKind kind_;
  crypto::ValueHasher hasher_;
  std::set<std::string> hashes_;
};

// Every list the scanner consults, loaded once and shared by all scanners (immutable).
class ValueLists {
 public:
  enum class Listed { no, allowed, exact };

  struct Source {
    ListKind kind;  // what the caller expects the file to be
    std::filesystem::path file;
    std::filesystem::path key_file;  // empty: default_key_file(file)
    bool operator==(const Source&) const = default;
  };
  // Throws std::runtime_error naming the file on a missing, malformed or wrongly keyed list.
  static std::shared_ptr<const ValueLists> load(const std::vector<Source>& sources);

  bool empty() const { return lists_.empty(); }
  bool has_edm() const;
  // The allowlist wins over the EDM list: an organisation's explicit "not PHI" is the later decision.
  Listed lookup(std::string_view value) const;

 private:
  struct Loaded {
    ListKind kind;
    crypto::ValueHasher hasher;
    std::unordered_set<std::string> hashes;
  };
  std::vector<Loaded> lists_;
};

}  // namespace phisentry::lists
