#include "phisentry/scan/hyperscan_matcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace phisentry::scan {
namespace {

std::string take_error(hs_compile_error_t* error) {
  std::string message = error != nullptr && error->message != nullptr ? error->message : "unknown error";
  hs_free_compile_error(error);
  return message;
}

std::string pattern_problem(const PatternSet& patterns, const rules::RulePack& pack, std::size_t index,
                            const std::string& reason) {
  const rules::Rule& rule = pack.rules[patterns.regexes[index].rule];
  return rule.source_file + ": rule '" + rule.id + "': pattern /" + patterns.regexes[index].expression +
         "/ does not compile: " + reason;
}

}  // namespace

DatabasePtr compile_regex_subset(const PatternSet& patterns, const rules::RulePack& pack,
                                 const std::function<bool(std::size_t)>& include) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < patterns.regexes.size(); ++i) {
    if (!include(i)) continue;
    const RegexPattern& p = patterns.regexes[i];
    expressions.push_back(p.expression.c_str());
    flags.push_back(regex_flags(p.caseless, p.dotall));
    ids.push_back(static_cast<unsigned>(i));
  }
  if (ids.empty()) return nullptr;
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(ids.size()), HS_MODE_BLOCK,
                       nullptr, &db, &error) != HS_SUCCESS) {
    const int index = error != nullptr ? error->expression : -1;
    const std::string reason = take_error(error);
    if (index >= 0) throw rules::RuleError({pattern_problem(patterns, pack, ids[static_cast<std::size_t>(index)], reason)});
    throw rules::RuleError({"the rule pack's patterns do not compile together: " + reason});
  }
  return DatabasePtr(db);
}

namespace {

DatabasePtr compile_start_of_match(const PatternSet& patterns, const rules::RulePack& pack, std::size_t index) {
  const RegexPattern& p = patterns.regexes[index];
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile(p.expression.c_str(), regex_flags(p.caseless, p.dotall) | HS_FLAG_SOM_LEFTMOST, HS_MODE_BLOCK,
                 nullptr, &db, &error) != HS_SUCCESS) {
    throw rules::RuleError({pattern_problem(patterns, pack, index, take_error(error) + " (with start of match)")});
  }
  return DatabasePtr(db);
}

DatabasePtr compile_literals(const PatternSet& patterns) {
  if (patterns.literals.empty()) return nullptr;
  std::vector<const char*> expressions;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> flags(patterns.literals.size(), HS_FLAG_CASELESS);
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < patterns.literals.size(); ++i) {
    expressions.push_back(patterns.literals[i].data());
    lengths.push_back(patterns.literals[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(ids.size()), HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    throw rules::RuleError({"dictionaries and keywords do not compile: " + take_error(error)});
  }
  return DatabasePtr(db);
}

void append_blob(std::string& out, const hs_database_t* db) {
  std::uint64_t size = 0;
  char* bytes = nullptr;
  if (db != nullptr) {
    std::size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) throw std::runtime_error("hs_serialize_database");
    size = length;
  }
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  if (bytes != nullptr) out.append(bytes, size);
  std::free(bytes);  // Hyperscan's misc allocator is malloc by default
}

// Reads one blob written by append_blob; false when the input is short or the database is foreign.
bool read_blob(std::string_view& in, DatabasePtr& db) {
  std::uint64_t size = 0;
  if (in.size() < sizeof size) return false;
  std::memcpy(&size, in.data(), sizeof size);
  in.remove_prefix(sizeof size);
  if (size > in.size()) return false;
  if (size > 0) {
    hs_database_t* raw = nullptr;
    if (hs_deserialize_database(in.data(), size, &raw) != HS_SUCCESS) return false;
    db.reset(raw);
  }
  in.remove_prefix(size);
  return true;
}

// Takes one blob's bytes, checked to carry a database header of this Hyperscan version, for reading later
// (the eagerly read databases beside it vouch for the CPU).
bool take_blob(std::string_view& in, std::string_view& serialized) {
  std::uint64_t size = 0;
  if (in.size() < sizeof size) return false;
  std::memcpy(&size, in.data(), sizeof size);
  in.remove_prefix(sizeof size);
  if (size == 0 || size > in.size()) return false;
  serialized = in.substr(0, size);
  in.remove_prefix(size);
  std::size_t deserialized_size = 0;
  return hs_serialized_database_size(serialized.data(), serialized.size(), &deserialized_size) == HS_SUCCESS;
}

constexpr std::string_view kBlobMagic = "PHISENTRY-HSDB-2\n";  // 2: gated patterns in a database of their own

struct FindContext {
  Hits* hits;
  std::uint32_t base;  // offset of the scanned window in the text
};

