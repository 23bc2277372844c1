#pragma once
// Where the policy comes from and what is in force: managed browser policy (relayed by the extension)
// over the system policy file over the built-in defaults, key by key. A source with any error is
// refused whole; its last valid version (or nothing) stays in force.

#include <filesystem>
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

class PolicyStore {
 public:
  explicit PolicyStore(std::vector<std::string> known_categories = {});

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
  // {ok, policy, sources, errors} as the `policy_status` reply and `phisentry policy show` print it.
  nlohmann::json status() const;

 private:
  std::vector<PolicyError> set_layer(Source source, const nlohmann::json& document);
  void merge();

  std::vector<std::string> known_categories_;
  std::optional<nlohmann::json> managed_;
  std::optional<nlohmann::json> system_;
  std::vector<SourceError> errors_;
  nlohmann::json effective_json_;
  std::map<std::string, Source> sources_;
  Policy effective_;
};

// The system policy file of this OS: /etc/phisentry/policy.json on Linux;
// %ProgramData%\PHI Sentry\policy.json on Windows; /Library/Application Support/PHI Sentry/policy.json on macOS.
// $PHISENTRY_POLICY replaces it (tests, and hosts started by hand).
std::filesystem::path system_policy_file();

}  // namespace phisentry::policy
