#pragma once
// The policy IT sets: which workspaces a BAA covers, what PHI Sentry does elsewhere, overrides,
// categories, list files and the audit trail. Its schema is extension/schema/managed-policy.json.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "phisentry/policy/url_pattern.h"
#include "phisentry/rules/rule.h"

namespace phisentry::policy {

enum class Action : std::uint8_t { allow, warn, block };
enum class FailMode : std::uint8_t { open, closed };
std::string_view to_string(Action action);

struct WorkspaceEntry {
  UrlPattern pattern;
  bool covered = false;
  Action action = Action::warn;
  std::string label;
};

struct AuditSettings {
  bool file_sink = true;
  bool syslog_sink = false;
  std::string file;                          // "" = the per-user default
  std::string syslog_socket = "/dev/log";    // a unix datagram socket (RFC 5424 messages)
  std::uint64_t max_file_bytes = 8u << 20;   // rotate past this
  int checkpoint_every = 64;                 // a signed checkpoint after this many records
};

struct Policy {
  std::vector<WorkspaceEntry> workspaces;
  Action default_action = Action::warn;
  rules::Confidence warn_at = rules::Confidence::medium;
  bool allow_override = true;
  bool require_justification = true;
  int justification_min_length = 10;
  FailMode fail_mode = FailMode::open;
  bool allow_not_phi = true;
  std::vector<std::string> disabled_categories;
  std::vector<std::string> allowlist_files;  // handed to the lists subsystem (keyed-hash allowlists)
  std::vector<std::string> edm_files;        // exact-data-match files, same
  AuditSettings audit;
  // The rule pack must verify against a trusted key (rules/SIGNING.md): read before the pack loads from the
  // system file; arriving later, PolicyStore::rules_refusal says why the loaded pack fails it.
  bool require_signed_rules = false;

  bool category_enabled(std::string_view category) const;
};

// One problem with a policy document, named by its key ("workspaces[2].match").
struct PolicyError {
  std::string key;
  std::string message;
};

// Every key the policy knows, in documentation order.
const std::vector<std::string>& policy_keys();

// The built-in defaults as a JSON object holding every key.
const nlohmann::json& default_policy_json();

// Checks one policy document (any subset of keys). Returns the problems; empty = valid. Categories
// named in disabled_categories must be in `known_categories` when it is not empty.
std::vector<PolicyError> validate(const nlohmann::json& document, const std::vector<std::string>& known_categories = {});

// A policy from a complete, valid document (every key present): defaults merged with sources.
Policy from_json(const nlohmann::json& complete);

// Parses JSON text for a policy source; a syntax error becomes a PolicyError at key "" .
std::optional<nlohmann::json> parse_document(const std::string& text, std::vector<PolicyError>& errors);

}  // namespace phisentry::policy