int on_regex_hit(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
                 void* context) {
  auto* find = static_cast<FindContext*>(context);
  find->hits->regex.push_back({id, find->base + static_cast<std::uint32_t>(to)});
  return find->hits->size() >= kMaxHitsPerScan ? 1 : 0;
}

// The literal database has no start of match: a literal's start is its end minus its length.
struct LiteralContext {
  Hits* hits;
  std::string_view text;
  const std::vector<std::string>* literals;
};

int on_literal_hit(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
                   void* context) {
  auto* find = static_cast<LiteralContext*>(context);
  const std::size_t start = to - (*find->literals)[id].size();
  if (is_whole_word(find->text, start, to)) {
    find->hits->literals.push_back({id, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(to)});
  }
  return find->hits->size() >= kMaxHitsPerScan ? 1 : 0;
}

struct StartContext {
  unsigned long long target_end;
  std::optional<unsigned long long> start;
};

int on_start_of_match(unsigned int /*id*/, unsigned long long from, unsigned long long to, unsigned int /*flags*/,
                      void* context) {
  auto* find = static_cast<StartContext*>(context);
  if (to != find->target_end) return 0;
  find->start = from;
  return 1;
}

// The ends of one pattern inside one merged window, and where their starts go.
struct WindowStarts {
  std::span<const RegexHit> ends;  // sorted by end
  std::uint32_t* starts;           // parallel to `ends`
  std::uint32_t base;              // offset of the window in the text
};

int on_window_start(unsigned int /*id*/, unsigned long long from, unsigned long long to, unsigned int /*flags*/,
                    void* context) {
  auto* find = static_cast<WindowStarts*>(context);
  const unsigned long long end = find->base + to;
  const auto it = std::lower_bound(find->ends.begin(), find->ends.end(), end,
                                   [](const RegexHit& hit, unsigned long long at) { return hit.end < at; });
  if (it != find->ends.end() && it->end == end) {
    std::uint32_t& start = find->starts[it - find->ends.begin()];
    start = std::min(start, find->base + static_cast<std::uint32_t>(from));
  }
  return 0;
}

struct StartWindow {
  std::size_t start;
  std::size_t end;
};

// Where a match ending at `end` can lie, plus one byte on each side so \b sees its neighbours.
StartWindow start_window(std::uint32_t end, std::uint32_t width, std::size_t text_size) {
  return {end > width ? std::size_t{end} - width - 1 : 0, std::min<std::size_t>(text_size, std::size_t{end} + 1)};
}

}  // namespace

unsigned regex_flags(bool caseless, bool dotall) {
  unsigned flags = 0;
  if (caseless) flags |= HS_FLAG_CASELESS;
  if (dotall) flags |= HS_FLAG_DOTALL;
  return flags;
}

PatternWidth pattern_max_width(const std::string& expression, bool caseless, bool dotall,
                               std::optional<std::uint32_t> cap) {
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_expression_info(expression.c_str(), regex_flags(caseless, dotall), &info, &error) != HS_SUCCESS) {
    throw std::invalid_argument(take_error(error));
  }
  const unsigned width = info->max_width;
  const bool matches_empty = info->min_width == 0;
  std::free(info);
  if (matches_empty) throw std::invalid_argument("it can match an empty string");
  if (width == UINT_MAX) {
    if (!cap) throw std::invalid_argument("its width is unbounded: set 'max_length'");
    return {*cap, true, true};
  }
  if (cap && *cap < width) return {*cap, false, true};
  return {width, false, false};
}

std::shared_ptr<const HyperscanDatabases> HyperscanDatabases::compile(const PatternSet& patterns,
                                                                      const rules::RulePack& pack) {
  auto databases = std::make_shared<HyperscanDatabases>();
  databases->regex_ = compile_regex_subset(patterns, pack, [&](std::size_t i) { return !patterns.gated[i]; });
  databases->gated_ = compile_regex_subset(patterns, pack, [&](std::size_t i) { return patterns.gated[i]; });
  databases->literal_ = compile_literals(patterns);
  databases->start_of_match_count_ = patterns.regexes.size();
  databases->start_of_match_ = std::make_unique<LazyDatabase[]>(patterns.regexes.size());
  for (std::size_t i = 0; i < patterns.regexes.size(); ++i) {
    databases->start_of_match_[i].db = compile_start_of_match(patterns, pack, i);
  }
  databases->allocate_scratch();
  return databases;
}

std::string HyperscanDatabases::serialize() const {
  std::string out(kBlobMagic);
  append_blob(out, regex_.get());
  append_blob(out, gated_.get());
  append_blob(out, literal_.get());
  for (std::size_t i = 0; i < start_of_match_count_; ++i) append_blob(out, start_of_match(static_cast<std::uint32_t>(i)));
  return out;
}

