#pragma once
// `phisentry doctor`'s look at the browsers: for each place a browser reads, is the host registered,
// does the manifest point at this binary, can it be read, does it allow the installed extension.
// Each check says what to do when it is not fine.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "phisentry/install/extension_ids.h"
#include "phisentry/install/locations.h"

namespace phisentry::install {

enum class Verdict { ok, note, problem };

struct Check {
  Verdict verdict;
  std::string subject;  // what was looked at, e.g. "chromium (user)"
  std::string detail;   // what was found
  std::string fix;      // what to run or change; empty when nothing is to be done
};

struct Expectations {
  std::filesystem::path executable;  // the manifests must point here
  ExtensionIds ids;                  // must be allowed; empty: any well-formed list will do
};

// One check per manifest found, per profile folder asked about, and per installed browser that has
// no manifest anywhere; a problem if no browser has one at all.
std::vector<Check> diagnose_registrations(const std::vector<Location>& locations, const Expectations& expected,
                                          const std::function<bool(Browser)>& browser_installed);

}  // namespace phisentry::install
