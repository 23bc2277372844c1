#pragma once
// The `audit` message (host/PROTOCOL.md): checks an event the extension reports, refuses an override
// the policy does not allow or a justification that holds PHI, and records the rest. The matched
// values arrive only to be hashed; they are never stored or logged.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "phisentry/audit/trail.h"
#include "phisentry/policy/policy.h"
#include "phisentry/scan/scanner.h"

namespace phisentry::protocol {

struct AuditContext {
  scan::Scanner& scanner;
  const policy::Policy& policy;
  audit::AuditTrail* trail;  // null when the trail could not be opened
  const std::map<std::string, std::uint32_t, std::less<>>& rule_index;  // rule id -> index in the pack
};

// The encoded `audit_result` reply. Throws RequestError for malformed requests.
std::string handle_audit(const nlohmann::json& request, const nlohmann::json& id, const AuditContext& context);

// Categories of findings at or above the policy's warn level in `text` (enabled categories only).
std::map<std::string, int> phi_categories(scan::Scanner& scanner, const policy::Policy& policy, std::string_view text);

inline constexpr std::size_t kMaxJustificationBytes = 2000;
inline constexpr std::size_t kMaxAuditMatches = 10000;

}  // namespace phisentry::protocol