std::shared_ptr<const HyperscanDatabases> HyperscanDatabases::deserialize(std::string_view blob,
                                                                          std::size_t regex_count,
                                                                          std::shared_ptr<const void> storage) {
  if (blob.substr(0, kBlobMagic.size()) != kBlobMagic) return nullptr;
  blob.remove_prefix(kBlobMagic.size());
  auto databases = std::make_shared<HyperscanDatabases>();
  if (!read_blob(blob, databases->regex_) || !read_blob(blob, databases->gated_) ||
      !read_blob(blob, databases->literal_)) {
    return nullptr;
  }
  databases->start_of_match_count_ = regex_count;
  databases->start_of_match_ = std::make_unique<LazyDatabase[]>(regex_count);
  for (std::size_t i = 0; i < regex_count; ++i) {
    if (!take_blob(blob, databases->start_of_match_[i].serialized)) return nullptr;
  }
  const bool any_regex = databases->regex_ != nullptr || databases->gated_ != nullptr;
  if (!blob.empty() || (regex_count > 0) != any_regex) return nullptr;
  databases->storage_ = std::move(storage);
  databases->allocate_scratch();
  return databases;
}

const hs_database_t* HyperscanDatabases::start_of_match(std::uint32_t pattern) const {
  LazyDatabase& lazy = start_of_match_[pattern];
  std::call_once(lazy.read, [&lazy, pattern] {
    if (lazy.db) return;
    hs_database_t* raw = nullptr;
    if (hs_deserialize_database(lazy.serialized.data(), lazy.serialized.size(), &raw) == HS_SUCCESS) {
      lazy.db.reset(raw);
    } else {
      spdlog::error("the cached start-of-match database of pattern {} is damaged: its findings are lost until "
                    "the database cache folder is deleted", pattern);
    }
  });
  return lazy.db.get();
}

void HyperscanDatabases::allocate_scratch() {
  hs_scratch_t* scratch = nullptr;
  for (const hs_database_t* db : {regex_.get(), gated_.get(), literal_.get()}) {
    if (db != nullptr && hs_alloc_scratch(db, &scratch) != HS_SUCCESS) throw std::bad_alloc();
  }
  prototype_scratch_.reset(scratch);
}

ScratchPtr HyperscanDatabases::clone_scratch() const {
  if (!prototype_scratch_) return nullptr;
  hs_scratch_t* scratch = nullptr;
  if (hs_clone_scratch(prototype_scratch_.get(), &scratch) != HS_SUCCESS) throw std::bad_alloc();
  return ScratchPtr(scratch);
}

HyperscanMatcher::HyperscanMatcher(std::shared_ptr<const HyperscanDatabases> databases, const PatternSet& patterns)
    : databases_(std::move(databases)),
      patterns_(patterns),
      scratch_(databases_->clone_scratch()),
      scratch_fits_start_(patterns.regexes.size(), false) {}

const hs_database_t* HyperscanMatcher::start_database(std::uint32_t pattern) {
  const hs_database_t* db = databases_->start_of_match(pattern);
  if (db != nullptr && !scratch_fits_start_[pattern]) {
    hs_scratch_t* scratch = scratch_.release();
    const hs_error_t grown = hs_alloc_scratch(db, &scratch);
    scratch_.reset(scratch);
    if (grown != HS_SUCCESS) throw std::bad_alloc();
    scratch_fits_start_[pattern] = true;
  }
  return db;
}

// False when the hit limit stopped the scan.
bool HyperscanMatcher::scan_regexes(const hs_database_t* db, std::string_view text, std::uint32_t base, Hits& hits) {
  FindContext context{&hits, base};
  return hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch_.get(), on_regex_hit, &context) !=
         HS_SCAN_TERMINATED;
}

void HyperscanMatcher::find_literals(std::string_view text, Hits& hits) {
  if (text.size() > UINT_MAX) throw std::length_error("text too large to scan in one block");
  if (databases_->literal() == nullptr) return;
  LiteralContext context{&hits, text, &patterns_.literals};
  if (hs_scan(databases_->literal(), text.data(), static_cast<unsigned>(text.size()), 0, scratch_.get(),
              on_literal_hit, &context) == HS_SCAN_TERMINATED) {
    hits.overflow = true;
  }
}

