#pragma once
// Shared fixtures for the unit tests: the shipped rule pack, compiled once.

#include <memory>

#include "phisentry/rules/rule.h"
#include "phisentry/scan/compiled_pack.h"

namespace phisentry::testing {

inline std::shared_ptr<const scan::CompiledPack> shipped_pack() {
  static const auto compiled = scan::CompiledPack::build(rules::load_pack(PHISENTRY_TEST_RULES_DIR), {false, {}});
  return compiled;
}

}  // namespace phisentry::testing
