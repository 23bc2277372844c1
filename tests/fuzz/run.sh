#!/usr/bin/env bash
# Runs one fuzz target for a while over a scratch copy of its seed corpus (the committed corpus stays
# as it is). A crash, a leak, a sanitizer report or a timeout fails the run and keeps the input.
#   run.sh FUZZER SEED_DIR SECONDS [extra libFuzzer flags...]
# PHISENTRY_FUZZ_KEEP=1 keeps the grown corpus too (the long run merges its best inputs into the seeds).
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3
shift 3
work=$(mktemp -d "${TMPDIR:-/tmp}/phisentry-fuzz.XXXXXX")
[ "${PHISENTRY_FUZZ_KEEP:-0}" = 1 ] || trap 'rm -rf "$work/corpus"' EXIT
mkdir -p "$work/corpus"
cp -r "$seeds"/. "$work/corpus/"
echo "fuzzing $(basename "$fuzzer") for ${seconds}s; crash inputs go to $work/"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$work/" -print_final_stats=1 "$@" "$work/corpus"
