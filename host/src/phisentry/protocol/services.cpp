#include "phisentry/protocol/services.h"

#include <spdlog/spdlog.h>

namespace phisentry::protocol {

Services installed_services(const rules::RulePack& pack) {
  auto store = std::make_shared<policy::PolicyStore>(pack.categories());
  const auto file = policy::system_policy_file();
  for (const policy::PolicyError& error : store->load_system_file(file)) {
    spdlog::error("policy {} refused: {}: {}", file.string(), error.key.empty() ? "(document)" : error.key, error.message);
  }
  return {store, [](const policy::AuditSettings& settings) {
            return std::make_unique<audit::AuditTrail>(audit::default_trail_paths(settings), settings);
          }};
}

}  // namespace phisentry::protocol
