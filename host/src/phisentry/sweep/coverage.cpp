#include "phisentry/sweep/coverage.h"

#include <fnmatch.h>

namespace phisentry::sweep {

std::optional<std::string> GlobCoverage::covered_by(const Location& where) const {
  for (const std::string& pattern : patterns_) {
    for (const std::string* candidate : {&where.space_url, &where.site_url, &where.space_key, &where.source}) {
      if (!candidate->empty() && fnmatch(pattern.c_str(), candidate->c_str(), 0) == 0) return "--covered " + pattern;
    }
  }
  return std::nullopt;
}

}  // namespace phisentry::sweep
