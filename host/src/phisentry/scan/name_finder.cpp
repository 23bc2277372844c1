#include "phisentry/scan/name_finder.h"

#include <algorithm>
#include <cstring>

namespace phisentry::scan {
namespace {

bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

// Latin-1 letters are C3 80..C3 BF; capitals are C3 80..C3 9E except × (C3 97).
bool is_latin1_upper(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size() || static_cast<unsigned char>(text[i]) != 0xC3) return false;
  const auto c = static_cast<unsigned char>(text[i + 1]);
  return c >= 0x80 && c <= 0x9E && c != 0x97;
}

bool is_typographic_apostrophe(std::string_view text, std::size_t i) {
  return text.substr(i, 3) == "\xE2\x80\x99";
}

// A letter, for word splitting: ASCII letters and any non-ASCII code point that is not punctuation or
// a space (the U+2000 block, and Latin-1's C2 range, hold those).
std::size_t letter_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (is_ascii_upper(c) || is_ascii_lower(c)) return 1;
  if (c < 0xC3) return 0;
  if (c == 0xE2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x81) return 0;
  std::size_t n = 1;
  while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0U) == 0x80U) ++n;
  return n;
}

// "Moore's daughter": the name is "Moore"; the joiner loop took the possessive into the word.
std::size_t without_possessive(std::string_view word) {
  for (const std::string_view suffix : {std::string_view("'s"), std::string_view("'S"),
                                        std::string_view("\xE2\x80\x99s"), std::string_view("\xE2\x80\x99S")}) {
    if (word.size() > suffix.size() + 1 && word.ends_with(suffix)) return word.size() - suffix.size();
  }
  return word.size();
}

bool is_digit_or_underscore(char c) { return (c >= '0' && c <= '9') || c == '_'; }

bool all_spaces(std::string_view gap) {
  return !gap.empty() && gap.size() <= 2 && gap.find_first_not_of(" \t") == std::string_view::npos;
}

bool ends_with_title(std::string_view before) {
  static constexpr std::string_view kTitles[] = {"mr. ", "mrs. ", "ms. ", "mx. ", "miss ", "mr ", "mrs ", "ms "};
  for (std::string_view title : kTitles) {
    if (before.size() < title.size()) continue;
    const std::string_view tail = before.substr(before.size() - title.size());
    const bool same = std::equal(tail.begin(), tail.end(), title.begin(), [](char a, char b) {
      return (a >= 'A' && a <= 'Z' ? static_cast<char>(a + 32) : a) == b;
    });
    const auto previous = before.size() > title.size() ? before[before.size() - title.size() - 1] : ' ';
    const bool bounded = !is_ascii_upper(static_cast<unsigned char>(previous)) &&
                         !is_ascii_lower(static_cast<unsigned char>(previous));
    if (same && bounded) return true;
  }
  return false;
}

// A cheap test before ends_with_title: every title ends in '.', 'r', 's' or 'x' and a space.
bool may_follow_title(std::string_view text, std::size_t start) {
  if (start < 3 || text[start - 1] != ' ') return false;
  const char last = static_cast<char>(text[start - 2] | 0x20);
  return last == '.' || last == 'r' || last == 's' || last == 'x';
}

// Where the word starting at `start` (a letter) ends: letters, and joiners between letters as in
// O'Brien, O’Brien, Smith-Jones.
std::size_t word_end(std::string_view text, std::size_t start) {
  std::size_t i = start;
  while (i < text.size()) {
    if (const std::size_t n = letter_length(text, i); n > 0) {
      i += n;
      continue;
    }
    const std::size_t joiner = text[i] == '\'' || text[i] == '-' ? 1 : is_typographic_apostrophe(text, i) ? 3 : 0;
    if (joiner == 0 || i + joiner >= text.size() || letter_length(text, i + joiner) == 0) break;
    i += joiner;
  }
  return i;
}

