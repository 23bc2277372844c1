#pragma once
// Where the policy comes from and what is in force: managed browser policy (relayed by the extension)
// over the system policy file over the built-in defaults, key by key. A source with any error is
// refused whole; its last valid version (or nothing) stays in force.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "phisentry/policy/policy.h"

namespace phisentry::policy {

enum class Source : std::uint8_t { managed, system, fallback };
std::string_view to_string(Source source);  // "managed", "system", "default"

struct SourceError {
  Source source;
  PolicyError error;
};

// Whether the rule pack in use may serve while require_signed_rules is in force: nullopt when it may,
// otherwise why not (rules::loaded_pack_refusal for the host's pack).
using RulesCheck = std::function<std::optional<std::string>()>;

class PolicyStore {
 public:
  explicit PolicyStore(std::vector<std::string> known_categories = {});

  // Installs the check of the rule pack, run now and whenever the policy changes. Without one, no pack
  // counts as verified: a policy that requires signed packs refuses scanning.
  void check_rules_with(RulesCheck check);

  // Reads the system policy file. A missing file is no policy, not an error. Returns the errors.
  std::vector<PolicyError> load_system_file(const std::filesystem::path& file);
  // Sets the system policy from a document (already parsed), or clears it with null.
  std::vector<PolicyError> set_system(const nlohmann::json& document);
  // Sets the managed policy, or clears it with null. Returns the errors.
  std::vector<PolicyError> set_managed(const nlohmann::json& document);

  const Policy& effective() const { return effective_; }
  const nlohmann::json& effective_json() const { return effective_json_; }
  Source source_of(const std::string& key) const { return sources_.at(key); }
  const std::vector<SourceError>& errors() const { return errors_; }
  // Why scans must be refused under the policy in force (require_signed_rules and a pack that does not
  // verify); nullopt when the pack may serve.
  const std::optional<std::string>& rules_refusal() const { return rules_refusal_; }
  // {ok, policy, sources, errors[, rules_refused]} as the `policy_status` reply and `phisentry policy
  // show` print it.
  nlohmann::json status() const;

 private:
  std::vector<PolicyError> set_layer(Source source, const nlohmann::json& document);
  void merge();
  void check_rules();

  std::vector<std::string> known_categories_;
  std::optional<nlohmann::json> managed_;
  std::optional<nlohmann::json> system_;
  std::vector<SourceError> errors_;
  nlohmann::json effective_json_;
  std::map<std::string, Source> sources_;
  Policy effective_;
  RulesCheck rules_check_;
  std::optional<std::string> rules_refusal_;
};

// Whether the system policy file requires signed rule packs, read before the pack is loaded (the
// loader must know before it reads a rule). Same rule as the store: a file with any error asks nothing.
bool system_file_requires_signed_rules(const std::filesystem::path& file);

// The system policy file of this OS: /etc/phisentry/policy.json on Linux;
// %ProgramData%\PHI Sentry\policy.json on Windows; /Library/Application Support/PHI Sentry/policy.json on macOS.
// $PHISENTRY_POLICY replaces it (tests, and hosts started by hand).
std::filesystem::path system_policy_file();

}  // namespace phisentry::policy
