#include "phisentry/sweep/coverage.h"

#include <fnmatch.h>

#include "phisentry/policy/verdict.h"

namespace phisentry::sweep {

std::optional<std::string> GlobCoverage::covered_by(const Location& where) const {
  for (const std::string& pattern : patterns_) {
    for (const std::string* candidate : {&where.space_url, &where.site_url, &where.space_key, &where.source}) {
      if (!candidate->empty() && fnmatch(pattern.c_str(), candidate->c_str(), 0) == 0) return "--covered " + pattern;
    }
  }
  return std::nullopt;
}

std::optional<std::string> PolicyCoverage::covered_by(const Location& where) const {
  const std::string& base = where.space_url.empty() ? where.site_url : where.space_url;
  if (base.empty()) return std::nullopt;
  const policy::Verdict verdict = policy::decide(policy_, base + "/", "confluence");
  if (!verdict.covered || verdict.matched_entry == nullptr) return std::nullopt;
  const policy::WorkspaceEntry& entry = *verdict.matched_entry;
  return "policy " + (entry.label.empty() ? entry.pattern.text() : entry.label + " (" + entry.pattern.text() + ")");
}

std::optional<std::string> SweepCoverage::covered_by(const Location& where) const {
  if (auto covered = globs_.covered_by(where)) return covered;
  return policy_.covered_by(where);
}

}  // namespace phisentry::sweep
