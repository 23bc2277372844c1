#include <algorithm>
#include <array>
#include <set>

#include "phisentry/rules/rule.h"

namespace phisentry::rules {
namespace {
constexpr std::array<std::string_view, 4> kConfidenceNames{"none", "low", "medium", "high"};

std::string join_problems(const std::vector<std::string>& problems) {
  std::string out = problems.size() == 1 ? "invalid rule pack: " : "invalid rule pack (" +
                                                                       std::to_string(problems.size()) + " problems): ";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) out += "; ";
    out += problems[i];
  }
  return out;
}
}  // namespace

std::string_view to_string(Confidence c) { return kConfidenceNames.at(static_cast<std::size_t>(c)); }

std::optional<Confidence> parse_confidence(std::string_view text) {
  const auto* it = std::find(kConfidenceNames.begin(), kConfidenceNames.end(), text);
  if (it == kConfidenceNames.end()) return std::nullopt;
  return static_cast<Confidence>(it - kConfidenceNames.begin());
}

std::vector<std::string> RulePack::categories() const {
  std::set<std::string> unique;
  for (const Rule& rule : rules) unique.insert(rule.category);
  return {unique.begin(), unique.end()};
}

RuleError::RuleError(std::vector<std::string> problems)
    : std::runtime_error(join_problems(problems)), problems_(std::move(problems)) {}

}  // namespace phisentry::rules