bool all_capitals(std::string_view word) {
  return std::none_of(word.begin(), word.end(), [](char c) { return is_ascii_lower(static_cast<unsigned char>(c)); });
}

// Short capitals are acronyms, not a lone name: "DEA", "VIN", "IP" always; "SIEM" in a line that
// also has lower case (an ALL-CAPS handoff writes "KING" for a patient).
bool is_acronym(std::string_view text, std::size_t start, std::size_t end) {
  const std::string_view word = text.substr(start, end - start);
  const bool capitals = word.size() <= 4 && std::all_of(word.begin(), word.end(), [](char c) {
    return is_ascii_upper(static_cast<unsigned char>(c));
  });
  if (!capitals || word.size() <= 3) return capitals;
  // Up to 120 bytes each side of the word, within its line: a hostile one-line page stays linear.
  constexpr std::size_t kLook = 120;
  const std::size_t from = start > kLook ? start - kLook : 0;
  const std::string_view before = text.substr(from, start - from);
  const std::string_view after = text.substr(end, kLook);
  const auto lower_in = [](std::string_view part) {
    return std::any_of(part.begin(), part.end(), [](char c) { return is_ascii_lower(static_cast<unsigned char>(c)); });
  };
  return lower_in(before.substr(before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1)) ||
         lower_in(after.substr(0, after.find('\n')));
}

}  // namespace

void fold_name(std::string_view word, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (is_ascii_upper(c)) {
      out += static_cast<char>(c + 32);
    } else if (is_latin1_upper(word, i)) {
      out += word[i];
      out += static_cast<char>(static_cast<unsigned char>(word[++i]) + 0x20);
    } else if (is_typographic_apostrophe(word, i)) {
      out += '\'';
      i += 2;
    } else {
      out += word[i];
    }
  }
}

void append_name_words(std::string_view name, std::vector<std::string>& out) {
  std::string folded;
  for (std::size_t i = 0; i < name.size();) {
    if (letter_length(name, i) == 0) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    i = word_end(name, start);
    fold_name(name.substr(start, i - start), folded);
    if (folded.size() > 1) out.push_back(folded);
  }
}

namespace {

// FNV-1a: names are short (6 bytes on average), so a byte-at-a-time hash costs less than its setup
// would in a wider one.
std::uint64_t hash_name(std::string_view folded) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : folded) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::uint16_t tag_of(std::uint64_t hash) { return static_cast<std::uint16_t>(hash >> 48); }

std::size_t table_size_for(std::size_t entries) {
  std::size_t size = 16;
  while (size < entries * 2) size *= 2;
  return size;
}

constexpr std::string_view kIndexMagic = "PHISENTRY-NAMES-2\n";  // 2: slots before the entries

}  // namespace

NameIndex::NameIndex(const rules::NameSource& source) {
  auto bytes = std::make_shared<std::string>(build(source));
  adopt(*bytes, bytes);
}

// The table is built in plain containers, then kept in its serialized form, like a cached one.
std::string NameIndex::build(const rules::NameSource& source) {
  const std::size_t total = (source.first_entries ? source.first_entries->size() : 0) +
                            (source.last_entries ? source.last_entries->size() : 0) +
                            (source.common_word_entries ? source.common_word_entries->size() : 0);
  std::vector<Slot> slots(table_size_for(total), Slot{0, 0, 0, 0});
  std::string blob;
  std::size_t count = 0;
  std::string folded;
  for (const auto& [list, kind] : {std::pair{source.first_entries, first}, std::pair{source.last_entries, last},
                                   std::pair{source.common_word_entries, common_word}}) {
    if (!list) continue;
    for (const std::string& entry : *list) {
      fold_name(entry, folded);
      count += insert(folded, kind, slots, blob) ? 1 : 0;
    }
  }
  std::string bytes(kIndexMagic);
  for (const std::uint64_t size : {std::uint64_t{count}, std::uint64_t{slots.size()}, std::uint64_t{blob.size()}}) {
    bytes.append(reinterpret_cast<const char*>(&size), sizeof size);
  }
  bytes.append(reinterpret_cast<const char*>(slots.data()), slots.size() * sizeof(Slot));
  return bytes + blob;
}

