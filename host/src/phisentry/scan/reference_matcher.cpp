#include "phisentry/scan/reference_matcher.h"

#include <algorithm>
#include <stdexcept>

namespace phisentry::scan {
namespace {
constexpr std::uint32_t kMaxMatchesPerStart = 4096;

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}
}  // namespace

ReferenceMatcher::ReferenceMatcher(const PatternSet& patterns)
    : patterns_(patterns), workspace_(1 << 16) {
  for (const RegexPattern& p : patterns.regexes) {
    // Auto-possessification is an optimisation that changes which shorter matches the DFA reports;
    // the reference must report every one, as Hyperscan does.
    std::uint32_t options = PCRE2_NO_AUTO_POSSESS | PCRE2_NO_START_OPTIMIZE | PCRE2_NO_DOTSTAR_ANCHOR;
    if (p.caseless) options |= PCRE2_CASELESS;
    if (p.dotall) options |= PCRE2_DOTALL;
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(p.expression.c_str()), PCRE2_ZERO_TERMINATED,
                                     options, &error, &offset, nullptr);
    if (code == nullptr) throw std::invalid_argument("PCRE2 cannot compile /" + p.expression + "/");
    codes_.push_back(code);
  }
  match_data_ = pcre2_match_data_create(kMaxMatchesPerStart, nullptr);
}

ReferenceMatcher::~ReferenceMatcher() {
  for (pcre2_code* code : codes_) pcre2_code_free(code);
  pcre2_match_data_free(match_data_);
}

std::vector<std::uint32_t> ReferenceMatcher::ends_from(std::uint32_t pattern, std::string_view text,
                                                       std::size_t start) {
  // The DFA matcher reports every match length from an anchored start, longest first.
  const int count = pcre2_dfa_match(codes_[pattern], reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start,
                                    PCRE2_ANCHORED, match_data_, nullptr, workspace_.data(), workspace_.size());
  std::vector<std::uint32_t> ends;
  if (count <= 0) return ends;
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match_data_);
  for (int i = 0; i < count; ++i) {
    if (ovector[2 * i + 1] > ovector[2 * i]) ends.push_back(static_cast<std::uint32_t>(ovector[2 * i + 1]));
  }
  return ends;
}

void ReferenceMatcher::find_patterns(std::string_view text, Hits& hits) {
  for (std::uint32_t p = 0; p < codes_.size(); ++p) {
    std::vector<std::uint32_t> all_ends;
    for (std::size_t start = 0; start < text.size(); ++start) {
      for (std::uint32_t end : ends_from(p, text, start)) all_ends.push_back(end);
    }
    std::sort(all_ends.begin(), all_ends.end());
    all_ends.erase(std::unique(all_ends.begin(), all_ends.end()), all_ends.end());
    for (std::uint32_t end : all_ends) hits.regex.push_back({p, end});
  }
}

void ReferenceMatcher::find_literals(std::string_view text, Hits& hits) {
  const std::string lowered = lower_ascii(text);
  for (std::uint32_t id = 0; id < patterns_.literals.size(); ++id) {
    const std::string& literal = patterns_.literals[id];
    for (std::size_t at = lowered.find(literal); at != std::string::npos; at = lowered.find(literal, at + 1)) {
      if (is_whole_word(text, at, at + literal.size())) {
        hits.literals.push_back({id, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + literal.size())});
      }
    }
  }
}

std::optional<std::uint32_t> ReferenceMatcher::leftmost_start(std::uint32_t pattern, std::string_view text,
                                                              std::uint32_t end) {
  const std::uint32_t width = patterns_.regexes[pattern].max_width;
  for (std::size_t start = end > width ? end - width : 0; start < end; ++start) {
    const std::vector<std::uint32_t> ends = ends_from(pattern, text, start);
    if (std::find(ends.begin(), ends.end(), end) != ends.end()) return static_cast<std::uint32_t>(start);
  }
  return std::nullopt;
}

}  // namespace phisentry::scan
