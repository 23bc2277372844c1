// The policy loader on arbitrary documents: parse, validate, merge with the defaults, then decide a
// verdict for a few URLs (and for a URL taken from the input). A valid document must always become a
// Policy; an invalid one must be refused with named problems; nothing else may escape.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "phisentry/policy/policy.h"
#include "phisentry/policy/verdict.h"

namespace {

using phisentry::fuzz::require;
namespace policy = phisentry::policy;

void decide_some(const policy::Policy& loaded, std::string_view fuzzed_url) {
  for (const std::string_view url : {std::string_view("https://clinic.atlassian.net/wiki/spaces/OPS/pages/1"),
                                     std::string_view("https://jira.clinic.example:8443/browse/OPS-1"),
                                     std::string_view("about:blank"), fuzzed_url}) {
    policy::to_json(policy::decide(loaded, url));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<policy::PolicyError> errors;
  const auto document = policy::parse_document(text, errors);
  if (!document) {
    require(!errors.empty());
    return 0;
  }
  if (!policy::validate(*document).empty()) return 0;
  nlohmann::json complete = policy::default_policy_json();
  if (document->is_object()) complete.update(*document);
  require(policy::validate(complete).empty());
  const std::string_view url = text.size() > 64 ? std::string_view(text).substr(text.size() - 64) : std::string_view(text);
  decide_some(policy::from_json(complete), url);
  return 0;
}
