#pragma once
// Which workspaces are covered by a BAA. The policy module will provide its own Coverage; until then
// `--covered PATTERN` globs stand in for it. Reports only ever ask covered_by().

#include <optional>
#include <string>
#include <vector>

#include "phisentry/sweep/page.h"

namespace phisentry::sweep {

class Coverage {
 public:
  virtual ~Coverage() = default;
  // A short description of the rule that covers the page's workspace, or nothing when it is not covered.
  virtual std::optional<std::string> covered_by(const Location& where) const = 0;
};

// Shell globs (*, ?, [...]) matched against the site URL, the space URL, the space key and the source.
class GlobCoverage : public Coverage {
 public:
  explicit GlobCoverage(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}
  std::optional<std::string> covered_by(const Location& where) const override;

 private:
  std::vector<std::string> patterns_;
};

}  // namespace phisentry::sweep
