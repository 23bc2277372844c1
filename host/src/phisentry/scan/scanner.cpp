#include "phisentry/scan/scanner.h"

#include "phisentry/lists/value_list.h"

#include <algorithm>
#include <map>
#include <ranges>

namespace phisentry::scan {
namespace {

using rules::Confidence;

Confidence apply(Confidence current, const rules::ContextClause& clause) {
  const auto level = static_cast<int>(current);
  switch (clause.effect) {
    case rules::Effect::at_least:
      return std::max(current, clause.level);
    case rules::Effect::raise:
      return static_cast<Confidence>(std::min(level + 1, static_cast<int>(Confidence::high)));
    case rules::Effect::lower:
      return static_cast<Confidence>(std::max(level - 1, static_cast<int>(Confidence::none)));
    case rules::Effect::drop:
      return Confidence::none;
  }
  return current;
}

// Widens a span to whole code points: an unbounded pattern may stop inside a multi-byte character.
void snap_to_code_points(std::string_view text, std::uint32_t& start, std::uint32_t& end) {
  while (start > 0 && text::is_continuation(static_cast<unsigned char>(text[start]))) --start;
  while (end < text.size() && text::is_continuation(static_cast<unsigned char>(text[end]))) ++end;
}

}  // namespace

Scanner::Scanner(std::shared_ptr<const CompiledPack> compiled) : Scanner(compiled, compiled->make_matcher()) {}

Scanner::Scanner(std::shared_ptr<const CompiledPack> compiled, std::unique_ptr<Matcher> matcher)
    : compiled_(std::move(compiled)), matcher_(std::move(matcher)) {
  if (compiled_->name_index()) name_finder_ = std::make_unique<NameFinder>(compiled_->name_index());
}

void Scanner::use_value_lists(std::shared_ptr<const lists::ValueLists> value_lists) {
  value_lists_ = std::move(value_lists);
  // Keyword-gated shapes are matched everywhere when an exact-data match may raise one far from a keyword.
  matcher_->match_gated_everywhere(value_lists_ && value_lists_->has_edm());
}

ScanResult Scanner::scan(const text::Utf8Text& utf8) {
  const std::string_view text = utf8.view();
  hits_.clear();
  candidates_.clear();
  keyword_hits_.clear();
  matcher_->find_literals(text, hits_);
  lend_header_keywords(text);
  if (!hits_.overflow) matcher_->find_patterns(text, hits_);
  collect_candidates(text);
  // Containment first: a piece of a span its validator rejects ("01/01" of the placeholder
  // "01/01/1900") is part of the same token, not an identifier of its own.
  drop_contained_within_rule();
  keep_valid(text);
  score(text);
  ScanResult result;
  result.findings = resolve_overlaps();
  result.incomplete = hits_.overflow;
  return result;
}

void Scanner::collect_keyword_and_dictionary_hits() {
  const PatternSet& patterns = compiled_->patterns();
  for (const LiteralHit& hit : hits_.literals) {
    for (const LiteralOwner& owner : patterns.literal_owners[hit.literal]) {
      if (owner.kind == LiteralOwner::Kind::keyword) {
        keyword_hits_.push_back({owner.index, hit.start, hit.end, hit.cell_end});
      } else if (hit.start < hit.end) {  // a lent keyword (zero width) is no dictionary entry
        candidates_.push_back({owner.index, hit.start, hit.end, Confidence::none, {}});
      }
    }
  }
  std::sort(keyword_hits_.begin(), keyword_hits_.end(),
            [](const KeywordHit& a, const KeywordHit& b) { return a.start < b.start; });
}

void Scanner::lend_header_keywords(std::string_view text) {
  header_links_.clear();
  link_table_headers(text, header_links_);
  if (header_links_.empty()) return;
  auto& literals = hits_.literals;
  std::sort(literals.begin(), literals.end(),
            [](const LiteralHit& a, const LiteralHit& b) { return a.start < b.start; });
  const std::size_t found = literals.size();
  bool patient_table = false;  // the verdict of the current row's link, which precedes its cells' links
  std::optional<std::uint32_t> judged_header;  // every row of a table asks about the same header line
  for (const HeaderLink& link : header_links_) {
    const auto first = std::lower_bound(literals.begin(), literals.begin() + static_cast<std::ptrdiff_t>(found),
                                        link.from_start,
                                        [](const LiteralHit& hit, std::uint32_t at) { return hit.start < at; });
    const auto from = static_cast<std::size_t>(first - literals.begin());
    if (link.kind == HeaderLink::Kind::row) {
      if (judged_header != link.from_start) patient_table = header_names_subject(link, from, found);
      judged_header = link.from_start;
      if (patient_table) literals.push_back({*compiled_->patterns().table_row_literal, link.at, link.at, link.at_end});
    } else if (patient_table || !compiled_->patterns().table_row_literal) {
      // In a staff rota "Cell" is a colleague's phone and "Serial" an asset's: a header says what a
      // value is only in a table about patients (or in a pack that does not tell them apart).
      lend_column_keywords(link, from, found);
    }
  }
}

// Zero width at the cell: the keyword's own letters stay where they are, in the header.
void Scanner::lend_column_keywords(const HeaderLink& link, std::size_t from, std::size_t found) {
  // A header cell holds a few words; the caps keep a hostile "header" of thousands of literals
  // repeated over thousands of rows from multiplying them.
  constexpr std::size_t kMostLentPerCell = 16;
  constexpr std::size_t kMostReadPerCell = 64;
  auto& literals = hits_.literals;
  std::size_t lent = 0;
  const std::size_t last = std::min(found, from + kMostReadPerCell);
  for (std::size_t i = from; i < last && literals[i].start < link.from_end && lent < kMostLentPerCell; ++i) {
    if (literals[i].end > link.from_end || !keyword_id_of(literals[i]).has_value()) continue;
    literals.push_back({literals[i].literal, link.at, link.at, link.at_end});
    ++lent;
  }
}

bool Scanner::header_names_subject(const HeaderLink& link, std::size_t from, std::size_t found) const {
  const PatternSet& patterns = compiled_->patterns();
  if (!patterns.table_row_literal) return false;
  const auto& subjects = patterns.table_subject_keywords;
  for (std::size_t i = from; i < found && hits_.literals[i].start < link.from_end; ++i) {
    const auto keyword = keyword_id_of(hits_.literals[i]);
    if (keyword && std::binary_search(subjects.begin(), subjects.end(), *keyword)) return true;
  }
  return false;
}

std::optional<std::uint32_t> Scanner::keyword_id_of(const LiteralHit& hit) const {
  for (const LiteralOwner& owner : compiled_->patterns().literal_owners[hit.literal]) {
    if (owner.kind == LiteralOwner::Kind::keyword) return owner.index;
  }
  return std::nullopt;
}

bool Scanner::keyword_could_raise(std::uint32_t rule_index, std::uint32_t max_width, std::uint32_t end) const {
  const rules::Rule& rule = compiled_->pack().rules[rule_index];
  for (std::size_t i = 0; i < rule.context.size(); ++i) {
    const rules::ContextClause& clause = rule.context[i];
    if (!clause.categories.empty()) return true;  // depends on other findings: cannot tell yet
    if (clause.effect != rules::Effect::raise && clause.effect != rules::Effect::at_least) continue;
    const std::uint32_t reach = max_width + clause.before;
    const std::uint32_t from = end > reach ? end - reach : 0;
    const KeywordIds& keywords = compiled_->patterns().clause_keywords[rule_index][i];
    auto it = std::lower_bound(keyword_hits_.begin(), keyword_hits_.end(), from,
                               [](const KeywordHit& hit, std::uint32_t at) { return hit.start < at; });
    for (; it != keyword_hits_.end() && it->start < end + clause.after; ++it) {
      if (keywords.contains(it->keyword)) return true;
    }
  }
  return false;
}

void Scanner::collect_candidates(std::string_view text) {
  const PatternSet& patterns = compiled_->patterns();
  const auto& rules = compiled_->pack().rules;
  collect_keyword_and_dictionary_hits();
  // Hyperscan reports an end once per pattern, but sort anyway: the reference matcher's order differs.
  std::sort(hits_.regex.begin(), hits_.regex.end());
  hits_.regex.erase(std::unique(hits_.regex.begin(), hits_.regex.end()), hits_.regex.end());
  const bool exact_data_may_raise = value_lists_ && value_lists_->has_edm();
  to_confirm_.clear();  // the ends worth a start-of-match search, found all at once below
  for (std::size_t i = 0; i < hits_.regex.size(); ++i) {
    const RegexHit& hit = hits_.regex[i];
    const RegexPattern& pattern = patterns.regexes[hit.pattern];
    // An unbounded tail ends at every byte of its run; the run's last end makes the longest span,
    // which contains the others, so only it is confirmed.
    const bool run_continues = i + 1 < hits_.regex.size() && hits_.regex[i + 1].pattern == hit.pattern &&
                               hits_.regex[i + 1].end == hit.end + 1;
    if (run_continues && pattern.unbounded) continue;
    // A context-gated match with no raising keyword in reach stays none, unless an exact-data match could raise it.
    if (rules[pattern.rule].base == Confidence::none && !exact_data_may_raise &&
        !keyword_could_raise(pattern.rule, pattern.max_width, hit.end)) {
      continue;
    }
    to_confirm_.push_back(hit);
  }
  const auto starts = matcher_->leftmost_starts(text, to_confirm_);
  for (std::size_t i = 0; i < to_confirm_.size(); ++i) {
    if (starts[i] == Matcher::kNoStart) continue;
    const RegexHit& hit = to_confirm_[i];
    Candidate candidate{patterns.regexes[hit.pattern].rule, starts[i], hit.end, Confidence::none, {}};
    snap_to_code_points(text, candidate.start, candidate.end);
    candidates_.push_back(std::move(candidate));
  }
  if (!name_finder_) return;
  name_spans_.clear();
  name_finder_->find(text, name_spans_);
  for (const NameSpan& span : name_spans_) {
    for (const NameRule& rule : compiled_->name_rules()) {
      if (rule.form != span.form) continue;
      // Lone names are many ("Rogers", "Brenda"); one with no raising keyword in reach stays none.
      if (rules[rule.rule].base == Confidence::none && !exact_data_may_raise &&
          !keyword_could_raise(rule.rule, span.end - span.start, span.end)) {
        continue;
      }
      candidates_.push_back({rule.rule, span.start, span.end, Confidence::none, {}});
    }
  }
}

void Scanner::keep_valid(std::string_view text) {
  const auto& rules = compiled_->pack().rules;
  std::erase_if(candidates_, [&](const Candidate& c) {
    const validators::Entry* validator = rules[c.rule].validator;
    return validator != nullptr && !validator->check(text.substr(c.start, c.end - c.start));
  });
}

void Scanner::drop_contained_within_rule() {
  std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  std::vector<Candidate> kept;
  kept.reserve(candidates_.size());
  for (Candidate& c : candidates_) {
    // Sorted by start, longest first: a span inside an earlier one of the same rule ends no later.
    const bool contained = !kept.empty() && kept.back().rule == c.rule && c.end <= kept.back().end;
    if (!contained) kept.push_back(std::move(c));
  }
  candidates_.swap(kept);
}

std::optional<Scanner::KeywordNear> Scanner::keyword_near(const Candidate& candidate,
                                                         const rules::ContextClause& clause,
                                                         const KeywordIds& keywords) const {
  const std::uint32_t window_start = candidate.start > clause.before ? candidate.start - clause.before : 0;
  const std::uint32_t window_end = candidate.end + clause.after;
  auto it = std::lower_bound(keyword_hits_.begin(), keyword_hits_.end(), window_start,
                             [](const KeywordHit& hit, std::uint32_t at) { return hit.start < at; });
  std::optional<KeywordNear> nearest;
  for (; it != keyword_hits_.end() && it->start < window_end; ++it) {
    const bool before = it->end <= candidate.start;
    const bool after = it->start >= candidate.end && it->end <= window_end;
    if (!(before || after) || !keywords.contains(it->keyword)) continue;
    if (it->cell_end != 0 && !(before && candidate.end <= it->cell_end)) continue;  // lent to another cell
    const std::uint32_t distance = before ? candidate.start - it->end : it->start - candidate.end;
    if (!nearest || distance < nearest->distance) nearest = KeywordNear{it->keyword, distance};
  }
  return nearest;
}

std::optional<std::uint32_t> Scanner::anchor_near(const Candidate& candidate, const rules::ContextClause& clause,
                                                  std::string_view& category) const {
  const std::uint32_t window_start = candidate.start > clause.before ? candidate.start - clause.before : 0;
  const std::uint32_t window_end = candidate.end + clause.after;
  std::optional<std::uint32_t> nearest;
  // Anchors are sorted by start; none that starts before this one can end inside the window (a
  // scan from the first anchor for every candidate made pages quadratic).
  const std::uint32_t first_start = window_start > longest_anchor_ ? window_start - longest_anchor_ : 0;
  auto from = std::lower_bound(anchors_.begin(), anchors_.end(), first_start,
                               [](const Anchor& anchor, std::uint32_t at) { return anchor.start < at; });
  // An iterator loop, not std::ranges::subrange: Clang 14 (the fuzz and sanitizer build) cannot compile
  // libstdc++ 12's ranges.
  for (auto it = from; it != anchors_.end(); ++it) {
    const Anchor& anchor = *it;
    if (anchor.start >= window_end) break;
    const bool before = anchor.end <= candidate.start && anchor.end >= window_start;
    const bool after = anchor.start >= candidate.end;
    if (!(before || after)) continue;
    if (std::find(clause.categories.begin(), clause.categories.end(), anchor.category) == clause.categories.end()) {
      continue;
    }
    const std::uint32_t distance = before ? candidate.start - anchor.end : anchor.start - candidate.end;
    if (!nearest || distance < *nearest) {
      nearest = distance;
      category = anchor.category;
    }
  }
  return nearest;
}

std::optional<std::uint32_t> Scanner::evidence_distance(const Candidate& candidate, const rules::ContextClause& clause,
                                                        std::size_t clause_index, std::string_view& evidence) const {
  if (!clause.categories.empty()) return anchor_near(candidate, clause, evidence);
  const auto near = keyword_near(candidate, clause, compiled_->patterns().clause_keywords[candidate.rule][clause_index]);
  if (!near) return std::nullopt;
  evidence = compiled_->patterns().keywords[near->keyword];
  return near->distance;
}

void Scanner::score_one(Candidate& c) {
  const rules::Rule& rule = compiled_->pack().rules[c.rule];
  c.confidence = rule.base;
  for (std::size_t i = 0; i < rule.context.size(); ++i) {
    std::string_view evidence;
    const auto distance = evidence_distance(c, rule.context[i], i, evidence);
    if (!distance) continue;
    // Clauses apply in order, so a later, stronger clause can override an earlier "drop".
    const Confidence before = c.confidence;
    c.confidence = apply(c.confidence, rule.context[i]);
    if (rule.context[i].effect == rules::Effect::drop) c.silenced = true;
    if (c.confidence > before) {
      using Source = Candidate::Evidence::Source;
      c.evidence.push_back({evidence, rule.context[i].categories.empty() ? Source::keyword : Source::finding});
      c.evidence_distance = std::min(c.evidence_distance, *distance);
      // Only strong evidence outweighs staff context: a date nearby lifts "Dr. Okafor" to low, no further.
      if (c.confidence >= Confidence::medium) c.silenced = false;
    }
  }
}

// Applied after context: the allowlist is the organisation's last word ("not PHI here"); an
// exact-data match is high whatever the context says.
void Scanner::apply_value_lists(std::string_view text, Candidate& candidate) const {
  if (!value_lists_ || value_lists_->empty()) return;
  switch (value_lists_->lookup(text.substr(candidate.start, candidate.end - candidate.start))) {
    case lists::ValueLists::Listed::allowed:
      candidate.confidence = Confidence::none;
      candidate.silenced = true;
      break;
    case lists::ValueLists::Listed::exact:
      candidate.confidence = Confidence::high;
      candidate.exact_match = true;
      break;
    case lists::ValueLists::Listed::no: break;
  }
}

void Scanner::score(std::string_view text) {
  const auto& rules = compiled_->pack().rules;
  const auto depends_on_findings = [&](const Candidate& c) {
    const auto& context = rules[c.rule].context;
    return std::any_of(context.begin(), context.end(), [](const auto& clause) { return !clause.categories.empty(); });
  };
  // First the rules that stand alone; their confident findings are the anchors co-occurrence looks for.
  anchors_.clear();
  for (Candidate& c : candidates_) {
    if (depends_on_findings(c)) continue;
    score_one(c);
    apply_value_lists(text, c);
    if (c.confidence >= Confidence::medium) anchors_.push_back({c.start, c.end, rules[c.rule].category});
  }
  std::sort(anchors_.begin(), anchors_.end(), [](const Anchor& a, const Anchor& b) { return a.start < b.start; });
  longest_anchor_ = 0;
  for (const Anchor& anchor : anchors_) longest_anchor_ = std::max(longest_anchor_, anchor.end - anchor.start);
  for (Candidate& c : candidates_) {
    if (!depends_on_findings(c)) continue;
    score_one(c);
    apply_value_lists(text, c);
  }
  raise_repeated_names(text);
  std::erase_if(candidates_, [](const Candidate& c) { return c.confidence == Confidence::none; });
}

// Every word of `name` is a word of a patient's name, and one is a patient's surname: "K. Fitzgerald"
// and "FITZGERALD" repeat "Fitzgerald, Kathryn"; a colleague who shares her first name does not.
bool Scanner::repeats_patient_name(std::string_view name) {
  name_words_.clear();
  append_name_words(name, name_words_);
  const auto in = [](const std::vector<std::string>& sorted, const std::string& word) {
    return std::binary_search(sorted.begin(), sorted.end(), word);
  };
  return !name_words_.empty() &&
         std::all_of(name_words_.begin(), name_words_.end(), [&](const auto& w) { return in(patient_name_words_, w); }) &&
         std::any_of(name_words_.begin(), name_words_.end(), [&](const auto& w) { return in(patient_surnames_, w); });
}

void Scanner::raise_repeated_names(std::string_view text) {
  const auto& rules = compiled_->pack().rules;
  patient_name_words_.clear();
  patient_surnames_.clear();
  for (const Candidate& c : candidates_) {
    if (!rules[c.rule].names || c.confidence < Confidence::medium) continue;
    const std::string_view name = text.substr(c.start, c.end - c.start);
    const std::size_t first_word = patient_name_words_.size();
    append_name_words(name, patient_name_words_);
    if (patient_name_words_.size() == first_word) continue;
    // The surname leads in "Fitzgerald, Kathryn" and HL7's "FITZGERALD^KATHRYN", and ends "Kathryn Fitzgerald".
    const bool surname_first = name.find_first_of(",^") != std::string_view::npos;
    patient_surnames_.push_back(surname_first ? patient_name_words_[first_word] : patient_name_words_.back());
  }
  if (patient_surnames_.empty()) return;
  for (auto* words : {&patient_name_words_, &patient_surnames_}) {
    std::sort(words->begin(), words->end());
    words->erase(std::unique(words->begin(), words->end()), words->end());
  }
  // Still sorted by rule and start (drop_contained_within_rule); new candidates go after the end.
  const auto scored = static_cast<std::ptrdiff_t>(candidates_.size());
  for (const NameSpan& span : name_spans_) {
    if (!repeats_patient_name(text.substr(span.start, span.end - span.start))) continue;
    for (const NameRule& name_rule : compiled_->name_rules()) {
      if (name_rule.form != span.form) continue;
      const auto it = std::lower_bound(candidates_.begin(), candidates_.begin() + scored,
                                       std::pair{name_rule.rule, span.start}, [](const Candidate& c, const auto& key) {
                                         return std::pair{c.rule, c.start} < key;
                                       });
      const bool known = it != candidates_.begin() + scored && it->rule == name_rule.rule && it->start == span.start;
      Candidate fresh{name_rule.rule, span.start, span.end, Confidence::none, {}};
      if (!known) {
        score_one(fresh);  // skipped before scoring: no keyword could raise it, but one may drop it
        apply_value_lists(text, fresh);
      }
      Candidate& c = known ? *it : fresh;
      if (c.confidence >= Confidence::medium || c.silenced) continue;
      c.confidence = Confidence::medium;
      c.evidence.push_back({"", Candidate::Evidence::Source::same_name});
      if (!known) candidates_.push_back(std::move(fresh));
    }
  }
}

std::vector<Finding> Scanner::resolve_overlaps() const {
  std::vector<const Candidate*> order;
  order.reserve(candidates_.size());
  for (const Candidate& c : candidates_) order.push_back(&c);
  // The strongest claim on a span wins: higher confidence, then the longer span, then the nearer
  // evidence ("admitted" right before a date beats "DOB" two phrases back), then the earlier rule.
  std::sort(order.begin(), order.end(), [](const Candidate* a, const Candidate* b) {
    if (a->confidence != b->confidence) return a->confidence > b->confidence;
    if (a->end - a->start != b->end - b->start) return a->end - a->start > b->end - b->start;
    if (a->evidence_distance != b->evidence_distance) return a->evidence_distance < b->evidence_distance;
    if (a->start != b->start) return a->start < b->start;
    return a->rule < b->rule;
  });
  std::map<std::uint32_t, const Candidate*> accepted;  // by start
  for (const Candidate* c : order) {
    auto next = accepted.lower_bound(c->start);
    if (next != accepted.end() && next->second->start < c->end) continue;
    if (next != accepted.begin() && std::prev(next)->second->end > c->start) continue;
    accepted.emplace(c->start, c);
  }
  std::vector<Finding> findings;
  findings.reserve(accepted.size());
  for (const auto& [start, c] : accepted) findings.push_back({c->start, c->end, c->rule, c->confidence, explain(*c)});
  return findings;
}

std::string Scanner::explain(const Candidate& candidate) const {
  const rules::Rule& rule = compiled_->pack().rules[candidate.rule];
  std::string why;
  if (rule.validator != nullptr) why = rule.validator->passed;
  if (!rule.dictionary.empty()) why = "listed in " + rule.dictionary;
  if (rule.names) why = "a name in the name dictionaries";
  if (candidate.exact_match) why = "on the clinic's exact-data-match list";
  for (const Candidate::Evidence& evidence : candidate.evidence) {
    if (!why.empty()) why += "; ";
    switch (evidence.source) {
      case Candidate::Evidence::Source::keyword: why += "near \"" + std::string(evidence.word) + "\""; break;
      case Candidate::Evidence::Source::finding: why += "near a " + std::string(evidence.word) + " finding"; break;
      case Candidate::Evidence::Source::same_name: why += "a patient's name elsewhere on the page"; break;
    }
  }
  return why.empty() ? "matches the " + rule.name + " format" : why;
}

}  // namespace phisentry::scan
