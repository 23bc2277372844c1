#pragma once
// The services a real host runs with: the system policy file and the per-user audit trail.

#include "phisentry/protocol/server.h"

namespace phisentry::protocol {

// Loads the system policy (errors are logged and kept for `policy_status`) and opens the audit trail
// at the paths the policy and the environment give.
Services installed_services(const rules::RulePack& pack);

}  // namespace phisentry::protocol
