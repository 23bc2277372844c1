#pragma once
// Which workspaces are covered by a BAA. The effective policy decides, as it does for the extension:
// the most specific `workspaces` entry matching a page's space (or site) URL. Exports carry no site URL,
// so `--covered PATTERN` globs name covered spaces or exports; given, they are asked first.
// Reports only ever ask covered_by().

#include <optional>
#include <string>
#include <vector>

#include "phisentry/policy/policy.h"
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

// The policy's workspace entries, matched against a URL inside the page's space (every page of a space
// is in the same workspace), or inside the site when the space is unknown.
class PolicyCoverage : public Coverage {
 public:
  explicit PolicyCoverage(policy::Policy policy) : policy_(std::move(policy)) {}
  std::optional<std::string> covered_by(const Location& where) const override;

 private:
  policy::Policy policy_;
};

// `--covered` globs first, then the policy.
class SweepCoverage : public Coverage {
 public:
  SweepCoverage(GlobCoverage globs, PolicyCoverage policy) : globs_(std::move(globs)), policy_(std::move(policy)) {}
  std::optional<std::string> covered_by(const Location& where) const override;

 private:
  GlobCoverage globs_;
  PolicyCoverage policy_;
};

}  // namespace phisentry::sweep