bool NameIndex::insert(std::string_view folded, std::uint8_t kinds, std::vector<Slot>& slots, std::string& blob) {
  // A word longer than a slot can describe is no name a person is called by.
  if (folded.empty() || folded.size() > UINT8_MAX) return false;
  const std::uint64_t hash = hash_name(folded);
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots[i];
    if (slot.length == 0) {
      slot = {static_cast<std::uint32_t>(blob.size()), static_cast<std::uint8_t>(folded.size()), kinds, tag_of(hash)};
      blob += folded;
      return true;
    }
    if (slot.tag == tag_of(hash) && std::string_view(blob).substr(slot.offset, slot.length) == folded) {
      slot.kinds |= kinds;  // the same word in two dictionaries
      return false;
    }
  }
}

NameIndex::Slot NameIndex::slot_at(std::size_t i) const {
  Slot slot;
  std::memcpy(&slot, slots_ + i * sizeof(Slot), sizeof slot);
  return slot;
}

std::uint8_t NameIndex::kinds_of_folded(std::string_view folded) const {
  if (folded.empty() || folded.size() > UINT8_MAX) return 0;
  const std::uint64_t hash = hash_name(folded);
  const std::size_t mask = slot_count_ - 1;
  std::size_t i = hash & mask;
  for (std::size_t probes = 0; probes < slot_count_; ++probes, i = (i + 1) & mask) {
    const Slot slot = slot_at(i);
    if (slot.length == 0) return 0;
    if (slot.tag == tag_of(hash) && slot.length == folded.size() && slot.offset <= blob_.size() &&
        blob_.substr(slot.offset, slot.length) == folded) {
      return slot.kinds;
    }
  }
  return 0;  // only a damaged table has no empty slot
}

// O(1): checks the header against the size, never reads the slots (lookups check what they read).
bool NameIndex::adopt(std::string_view bytes, std::shared_ptr<const void> storage) {
  std::string_view rest = bytes;
  if (rest.substr(0, kIndexMagic.size()) != kIndexMagic) return false;
  rest.remove_prefix(kIndexMagic.size());
  std::uint64_t sizes[3] = {};
  if (rest.size() < sizeof sizes) return false;
  std::memcpy(sizes, rest.data(), sizeof sizes);
  rest.remove_prefix(sizeof sizes);
  const auto [count, slot_count, blob_size] = sizes;
  const bool power_of_two = slot_count >= 2 && (slot_count & (slot_count - 1)) == 0;
  if (!power_of_two || count >= slot_count || slot_count > rest.size() / sizeof(Slot) ||
      rest.size() - slot_count * sizeof(Slot) != blob_size) {
    return false;
  }
  storage_ = std::move(storage);
  bytes_ = bytes;
  slots_ = rest.data();
  slot_count_ = slot_count;
  blob_ = rest.substr(slot_count * sizeof(Slot));
  count_ = count;
  return true;
}

std::shared_ptr<const NameIndex> NameIndex::deserialize(std::string_view bytes, std::shared_ptr<const void> storage) {
  if (!storage) {
    auto copy = std::make_shared<std::string>(bytes);
    bytes = *copy;
    storage = std::move(copy);
  }
  std::shared_ptr<NameIndex> index(new NameIndex());
  if (!index->adopt(bytes, std::move(storage))) return nullptr;
  return index;
}

