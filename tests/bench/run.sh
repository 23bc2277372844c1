#!/usr/bin/env bash
# Every benchmark of issue 8 from one command, ending in one table (tests/bench/RESULTS.md explains it):
#   tests/bench/run.sh            # Release build in build-bench/, ~5 minutes
#   tests/bench/run.sh --quick    # tiny inputs, seconds: checks that everything runs (ctest bench_smoke)
# PHISENTRY_BENCH_BUILD picks the build folder; --no-build uses its binaries as they are.
# Figures are ratios against baselines measured in the same run; nothing here asserts a time.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${PHISENTRY_BENCH_BUILD:-$root/build-bench}
quick=0
compile=1
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    --no-build) compile=0 ;;
    *) echo "usage: $0 [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done

if [[ $compile == 1 ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$build" -j2 --target phisentry phisentry_bench phisentry_attribution > /dev/null
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/phisentry-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

if [[ $quick == 1 ]]; then
  pages=20 seconds=0.02 max_mib=0 quick_flags=(--quick) js_seconds=0.05 attribution_kib=64
else
  pages=600 seconds=2 max_mib=16 quick_flags=() js_seconds=2 attribution_kib=1024
fi
corpus=$out/corpus.jsonl
python3 "$root/tests/corpus/generate.py" --seed 1 --pages "$pages" --out "$corpus" > /dev/null

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bin/phisentry_bench" --corpus "$corpus" --rules "$root/rules" --seconds "$seconds" --max-mib "$max_mib" \
  --json "$out/results-host.jsonl" "${quick_flags[@]}"
# Where the Hyperscan stage's time goes (each database and the matcher's stages; the per-pattern and
# leave-one-out tables: run phisentry_attribution without --only).
"$build/bin/phisentry_attribution" --corpus "$corpus" --rules "$root/rules" --kib "$attribution_kib" \
  --seconds "$seconds" --only databases
python3 "$root/tests/bench/host_process.py" --host "$build/bin/phisentry" --corpus "$corpus" --rules "$root/rules" \
  --json "$out/results-process.jsonl" "${quick_flags[@]}"
if command -v node > /dev/null; then
  echo
  node "$root/tests/bench/js/baseline.mjs" --corpus "$corpus" --rules "$root/rules" --seconds "$js_seconds" \
    --json "${quick_flags[@]}" > "$out/results-js.jsonl"
  echo "JavaScript baseline (V8 $(node -p process.versions.v8)): done"
fi
# The browser figures need Debian's Chromium and the e2e packages (tests/e2e: npm ci).
if [[ $quick == 0 && -x /usr/bin/chromium && -d $root/tests/e2e/node_modules ]]; then
  PHISENTRY_HOST=$build/bin/phisentry node "$root/tests/e2e/bench-latency.mjs" 20 --json "$out/results-browser.jsonl"
fi
python3 "$root/tests/bench/report.py" "$out"/results-*.jsonl
