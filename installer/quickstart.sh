#!/usr/bin/env bash
# From a fresh clone on Debian 12: installs what the build needs, builds, installs PHI Sentry for the
# current user, and shows it working. With a display it opens Chromium with the extension on a page to
# type into; without one it scans the sample pages in installer/samples/ and prints the findings.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BUILD="$REPO/build"
DEMO_PROFILE="${XDG_CACHE_HOME:-$HOME/.cache}/phisentry-demo/profile"
PACKAGES=(cmake g++ make pkg-config libhyperscan-dev libsodium-dev libpcre2-dev libzip-dev libxml2-dev
          libcurl4-openssl-dev nlohmann-json3-dev libspdlog-dev libboost-program-options-dev doctest-dev
          nodejs openssl chromium)

step() { printf '\n== %s\n' "$*"; }

install_packages() {
  local missing=() package
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -gt 0 ] || { echo "all build packages present"; return; }
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

step "1/4 packages"
install_packages
step "2/4 build"
cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD" --target phisentry -j"$(nproc)"
step "3/4 install for $(id -un)"
"$REPO/installer/install.sh" --user --from "$BUILD" --profile-dir "$DEMO_PROFILE"
HOST="$HOME/.local/bin/phisentry"
"$HOST" doctor --profile-dir "$DEMO_PROFILE" || true
step "4/4 see it work"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v chromium >/dev/null; then
  [ -d "$REPO/tests/e2e/node_modules/playwright-core" ] || npm ci --prefix "$REPO/tests/e2e" --no-audit --no-fund
  node "$REPO/installer/demo.mjs" --profile-dir "$DEMO_PROFILE"
else
  echo "No display: scanning the sample pages instead (exit status 1 means PHI was found)."
  "$HOST" scan "$REPO"/installer/samples/*.txt || [ $? -eq 1 ]
fi