std::uint8_t NameFinder::kinds_of(std::string_view word) {
  fold_name(word, folded_);
  std::uint8_t kinds = index_->kinds_of_folded(folded_);
  if (kinds != 0 || word.find('-') == std::string_view::npos) return kinds;
  // "Delgado-Ruiz": a double-barrelled name whose parts are each names.
  std::uint8_t all = NameIndex::first | NameIndex::last | NameIndex::common_word;
  for (std::size_t from = 0; from <= word.size();) {
    std::size_t dash = word.find('-', from);
    if (dash == std::string_view::npos) dash = word.size();
    fold_name(word.substr(from, dash - from), folded_);
    all &= index_->kinds_of_folded(folded_);
    from = dash + 1;
  }
  return (all & (NameIndex::first | NameIndex::last)) != 0 ? all : 0;
}

void NameFinder::split_words(std::string_view text) {
  words_.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    if (letter_length(text, i) == 0) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    i = word_end(text, start);
    const bool has_digit = (start > 0 && is_digit_or_underscore(text[start - 1])) ||
                           (i < text.size() && is_digit_or_underscore(text[i]));
    if (has_digit) continue;  // "A1c", "B12": codes, not names
    const std::string_view word = text.substr(start, without_possessive(text.substr(start, i - start)));
    const bool upper_first = is_ascii_upper(static_cast<unsigned char>(word[0])) || is_latin1_upper(word, 0);
    const bool initial = word.size() == 1 && upper_first && i < text.size() && text[i] == '.';
    // A quick note may write "call back mr watson" in lower case; after a title the word is a name.
    const bool titled = !upper_first && may_follow_title(text, start) && ends_with_title(text.substr(0, start));
    std::uint8_t kinds = (upper_first || titled) && word.size() > 1 ? kinds_of(word) : 0;
    if (titled && (kinds & NameIndex::common_word) != 0) kinds = 0;
    const bool capitalised = upper_first || (titled && kinds != 0);
    words_.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(start + word.size()), kinds,
                      capitalised, initial});
  }
}

