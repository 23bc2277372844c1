#include "phisentry/policy/policy.h"

#include <algorithm>
#include <functional>
#include <map>

namespace phisentry::policy {
namespace {

using nlohmann::json;
constexpr int kMaxJustificationMinLength = 500;
constexpr std::size_t kMaxWorkspaces = 5000;

Action parse_action(const std::string& text) {
  if (text == "allow") return Action::allow;
  if (text == "block") return Action::block;
  return Action::warn;
}

// Validation of one key's value; adds errors under `key`.
using KeyCheck = std::function<void(const json& value, const std::string& key, std::vector<PolicyError>& errors)>;

void require_enum(const json& value, const std::string& key, const std::vector<std::string>& allowed,
                  std::vector<PolicyError>& errors) {
  std::string list;
  for (const std::string& option : allowed) {
    if (value.is_string() && value.get_ref<const std::string&>() == option) return;
    list += (list.empty() ? "" : ", ") + option;
  }
  errors.push_back({key, "must be one of " + list});
}

// The allowed values are copied into the check: an initializer_list would not outlive this call.
KeyCheck enum_check(std::vector<std::string> allowed) {
  return [allowed = std::move(allowed)](const json& value, const std::string& key, std::vector<PolicyError>& errors) {
    require_enum(value, key, allowed, errors);
  };
}

void boolean_check(const json& value, const std::string& key, std::vector<PolicyError>& errors) {
  if (!value.is_boolean()) errors.push_back({key, "must be true or false"});
}

KeyCheck integer_check(long long min, long long max) {
  return [min, max](const json& value, const std::string& key, std::vector<PolicyError>& errors) {
    if (!value.is_number_integer() || value.get<long long>() < min || value.get<long long>() > max) {
      errors.push_back({key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    }
  };
}

void string_list_check(const json& value, const std::string& key, std::vector<PolicyError>& errors) {
  if (!value.is_array()) return errors.push_back({key, "must be a list of strings"});
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string() || value[i].get_ref<const std::string&>().empty()) {
      errors.push_back({key + "[" + std::to_string(i) + "]", "must be a non-empty string"});
    }
  }
}

void unknown_members(const json& object, const std::string& prefix, std::initializer_list<const char*> known,
                     std::vector<PolicyError>& errors) {
  for (const auto& [name, member] : object.items()) {
    if (std::none_of(known.begin(), known.end(), [&name = name](const char* k) { return name == k; })) {
      errors.push_back({prefix + name, "unknown key"});
    }
  }
}

void check_workspace(const json& entry, const std::string& key, std::vector<PolicyError>& errors) {
  if (!entry.is_object()) return errors.push_back({key, "must be an object with match, covered, action, label"});
  unknown_members(entry, key + ".", {"match", "covered", "action", "label"}, errors);
  if (!entry.contains("match") || !entry["match"].is_string()) {
    errors.push_back({key + ".match", "must be a URL pattern such as https://clinic.atlassian.net/wiki/*"});
  } else if (std::string why; !UrlPattern::parse(entry["match"].get<std::string>(), why)) {
    errors.push_back({key + ".match", why});
  }
  if (!entry.contains("covered")) errors.push_back({key + ".covered", "is required (true or false)"});
  else boolean_check(entry["covered"], key + ".covered", errors);
  if (entry.contains("action")) require_enum(entry["action"], key + ".action", {"allow", "warn", "block"}, errors);
  if (entry.contains("label") && !entry["label"].is_string()) errors.push_back({key + ".label", "must be a string"});
}

void workspaces_check(const json& value, const std::string& key, std::vector<PolicyError>& errors) {
  if (!value.is_array()) return errors.push_back({key, "must be a list of {match, covered, action, label}"});
  if (value.size() > kMaxWorkspaces) return errors.push_back({key, "holds more than 5000 entries"});
  for (std::size_t i = 0; i < value.size(); ++i) check_workspace(value[i], key + "[" + std::to_string(i) + "]", errors);
}

void audit_check(const json& value, const std::string& key, std::vector<PolicyError>& errors) {
  if (!value.is_object()) return errors.push_back({key, "must be an object"});
  unknown_members(value, key + ".", {"sinks", "file", "syslog_socket", "max_file_bytes", "checkpoint_every"}, errors);
  if (value.contains("sinks")) {
    const json& sinks = value["sinks"];
    if (!sinks.is_array()) errors.push_back({key + ".sinks", "must be a list of \"file\" and \"syslog\""});
    else for (std::size_t i = 0; i < sinks.size(); ++i) require_enum(sinks[i], key + ".sinks[" + std::to_string(i) + "]", {"file", "syslog"}, errors);
  }
  for (const char* path : {"file", "syslog_socket"}) {
    if (value.contains(path) && !value[path].is_string()) errors.push_back({key + "." + path, "must be a string"});
  }
  if (value.contains("max_file_bytes")) integer_check(4096, 1LL << 40)(value["max_file_bytes"], key + ".max_file_bytes", errors);
  if (value.contains("checkpoint_every")) integer_check(1, 100000)(value["checkpoint_every"], key + ".checkpoint_every", errors);
}

const std::map<std::string, KeyCheck>& key_checks() {
  static const std::map<std::string, KeyCheck> checks{
      {"workspaces", workspaces_check},
      {"default_action", enum_check({"allow", "warn", "block"})},
      {"warn_at", enum_check({"low", "medium", "high"})},
      {"allow_override", boolean_check},
      {"require_justification", boolean_check},
      {"justification_min_length", integer_check(0, kMaxJustificationMinLength)},
      {"fail_mode", enum_check({"open", "closed"})},
      {"allow_not_phi", boolean_check},
      {"disabled_categories", string_list_check},
      {"allowlist_files", string_list_check},
      {"edm_files", string_list_check},
      {"audit", audit_check},
      {"require_signed_rules", boolean_check},
  };
  return checks;
}

std::vector<std::string> strings(const json& list) { return list.get<std::vector<std::string>>(); }

AuditSettings audit_from_json(const json& audit) {
  AuditSettings settings;
  if (audit.contains("sinks")) {
    const auto sinks = strings(audit["sinks"]);
    settings.file_sink = std::find(sinks.begin(), sinks.end(), "file") != sinks.end();
    settings.syslog_sink = std::find(sinks.begin(), sinks.end(), "syslog") != sinks.end();
  }
  settings.file = audit.value("file", settings.file);
  settings.syslog_socket = audit.value("syslog_socket", settings.syslog_socket);
  settings.max_file_bytes = audit.value("max_file_bytes", settings.max_file_bytes);
  settings.checkpoint_every = audit.value("checkpoint_every", settings.checkpoint_every);
  return settings;
}

}  // namespace

std::string_view to_string(Action action) {
  switch (action) {
    case Action::allow: return "allow";
    case Action::warn: return "warn";
    case Action::block: return "block";
  }
  return "warn";
}

bool Policy::category_enabled(std::string_view category) const {
  return std::find(disabled_categories.begin(), disabled_categories.end(), category) == disabled_categories.end();
}

const std::vector<std::string>& policy_keys() {
  static const std::vector<std::string> keys{"workspaces",  "default_action", "warn_at",  "allow_override",
                                             "require_justification", "justification_min_length", "fail_mode",
                                             "allow_not_phi", "disabled_categories", "allowlist_files", "edm_files",
                                             "audit", "require_signed_rules"};
  return keys;
}

const json& default_policy_json() {
  static const json defaults{
      {"workspaces", json::array()},
      {"default_action", "warn"},
      {"warn_at", "medium"},
      {"allow_override", true},
      {"require_justification", true},
      {"justification_min_length", 10},
      {"fail_mode", "open"},
      {"allow_not_phi", true},
      {"disabled_categories", json::array()},
      {"allowlist_files", json::array()},
      {"edm_files", json::array()},
      {"audit", {{"sinks", {"file"}}, {"file", ""}, {"syslog_socket", "/dev/log"}, {"max_file_bytes", 8 << 20},
                 {"checkpoint_every", 64}}},
      {"require_signed_rules", false},
  };
  return defaults;
}

std::vector<PolicyError> validate(const json& document, const std::vector<std::string>& known_categories) {
  std::vector<PolicyError> errors;
  if (!document.is_object()) return {{"", "a policy must be a JSON object"}};
  for (const auto& [key, value] : document.items()) {
    const auto check = key_checks().find(key);
    if (check == key_checks().end()) {
      errors.push_back({key, "unknown key"});
      continue;
    }
    check->second(value, key, errors);
  }
  if (!known_categories.empty() && document.contains("disabled_categories") && document["disabled_categories"].is_array()) {
    const json& disabled = document["disabled_categories"];
    for (std::size_t i = 0; i < disabled.size(); ++i) {
      if (disabled[i].is_string() && std::find(known_categories.begin(), known_categories.end(), disabled[i].get<std::string>()) == known_categories.end()) {
        errors.push_back({"disabled_categories[" + std::to_string(i) + "]", "not a category of the rule pack"});
      }
    }
  }
  return errors;
}

Policy from_json(const json& complete) {
  Policy policy;
  for (const json& entry : complete.at("workspaces")) {
    std::string ignored;
    WorkspaceEntry workspace{*UrlPattern::parse(entry.at("match").get<std::string>(), ignored),
                             entry.at("covered").get<bool>(), Action::warn, entry.value("label", "")};
    // An entry without an action follows its coverage: covered workspaces are quiet.
    workspace.action = entry.contains("action") ? parse_action(entry["action"].get<std::string>())
                                                : (workspace.covered ? Action::allow : parse_action(complete.at("default_action").get<std::string>()));
    policy.workspaces.push_back(std::move(workspace));
  }
  policy.default_action = parse_action(complete.at("default_action").get<std::string>());
  policy.warn_at = *rules::parse_confidence(complete.at("warn_at").get<std::string>());
  policy.allow_override = complete.at("allow_override").get<bool>();
  policy.require_justification = complete.at("require_justification").get<bool>();
  policy.justification_min_length = complete.at("justification_min_length").get<int>();
  policy.fail_mode = complete.at("fail_mode").get<std::string>() == "closed" ? FailMode::closed : FailMode::open;
  policy.allow_not_phi = complete.at("allow_not_phi").get<bool>();
  policy.disabled_categories = strings(complete.at("disabled_categories"));
  policy.allowlist_files = strings(complete.at("allowlist_files"));
  policy.edm_files = strings(complete.at("edm_files"));
  policy.audit = audit_from_json(complete.at("audit"));
  policy.require_signed_rules = complete.at("require_signed_rules").get<bool>();
  return policy;
}

std::optional<json> parse_document(const std::string& text, std::vector<PolicyError>& errors) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    errors.push_back({"", "not valid JSON at byte " + std::to_string(e.byte)});
  } catch (const json::exception&) {
    errors.push_back({"", "not valid JSON"});
  }
  return std::nullopt;
}

}  // namespace phisentry::policy
