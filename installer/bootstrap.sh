#!/usr/bin/env bash
# PHI Sentry from a fresh clone on Debian 12: install the build and test packages, build, then
#   (default) prove the rules and scan the shipped sample pages, or
#   --test    run every test (C++ unit and integration, rules, extension unit and end-to-end, corpus),
#             then the sanitizer stage: the host's C++ tests again under ASan+UBSan and a short run of
#             every libFuzzer target (tests/fuzz/sanitize.sh, a Clang build in build-sanitize/).
# (Maintained by the core team; installer/install.sh installs a built host for users.)
set -euo pipefail

mode=demo
case "${1:-}" in
  "" | --demo) mode=demo ;;
  --test) mode=test ;;
  -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--demo|--test]" >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "$0")/.." && pwd)
build="$repo/build"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(
  build-essential cmake pkg-config
  libhyperscan-dev nlohmann-json3-dev libboost-program-options-dev libspdlog-dev libsodium-dev doctest-dev
  libpcre2-dev libzip-dev libxml2-dev libcurl4-openssl-dev libcsv-dev
  python3 openssl ca-certificates
)
test_packages=(chromium firefox-esr wamerican sqlite3 dpkg-dev fakeroot
  clang libclang-rt-14-dev llvm-14)  # the sanitizer stage: Clang, its ASan/UBSan/libFuzzer runtimes, llvm-symbolizer

install_packages() {
  local wanted=("${packages[@]}")
  [ "$mode" = test ] && wanted+=("${test_packages[@]}")
  [ "$mode" = demo ] && has_display && wanted+=(chromium)
  command -v node > /dev/null && command -v npm > /dev/null || wanted+=(nodejs npm)
  local missing=()
  for p in "${wanted[@]}"; do dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "ok installed" || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing: ${missing[*]}"
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -q
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

build_host() {
  echo "==> building into $build"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPHISENTRY_WERROR=ON > /dev/null
  cmake --build "$build" -j "$(nproc)"
}

has_display() { [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; }

# Installs the build for this user (installer/install.sh --user, also registered for a demo Chromium
# profile), then shows it working: with a display, Chromium with the extension on an editor page.
demo() {
  echo "==> proving the built-in rule pack"
  "$build/bin/phisentry" rules check "$repo/rules"
  local profile="${XDG_DATA_HOME:-$HOME/.local/share}/phisentry/demo-chromium-profile"
  echo "==> installing PHI Sentry for $(id -un)"
  "$repo/installer/install.sh" --user --from "$build" --profile-dir "$profile"
  if has_display; then
    echo "==> opening Chromium with the extension: type or paste tests/samples/huddle-notes.txt"
    npm ci --prefix "$repo/tests/e2e" --no-audit --no-fund --loglevel=error
    node "$repo/installer/demo.mjs" --profile-dir "$profile"
    return
  fi
  echo "==> no display: scanning the sample pages (two hold PHI, two are ordinary admin pages)"
  local status=0
  "$build/bin/phisentry" scan --color auto "$repo"/tests/samples/*.txt || status=$?
  [ "$status" -le 1 ] || exit "$status"
  echo "==> done: the findings above are what the browser extension highlights as you type."
}

# The sanitizer stage's Clang build compiles at the lowest priority while the normal suite, mostly
# browsers waiting on pages, runs: on 2 cores that saves most of its 6 minutes.
run_tests() {
  local sanitized="$repo/build-sanitize" status=0
  echo "==> running every test (the sanitizer build compiles beside them at low priority)"
  # Its own process group (setsid), so a failed suite stops the whole compile, not just the script.
  setsid nice -n 19 "$repo/tests/fuzz/sanitize.sh" build "$sanitized" > "$build/sanitizer-build.log" 2>&1 &
  local sanitizer_build=$!
  ctest --test-dir "$build" --output-on-failure --timeout 900 || status=$?
  if [ "$status" -ne 0 ]; then kill -- "-$sanitizer_build" 2> /dev/null || true; exit "$status"; fi
  wait "$sanitizer_build" || { cat "$build/sanitizer-build.log"; exit 1; }
  tail -n 1 "$build/sanitizer-build.log"
  "$repo/tests/fuzz/sanitize.sh" test "$sanitized"
}

install_packages
build_host
if [ "$mode" = test ]; then run_tests; else demo; fi
