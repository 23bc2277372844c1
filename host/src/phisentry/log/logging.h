#pragma once
// Logging through spdlog: to stderr (browsers collect a native host's stderr) and optionally to a file.
// What may be logged: rule ids, categories, counts, sizes, timings, error codes. Never scanned text or
// a matched value, at any level; tests/integration/test_no_phi_in_logs.cpp holds us to it.

#include <string>

namespace phisentry::log {

struct Options {
  std::string level = "warn";  // trace, debug, info, warn, error, critical, off
  std::string file;            // empty: stderr only
};

// Throws std::invalid_argument for an unknown level.
void configure(const Options& options);

}  // namespace phisentry::log
