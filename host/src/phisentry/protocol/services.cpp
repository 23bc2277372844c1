#include "phisentry/protocol/services.h"

#include <spdlog/spdlog.h>

#include "phisentry/rules/signature.h"

namespace phisentry::protocol {

Services installed_services(const rules::RulePack& pack) {
  auto store = std::make_shared<policy::PolicyStore>(pack.categories());
  // Re-verified when a policy that requires signed packs comes into force (the pack may have loaded unchecked).
  store->check_rules_with([dir = pack.dir, hash = pack.hash]() {
    auto refusal = rules::loaded_pack_refusal(dir, hash);
    if (refusal) spdlog::error("the rule pack in use may not serve under this policy: {}", *refusal);
    return refusal;
  });
  const auto file = policy::system_policy_file();
  for (const policy::PolicyError& error : store->load_system_file(file)) {
    spdlog::error("policy {} refused: {}: {}", file.string(), error.key.empty() ? "(document)" : error.key, error.message);
  }
  return {store, [](const policy::AuditSettings& settings) {
            return std::make_unique<audit::AuditTrail>(audit::default_trail_paths(settings), settings);
          }};
}

}  // namespace phisentry::protocol
