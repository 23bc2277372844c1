#include "phisentry/policy/store.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace phisentry::policy {
namespace {

using nlohmann::json;
constexpr std::uintmax_t kMaxPolicyFileBytes = 4u << 20;

std::optional<std::string> read_small_file(const std::filesystem::path& file, std::vector<PolicyError>& errors) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) {
    if (error != std::errc::no_such_file_or_directory) errors.push_back({"", "cannot read " + file.string() + ": " + error.message()});
    return std::nullopt;
  }
  if (size > kMaxPolicyFileBytes) {
    errors.push_back({"", file.string() + " is larger than 4 MiB"});
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    errors.push_back({"", "cannot read " + file.string()});
    return std::nullopt;
  }
  return text.str();
}

}  // namespace

std::string_view to_string(Source source) {
  switch (source) {
    case Source::managed: return "managed";
    case Source::system: return "system";
    case Source::fallback: return "default";
  }
  return "default";
}

PolicyStore::PolicyStore(std::vector<std::string> known_categories) : known_categories_(std::move(known_categories)) {
  merge();
}

std::vector<PolicyError> PolicyStore::load_system_file(const std::filesystem::path& file) {
  std::vector<PolicyError> errors;
  const auto text = read_small_file(file, errors);
  std::optional<json> document;
  if (text) document = parse_document(*text, errors);
  if (errors.empty()) return set_layer(Source::system, document ? *document : json(nullptr));
  std::erase_if(errors_, [](const SourceError& e) { return e.source == Source::system; });
  for (const PolicyError& e : errors) errors_.push_back({Source::system, e});
  return errors;
}

void PolicyStore::check_rules_with(RulesCheck check) {
  rules_check_ = std::move(check);
  check_rules();
}

void PolicyStore::check_rules() {
  if (!effective_.require_signed_rules) {
    rules_refusal_.reset();
    return;
  }
  rules_refusal_ = rules_check_ ? rules_check_() : std::optional<std::string>("no rule pack verified against a trusted key");
}

std::vector<PolicyError> PolicyStore::set_system(const json& document) { return set_layer(Source::system, document); }
std::vector<PolicyError> PolicyStore::set_managed(const json& document) { return set_layer(Source::managed, document); }

std::vector<PolicyError> PolicyStore::set_layer(Source source, const json& document) {
  std::erase_if(errors_, [source](const SourceError& e) { return e.source == source; });
  std::optional<json>& layer = source == Source::managed ? managed_ : system_;
  if (document.is_null()) {
    layer.reset();
    merge();
    return {};
  }
  std::vector<PolicyError> errors = validate(document, known_categories_);
  for (const PolicyError& e : errors) errors_.push_back({source, e});
  if (!errors.empty()) return errors;  // the last valid version stays in force
  layer = document;
  merge();
  return {};
}

void PolicyStore::merge() {
  effective_json_ = default_policy_json();
  for (const std::string& key : policy_keys()) sources_[key] = Source::fallback;
  // Lowest first, so the managed layer is applied last and wins.
  for (const auto& [source, layer] : {std::pair{Source::system, &system_}, std::pair{Source::managed, &managed_}}) {
    if (!*layer) continue;
    for (const auto& [key, value] : (*layer)->items()) {
      if (key == "audit") {
        effective_json_[key].update(value);  // audit settings are one key, filled from the defaults
      } else {
        effective_json_[key] = value;
      }
      sources_[key] = source;
    }
  }
  effective_ = from_json(effective_json_);
  check_rules();
}

json PolicyStore::status() const {
  json sources = json::object();
  for (const auto& [key, source] : sources_) sources[key] = to_string(source);
  json errors = json::array();
  for (const SourceError& e : errors_) {
    errors.push_back({{"source", to_string(e.source)}, {"key", e.error.key}, {"message", e.error.message}});
  }
  json status{{"ok", errors_.empty()}, {"policy", effective_json_}, {"sources", sources}, {"errors", errors}};
  if (rules_refusal_) status["rules_refused"] = *rules_refusal_;
  return status;
}

bool system_file_requires_signed_rules(const std::filesystem::path& file) {
  PolicyStore store;  // no category names: the pack that would name them is not loaded yet
  store.load_system_file(file);
  return store.effective().require_signed_rules;
}

std::filesystem::path system_policy_file() {
  if (const char* file = std::getenv("PHISENTRY_POLICY"); file != nullptr && *file != '\0') return file;
#if defined(_WIN32)
  const char* data = std::getenv("ProgramData");
  return std::filesystem::path(data != nullptr ? data : "C:\\ProgramData") / "PHI Sentry" / "policy.json";
#elif defined(__APPLE__)
  return "/Library/Application Support/PHI Sentry/policy.json";
#else
  return "/etc/phisentry/policy.json";
#endif
}

}  // namespace phisentry::policy
