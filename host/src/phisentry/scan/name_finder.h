#pragma once
// Candidate people's names, found by splitting text into words and looking capitalised words up in
// first- and last-name dictionaries. Measured here on 193,716 names: a Hyperscan literal database of
// them compiled in 13 s and scanned at ~7 MB/s (short names hit inside every other word); word lookup
// ran at ~96 MB/s with binary search over a sorted list, faster with the hash table
// (tests/bench/RESULTS.md). A name alone is weak evidence: the rules' context decides (rules/names.json).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "phisentry/rules/rule.h"

namespace phisentry::scan {

// Folds a word for lookup: ASCII and Latin-1 capitals to lower case, the typographic apostrophe (’)
// to '. "JOSÉ", "José" and "josé" fold alike; so do "O’Brien" and "O'Brien".
void fold_name(std::string_view word, std::string& out);

// Appends the folded words of a found name, initials left out ("K. Fitzgerald" -> "fitzgerald",
// "FITZGERALD, KATHRYN" -> "fitzgerald", "kathryn"): what two mentions of one person share.
void append_name_words(std::string_view name, std::vector<std::string>& out);

class NameIndex {
 public:
  enum Kind : std::uint8_t { first = 1, last = 2, common_word = 4 };

  explicit NameIndex(const rules::NameSource& source);
  // The kinds of a folded word (0 when it is in no dictionary).
  std::uint8_t kinds_of_folded(std::string_view folded) const;
  std::size_t size() const { return count_; }

  // The built index as bytes, for the database cache: start-up then skips folding and hashing every
  // dictionary entry. deserialize() reads the table in place, without copying its ~5 MB, while
  // `storage` (the mapped cache file) keeps the bytes alive; with no storage it keeps a copy. Null
  // for bytes that are not an index. A damaged table cannot make a lookup read outside the bytes or
  // probe forever: lookups check each slot they read.
  std::string serialize() const { return std::string(bytes_); }
  static std::shared_ptr<const NameIndex> deserialize(std::string_view bytes,
                                                      std::shared_ptr<const void> storage = nullptr);

 private:
  NameIndex() = default;
  // Open addressing, linear probing, at most half full. `tag` is 16 more bits of the hash, so a probe
  // compares strings only when the tags agree.
  struct Slot {
    std::uint32_t offset;  // of the entry in blob_
    std::uint8_t length;   // 0: empty slot
    std::uint8_t kinds;
    std::uint16_t tag;
  };
  static std::string build(const rules::NameSource& source);
  // False when the word is already in (its kinds are merged) or cannot be a name.
  static bool insert(std::string_view folded, std::uint8_t kinds, std::vector<Slot>& slots, std::string& blob);
  // Slots are read by copy: in a mapped file they sit at whatever alignment the header leaves.
  Slot slot_at(std::size_t i) const;
  bool adopt(std::string_view bytes, std::shared_ptr<const void> storage);

  // The serialized form is the index: header, slots, then every folded entry back to back.
  std::shared_ptr<const void> storage_;
  std::string_view bytes_;
  const char* slots_ = nullptr;
  std::size_t slot_count_ = 0;
  std::string_view blob_;
  std::size_t count_ = 0;
};

struct NameSpan {
  std::uint32_t start;
  std::uint32_t end;
  rules::NameSource::Form form;
};

// One per scanner: reuses its buffers across scans.
class NameFinder {
 public:
  explicit NameFinder(std::shared_ptr<const NameIndex> index) : index_(std::move(index)) {}
  void find(std::string_view text, std::vector<NameSpan>& out);

 private:
  struct Word {
    std::uint32_t start;
    std::uint32_t end;
    std::uint8_t kinds;
    bool capitalised;
    bool initial;  // one capital letter followed by '.'
  };
  void split_words(std::string_view text);
  std::uint8_t kinds_of(std::string_view word);
  // Tries the forms at words_[i]; returns the index of the last word used, or i - 1 when none fit.
  std::size_t match_at(std::string_view text, std::size_t i, std::vector<NameSpan>& out) const;

  std::shared_ptr<const NameIndex> index_;
  std::vector<Word> words_;
  std::string folded_;
};

}  // namespace phisentry::scan
