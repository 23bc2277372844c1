#!/usr/bin/env bash
# Fills the enterprise policy templates in this folder with a deployment's extension IDs and update
# URLs, into --out DIR with the same layout (linux/, firefox/, windows/, macos/).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ids_file="$HERE/../../manifests/extension-ids.txt"
[ -f "$ids_file" ] || ids_file="$HERE/../../../phisentry/extension-ids.txt"  # installed in share/doc/phisentry/policies

first_id() { sed -e 's/#.*//' "$ids_file" 2>/dev/null | awk -v family="$1" '$1 == family { print $2; exit }'; }

out="" chromium_id=$(first_id chromium) firefox_id=$(first_id firefox)
chrome_update_url=https://clients2.google.com/service/update2/crx
edge_update_url=https://edge.microsoft.com/extensionwebstorebase/v1/crx
firefox_install_url=""

usage() {
  cat <<USAGE
Usage: render.sh --out DIR [OPTIONS]
  --chromium-id ID           the extension's ID in Chrome and Edge (default: $chromium_id)
  --firefox-id ID            the add-on id (default: $firefox_id)
  --chrome-update-url URL    where Chrome fetches the extension (default: the Chrome Web Store)
  --edge-update-url URL      where Edge fetches it (default: Edge Add-ons)
  --firefox-install-url URL  the signed .xpi for Firefox (default: addons.mozilla.org, latest)
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:?}; shift ;;
    --chromium-id) chromium_id=${2:?}; shift ;;
    --firefox-id) firefox_id=${2:?}; shift ;;
    --chrome-update-url) chrome_update_url=${2:?}; shift ;;
    --edge-update-url) edge_update_url=${2:?}; shift ;;
    --firefox-install-url) firefox_install_url=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; echo "render.sh: unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$out" ] || { usage >&2; exit 2; }
: "${firefox_install_url:=https://addons.mozilla.org/firefox/downloads/latest/$firefox_id/latest.xpi}"

fail() { echo "render.sh: $*" >&2; exit 2; }
printf '%s' "$chromium_id" | grep -Eq '^[a-p]{32}$' || fail "not a Chromium extension ID: $chromium_id"
printf '%s' "$firefox_id" | grep -Eq '^[A-Za-z0-9._@{}-]+$' || fail "not a Firefox add-on id: $firefox_id"
# The values land in JSON, XML and .reg strings: none of their special characters may appear.
for url in "$chrome_update_url" "$edge_update_url" "$firefox_install_url"; do
  case "$url" in https://*) ;; *) fail "not an https:// URL: $url" ;; esac
  case "$url" in *[\"\\\|\&\<\>\ ]*) fail "URL with a character that needs escaping: $url" ;; esac
done

for template in linux/chrome.json linux/edge.json firefox/policies.json windows/phisentry.reg macos/phisentry.mobileconfig; do
  mkdir -p "$out/$(dirname "$template")"
  sed -e "s|__CHROMIUM_ID__|$chromium_id|g" -e "s|__FIREFOX_ID__|$firefox_id|g" \
      -e "s|__CHROME_UPDATE_URL__|$chrome_update_url|g" -e "s|__EDGE_UPDATE_URL__|$edge_update_url|g" \
      -e "s|__FIREFOX_INSTALL_URL__|$firefox_install_url|g" "$HERE/$template" >"$out/$template"
  echo "  $out/$template"
done
