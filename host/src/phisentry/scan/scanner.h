#pragma once
// The scan pipeline: match, confirm each candidate (start, validator), score it with context, resolve
// overlaps. One Scanner per thread; they share one CompiledPack.

#include <climits>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "phisentry/rules/rule.h"
#include "phisentry/scan/compiled_pack.h"
#include "phisentry/scan/name_finder.h"
#include "phisentry/scan/table_layout.h"
#include "phisentry/text/utf8.h"

namespace phisentry::lists {
class ValueLists;
}

namespace phisentry::scan {

struct Finding {
  std::uint32_t start;  // byte offsets into the scanned UTF-8 text, on code point boundaries
  std::uint32_t end;
  std::uint32_t rule;   // index into the pack's rules
  rules::Confidence confidence;
  std::string why;      // never holds matched text
};

struct ScanResult {
  std::vector<Finding> findings;  // sorted by start, non-overlapping
  bool incomplete = false;        // matching stopped at the hit limit (hostile text)
};

class Scanner {
 public:
  explicit Scanner(std::shared_ptr<const CompiledPack> compiled);
  Scanner(std::shared_ptr<const CompiledPack> compiled, std::unique_ptr<Matcher> matcher);

  ScanResult scan(const text::Utf8Text& text);
  // The organisation's allowlist and exact-data-match lists (lists/value_list.h); null: none.
  void use_value_lists(std::shared_ptr<const lists::ValueLists> value_lists);
  const CompiledPack& compiled() const { return *compiled_; }

 private:
  struct Candidate {
    std::uint32_t rule;
    std::uint32_t start;
    std::uint32_t end;
    rules::Confidence confidence = rules::Confidence::none;
    struct Evidence {
      enum class Source : std::uint8_t { keyword, finding, same_name };
      std::string_view word;  // a keyword, or the category of a finding nearby
      Source source;
    };
    std::vector<Evidence> evidence;  // what raised it
    std::uint32_t evidence_distance = UINT32_MAX;  // bytes between the match and its nearest raising keyword
    bool exact_match = false;                      // its value is on the clinic's exact-data-match list
    bool silenced = false;  // a drop clause (staff context) or the allowlist had the last word
  };
  // A finding from another rule that co-occurrence clauses ("a name near a date of birth") look for.
  struct Anchor {
    std::uint32_t start;
    std::uint32_t end;
    std::string_view category;
  };
  struct KeywordHit {
    std::uint32_t keyword;
    std::uint32_t start;
    std::uint32_t end;
    std::uint32_t cell_end;  // as LiteralHit::cell_end
  };

  void collect_candidates(std::string_view text);
  void collect_keyword_and_dictionary_hits();
  // Lends the keywords of table headers to the cells and rows under them (table_layout.h), as
  // zero-width literal hits, before the gated patterns are matched around keywords.
  void lend_header_keywords(std::string_view text);
  // `from`..`found`: the literal hits (sorted by start) from the link's header onwards.
  void lend_column_keywords(const HeaderLink& link, std::size_t from, std::size_t found);
  bool header_names_subject(const HeaderLink& link, std::size_t from, std::size_t found) const;
  std::optional<std::uint32_t> keyword_id_of(const LiteralHit& hit) const;
  // A rule that reports nothing without a keyword: is any of its raising keywords near enough to a
  // match ending at `end` to matter? Checked before the costly start-of-match search.
  bool keyword_could_raise(std::uint32_t rule, std::uint32_t max_width, std::uint32_t end) const;
  void keep_valid(std::string_view text);
  void drop_contained_within_rule();
  void score(std::string_view text);
  void apply_value_lists(std::string_view text, Candidate& candidate) const;
  void score_one(Candidate& candidate);
  // A page names its patient more than once ("Fitzgerald, Kathryn, DOB ..." then "type FITZGERALD in
  // the search box"): a name made only of the words of a name that warns is the same person.
  void raise_repeated_names(std::string_view text);
  bool repeats_patient_name(std::string_view name);
  std::optional<std::uint32_t> evidence_distance(const Candidate& candidate, const rules::ContextClause& clause,
                                                 std::size_t clause_index, std::string_view& evidence) const;
  std::optional<std::uint32_t> anchor_near(const Candidate& candidate, const rules::ContextClause& clause,
                                           std::string_view& category) const;
  struct KeywordNear {
    std::uint32_t keyword;
    std::uint32_t distance;
  };
  // The nearest keyword of the clause within its window, if any.
  std::optional<KeywordNear> keyword_near(const Candidate& candidate, const rules::ContextClause& clause,
                                          const KeywordIds& keywords) const;
  std::vector<Finding> resolve_overlaps() const;
  std::string explain(const Candidate& candidate) const;

  std::shared_ptr<const CompiledPack> compiled_;
  std::unique_ptr<Matcher> matcher_;
  std::shared_ptr<const lists::ValueLists> value_lists_;
  // Reused across scans so the scan path does not reallocate.
  Hits hits_;
  std::vector<RegexHit> to_confirm_;
  std::vector<Candidate> candidates_;
  std::vector<KeywordHit> keyword_hits_;
  std::vector<HeaderLink> header_links_;
  std::unique_ptr<NameFinder> name_finder_;
  std::vector<NameSpan> name_spans_;
  std::vector<std::string> patient_name_words_;  // folded, sorted: the words of the names that warn
  std::vector<std::string> patient_surnames_;    // folded, sorted: their surnames
  std::vector<std::string> name_words_;          // scratch
  std::vector<Anchor> anchors_;
  std::uint32_t longest_anchor_ = 0;  // bytes; bounds the search for anchors before a window
};

}  // namespace phisentry::scan