// Returns i - 1 (wrapping at 0) when no form starts at word i; find() then moves to the next word.
std::size_t NameFinder::match_at(std::string_view text, std::size_t i, std::vector<NameSpan>& out) const {
  const auto gap = [&](std::size_t a) { return text.substr(words_[a].end, words_[a + 1].start - words_[a].end); };
  // Two words belong to one name when only a space (or an initial's period and a space) parts them.
  const auto joined = [&](std::size_t a) {
    if (a + 1 >= words_.size() || !words_[a + 1].capitalised) return false;
    const std::string_view g = gap(a);
    return all_spaces(g) || (words_[a].initial && g.size() >= 2 && g[0] == '.' && all_spaces(g.substr(1)));
  };
  const auto has = [&](std::size_t a, std::uint8_t kind) { return (words_[a].kinds & kind) != 0; };
  const auto common = [&](std::size_t a) { return has(a, NameIndex::common_word); };
  const auto known = [&](std::size_t a) { return words_[a].kinds != 0; };
  const auto emit = [&](std::size_t last_word, rules::NameSource::Form form) {
    out.push_back({words_[i].start, words_[last_word].end, form});
    return last_word;
  };
  using Form = rules::NameSource::Form;
  const Word& w = words_[i];
  if (!w.capitalised) return i - 1;
  // "John Doe", "Jane Doe", "Doe, Jane": the conventional name for an unknown or example person.
  const auto doe = [&](std::size_t a) {
    const std::string_view word = text.substr(words_[a].start, words_[a].end - words_[a].start);
    return word.size() == 3 && (word[0] | 0x20) == 'd' && (word[1] | 0x20) == 'o' && (word[2] | 0x20) == 'e';
  };
  if ((joined(i) && doe(i + 1)) || (doe(i) && i + 1 < words_.size() && gap(i) == ", " && words_[i + 1].capitalised)) {
    return i + 1;
  }

  // Full forms: every part is a known name, and not all of them are ordinary words.
  if (has(i, NameIndex::first) && joined(i)) {
    const std::size_t j = i + 1;
    if ((words_[j].initial || has(j, NameIndex::first)) && joined(j) && has(j + 1, NameIndex::last) &&
        !(common(i) && common(j + 1))) {
      return emit(j + 1, Form::full);  // Maria T. Delgado
    }
    // "No SI/HI" is a note, not Mr. Si: two short words where the first is an ordinary one.
    const bool two_short = common(i) && w.end - w.start <= 2 && words_[j].end - words_[j].start <= 2;
    if (has(j, NameIndex::last) && !(common(i) && common(j)) && !two_short) return emit(j, Form::full);  // Maria Delgado
  }
  // "Delgado, Maria", and HL7's family^given ("DELGADO^MARIA" in a PID segment).
  if (has(i, NameIndex::last) && i + 1 < words_.size() && (gap(i) == ", " || gap(i) == "^") &&
      has(i + 1, NameIndex::first) && words_[i + 1].capitalised && !(common(i) && common(i + 1))) {
    return emit(i + 1, Form::full);
  }

  // Two ordinary words that are both names ("Grace West", "Cox, Heather") are a person's only where
  // context says so (a Patient column, "called"): the weaker form, which has no base confidence. In
  // capitals every pair of words looks alike ("FALL RISK"): there only "HILL, ROGER" with its comma.
  const auto title_case = [&](std::size_t a) { return !all_capitals(text.substr(words_[a].start, words_[a].end - words_[a].start)); };
  if (has(i, NameIndex::first) && joined(i) && has(i + 1, NameIndex::last) && common(i) && common(i + 1) &&
      title_case(i) && title_case(i + 1)) {
    return emit(i + 1, Form::partial);
  }
  if (has(i, NameIndex::last) && common(i) && i + 1 < words_.size() && gap(i) == ", " &&
      has(i + 1, NameIndex::first) && common(i + 1) && words_[i + 1].capitalised) {
    return emit(i + 1, Form::partial);
  }

  // Partial forms: a title, an initial, or one known part with an unknown capitalised word.
  // "MR No.: 0074" is a record number: a two-letter ordinary word after a title is no surname.
  const bool short_word = w.end - w.start <= 2;
  if (ends_with_title(text.substr(0, w.start)) && w.end - w.start > 1 && !(common(i) && short_word)) {
    const bool more = joined(i) && (!known(i + 1) || has(i + 1, NameIndex::last));
    return emit(more ? i + 1 : i, Form::partial);  // Mr. Okafor, Mrs. Ana Okafor
  }
  if (w.initial && joined(i) && has(i + 1, NameIndex::last)) return emit(i + 1, Form::partial);  // M. Delgado
  if (has(i, NameIndex::first) && !common(i) && joined(i) && !known(i + 1) &&
      words_[i + 1].end - words_[i + 1].start > 2) {
    return emit(i + 1, Form::partial);  // Walter Okafor
  }
  if (has(i, NameIndex::first) && !common(i) && joined(i) && words_[i + 1].initial) {
    const bool surname = joined(i + 1) && words_[i + 2].end - words_[i + 2].start > 2;
    return emit(surname ? i + 2 : i + 1, Form::partial);  // Olivia S., Walter T. Okafor
  }
  const bool long_word = w.end - w.start > 2;
  if (!known(i) && long_word && i + 1 < words_.size() && gap(i) == ", " && words_[i + 1].capitalised &&
      has(i + 1, NameIndex::first) && !common(i + 1)) {
    return emit(i + 1, Form::partial);  // Kuznetsov, Alejandro
  }
  // A known name alone; only context (a Patient column, "daughter ...") makes it a person's.
  if (known(i) && !common(i) && !is_acronym(text, w.start, w.end)) return emit(i, Form::single);
  return i - 1;
}

void NameFinder::find(std::string_view text, std::vector<NameSpan>& out) {
  split_words(text);
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::size_t last = match_at(text, i, out);
    if (last + 1 > i) i = last;
  }
}

}  // namespace phisentry::scan
