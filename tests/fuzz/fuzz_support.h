#pragma once
// Shared by the fuzz targets that need the shipped rule pack: compiled once per process.

#include <cstdlib>
#include <memory>

#include "phisentry/rules/rule.h"
#include "phisentry/scan/compiled_pack.h"

namespace phisentry::fuzz {

inline void require(bool condition) {
  if (!condition) std::abort();
}

// PHISENTRY_FUZZ_RULES overrides the pack the build points at (PHISENTRY_FUZZ_RULES_DIR).
inline std::shared_ptr<const scan::CompiledPack> shipped_pack() {
  static const std::shared_ptr<const scan::CompiledPack> compiled = [] {
    const char* override_dir = std::getenv("PHISENTRY_FUZZ_RULES");
    rules::RulePack pack = rules::load_pack(override_dir != nullptr ? override_dir : PHISENTRY_FUZZ_RULES_DIR);
    return scan::CompiledPack::build(std::move(pack), {false, {}});
  }();
  return compiled;
}

}  // namespace phisentry::fuzz