// After the literals: the keywords among them say where the gated patterns need to be matched.
void HyperscanMatcher::find_patterns(std::string_view text, Hits& hits) {
  if (text.size() > UINT_MAX) throw std::length_error("text too large to scan in one block");
  if (databases_->regex() != nullptr && !scan_regexes(databases_->regex(), text, 0, hits)) {
    hits.overflow = true;
    return;
  }
  if (databases_->gated() == nullptr) return;
  if (gated_everywhere_) {
    if (!scan_regexes(databases_->gated(), text, 0, hits)) hits.overflow = true;
    return;
  }
  collect_gated_windows(text, hits);
  for (const Window& window : windows_) {
    if (!scan_regexes(databases_->gated(), text.substr(window.start, window.end - window.start), window.start, hits)) {
      hits.overflow = true;
      return;
    }
  }
}

// One window around each keyword that raises a gated pattern, wide enough for every match the keyword
// could raise plus a byte on each side; overlapping windows merge, so no byte is scanned twice. Each
// edge moves out to a non-word byte, so \b at an edge means what it means in the whole text and the
// window reports no match the whole text does not have.
void HyperscanMatcher::collect_gated_windows(std::string_view text, const Hits& hits) {
  windows_.clear();
  for (const LiteralHit& hit : hits.literals) {
    for (const LiteralOwner& owner : patterns_.literal_owners[hit.literal]) {
      if (owner.kind != LiteralOwner::Kind::keyword) continue;
      const KeywordReach& reach = patterns_.keyword_reach[owner.index];
      if (!reach.gates) continue;
      std::size_t start = hit.start > reach.after + 1 ? hit.start - reach.after - 1 : 0;
      std::size_t end = std::min(text.size(), std::size_t{hit.start} + reach.before + 2);
      while (start > 0 && is_word_byte(text[start])) --start;
      while (end < text.size() && is_word_byte(text[end - 1])) ++end;
      windows_.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
    }
  }
  std::sort(windows_.begin(), windows_.end(), [](const Window& a, const Window& b) { return a.start < b.start; });
  std::size_t merged = 0;
  for (const Window& window : windows_) {
    if (merged > 0 && window.start <= windows_[merged - 1].end) {
      windows_[merged - 1].end = std::max(windows_[merged - 1].end, window.end);
    } else {
      windows_[merged++] = window;
    }
  }
  windows_.resize(merged);
}

std::optional<std::uint32_t> HyperscanMatcher::leftmost_start(std::uint32_t pattern, std::string_view text,
                                                              std::uint32_t end) {
  const StartWindow window = start_window(end, patterns_.regexes[pattern].max_width, text.size());
  StartContext context{end - window.start, std::nullopt};
  const hs_database_t* db = start_database(pattern);  // first: it may replace the scratch
  hs_scan(db, text.data() + window.start,
          static_cast<unsigned>(window.end - window.start), 0, scratch_.get(), on_start_of_match, &context);
  if (!context.start) return std::nullopt;
  return static_cast<std::uint32_t>(window.start + *context.start);
}

// One hs_scan per run of overlapping windows instead of one per end (each call has a fixed cost that
// outweighed the few bytes it scanned). No match is longer than the pattern's width, so a wider
// window finds the same leftmost start. A capped width is not the longest match: a wider window
// could find an earlier start than the reference, so those ends are searched one by one.
std::span<const std::uint32_t> HyperscanMatcher::leftmost_starts(std::string_view text,
                                                                 std::span<const RegexHit> ends) {
  starts_.assign(ends.size(), kNoStart);
  std::size_t first = 0;
  while (first < ends.size()) {
    const std::uint32_t pattern = ends[first].pattern;
    std::size_t last = first + 1;
    while (last < ends.size() && ends[last].pattern == pattern) ++last;
    if (patterns_.regexes[pattern].capped) {
      for (std::size_t i = first; i < last; ++i) starts_[i] = leftmost_start(pattern, text, ends[i].end).value_or(kNoStart);
    } else {
      find_starts_in_windows(text, ends.subspan(first, last - first), starts_.data() + first);
    }
    first = last;
  }
  return starts_;
}

void HyperscanMatcher::find_starts_in_windows(std::string_view text, std::span<const RegexHit> ends,
                                              std::uint32_t* starts) {
  const std::uint32_t width = patterns_.regexes[ends.front().pattern].max_width;
  const hs_database_t* db = start_database(ends.front().pattern);
  std::size_t first = 0;
  while (first < ends.size()) {
    StartWindow window = start_window(ends[first].end, width, text.size());
    std::size_t last = first + 1;
    for (; last < ends.size(); ++last) {
      const StartWindow next = start_window(ends[last].end, width, text.size());
      if (next.start > window.end) break;
      window.end = next.end;
    }
    WindowStarts context{ends.subspan(first, last - first), starts + first, static_cast<std::uint32_t>(window.start)};
    hs_scan(db, text.data() + window.start, static_cast<unsigned>(window.end - window.start), 0, scratch_.get(),
            on_window_start, &context);
    first = last;
  }
}

}  // namespace phisentry::scan
