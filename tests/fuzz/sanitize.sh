#!/usr/bin/env bash
# One Clang build serves both: ASan+UBSan for the host's unit and integration tests, and the libFuzzer
# targets run briefly over their seed corpus. Not yet part of CI (its cost on the CI machine has not
# been measured); run it by hand:  tests/fuzz/sanitize.sh [BUILD_DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
sanitized=${1:-$repo/build-sanitize}
echo "==> ASan+UBSan build (Clang) into $sanitized"
# -O1 and line tables only: half the compile time of -O2 -g, and sanitizer reports still name lines.
CC=clang CXX=clang++ cmake -S "$repo" -B "$sanitized" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPHISENTRY_FUZZ=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
  -DPHISENTRY_FUZZ_SECONDS="${PHISENTRY_FUZZ_SECONDS:-30}" > /dev/null
cmake --build "$sanitized" -j "$(nproc)" --target phisentry phisentry_unit_tests phisentry_integration_tests \
  fuzz_frame_reader fuzz_server fuzz_scan fuzz_rule_loader fuzz_policy_loader
echo "==> unit and integration tests under ASan+UBSan, then each fuzz target"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$sanitized" --output-on-failure --timeout 900 -R '^(unit|integration|fuzz_.*)$'
