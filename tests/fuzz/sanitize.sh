#!/usr/bin/env bash
# The sanitizer stage of CI (installer/bootstrap.sh --test runs it with the normal suite): one Clang
# build with ASan+UBSan serves every suite that runs the host's C++ code (unit, integration with the
# hostile-input and signed-pack tests, the shipped pack's rules check, the sweep of exports and REST
# sites, the installer's doctor checks) and a short run of every libFuzzer target over its seed corpus.
# The browser suites are not repeated here (tests/fuzz/README.md says why).
#   tests/fuzz/sanitize.sh [build|test] [BUILD_DIR]   both steps by default;
#   PHISENTRY_FUZZ_SECONDS per fuzz target (default 15)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
step=all
case "${1:-}" in build | test) step=$1; shift ;; esac
sanitized=${1:-$repo/build-sanitize}
fuzz_seconds=${PHISENTRY_FUZZ_SECONDS:-15}

build() {
  local started=$SECONDS
  echo "==> ASan+UBSan build (Clang) into $sanitized"
  # -O1 and line tables only: half the compile time of -O2 -g, and sanitizer reports still name lines.
  CC=clang CXX=clang++ cmake -S "$repo" -B "$sanitized" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPHISENTRY_FUZZ=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
    -DPHISENTRY_FUZZ_SECONDS="$fuzz_seconds" > /dev/null
  # Only what the stage runs: not the benchmarks, not the extension.
  cmake --build "$sanitized" -j "$(nproc)" --target phisentry phisentry_rules phisentry_unit_tests \
    phisentry_integration_tests fuzz_frame_reader fuzz_server fuzz_scan fuzz_rule_loader fuzz_policy_loader
  echo "==> sanitizer build done in $((SECONDS - started)) s"
}

run() {
  local started=$SECONDS
  # Side by side (-j): each suite and each fuzzer keeps one core busy, and their waits are scaled.
  echo "==> C++ suites under ASan+UBSan and each fuzz target for ${fuzz_seconds} s"
  # halt_on_error and a non-zero exit make any report fail its test; leaks are reported at exit.
  local symbolizer
  symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ASAN_SYMBOLIZER_PATH=$symbolizer \
    ctest --test-dir "$sanitized" --output-on-failure --timeout 900 -j "$(nproc)" \
    -R '^(unit|integration|rules_check|sweep|installer_doctor|fuzz_.*)$'
  echo "==> sanitizer tests done in $((SECONDS - started)) s"
}

case $step in
  build) build ;;
  test) run ;;
  all) build; run ;;
esac
