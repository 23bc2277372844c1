#!/usr/bin/env bash
# Installs PHI Sentry on Linux or macOS: the phisentry host, its rule pack, (--system) a default policy, and the
# org.phisentry.host native-messaging manifest for every browser found. Idempotent: a second run
# changes nothing. Bash 3.2 compatible (macOS).
set -euo pipefail

readonly HOST_NAME=org.phisentry.host
readonly ALL_BROWSERS="chrome chromium edge firefox"
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
readonly SCRIPT_DIR

usage() {
  cat <<EOF
Usage: install.sh [--user | --system] [OPTIONS]

  --user               for the current user, no root: host in ~/.local, per-user manifests (default)
  --system             for every user of this machine (root): host in /usr/local, machine-wide manifests
  --uninstall          remove what this mode installed (an edited machine policy and the audit trail stay)
  --prefix DIR         where bin/phisentry and share/phisentry go (default ~/.local or /usr/local)
  --from DIR           a tree with bin/phisentry and share/phisentry/rules (default: the repository's
                       build/ folder, or the tree this script was installed in)
  --browsers LIST      comma-separated: chrome,chromium,edge,firefox or all (default: those found)
  --profile-dir DIR    also register with the Chromium-family profile started with --user-data-dir=DIR
                       (repeatable)
  --chromium-id ID     extension ID for Chrome, Chromium and Edge (repeatable; default: extension-ids.txt)
  --firefox-id ID      Firefox add-on id (repeatable; default: extension-ids.txt)
  --destdir DIR        stage every file under DIR (for packagers and tests); paths inside stay final
  --signing-key FILE   sign the installed rule pack with this Ed25519 secret key (rules/SIGNING.md;
                       default: \$PHISENTRY_PACK_SIGNING_KEY); the host then refuses any other pack
  --trusted-key FILE   a public key the installed host trusts (repeatable; default: the .pub beside
                       the signing key, else the trusted keys of the tree installed from)
  -q, --quiet          print only warnings and errors
  -h, --help           this help
EOF
}

say() { [ "$quiet" = 1 ] || printf '  %-11s %s\n' "$1" "$2"; }
warn() { printf 'install.sh: %s\n' "$*" >&2; }
die() { warn "$*"; exit 2; }

mode="" uninstall=0 prefix="" from="" browsers="" destdir="" quiet=0
profile_dirs=() chromium_ids=() firefox_ids=() trusted_keys=()
signing_key=${PHISENTRY_PACK_SIGNING_KEY:-} staging="" pack=""
trap '[ -z "$staging" ] || rm -rf "$staging"' EXIT

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --user) mode=user ;;
      --system) mode=system ;;
      --uninstall) uninstall=1 ;;
      --prefix) prefix=${2:?--prefix needs a folder}; shift ;;
      --from) from=${2:?--from needs a folder}; shift ;;
      --browsers) browsers=${2:?--browsers needs a list}; shift ;;
      --profile-dir) profile_dirs+=("${2:?--profile-dir needs a folder}"); shift ;;
      --chromium-id) chromium_ids+=("${2:?--chromium-id needs an ID}"); shift ;;
      --firefox-id) firefox_ids+=("${2:?--firefox-id needs an ID}"); shift ;;
      --destdir) destdir=${2:?--destdir needs a folder}; shift ;;
      --signing-key) signing_key=${2:?--signing-key needs a key file}; shift ;;
      --trusted-key) trusted_keys+=("${2:?--trusted-key needs a .pub file}"); shift ;;
      -q|--quiet) quiet=1 ;;
      -h|--help) usage; exit 0 ;;
      *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
  done
  [ -n "$mode" ] || mode=user
}

absolute() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }

# --- where things go -------------------------------------------------------------------------------

platform() { case "$(uname -s)" in Darwin) echo macos ;; *) echo linux ;; esac; }

config_home() {
  case "${XDG_CONFIG_HOME:-}" in /*) echo "$XDG_CONFIG_HOME" ;; *) echo "$HOME/.config" ;; esac
}

# The folder where a browser reads org.phisentry.host.json, for this mode and platform.
manifest_dir() {
  local browser=$1
  if [ "$(platform)" = macos ]; then
    local support="$HOME/Library/Application Support"
    case "$mode/$browser" in
      user/chrome) echo "$support/Google/Chrome/NativeMessagingHosts" ;;
      user/chromium) echo "$support/Chromium/NativeMessagingHosts" ;;
      user/edge) echo "$support/Microsoft Edge/NativeMessagingHosts" ;;
      user/firefox) echo "$support/Mozilla/NativeMessagingHosts" ;;
      system/chrome) echo "/Library/Google/Chrome/NativeMessagingHosts" ;;
      system/chromium) echo "/Library/Application Support/Chromium/NativeMessagingHosts" ;;
      system/edge) echo "/Library/Microsoft/Edge/NativeMessagingHosts" ;;
      system/firefox) echo "/Library/Application Support/Mozilla/NativeMessagingHosts" ;;
    esac
    return
  fi
  case "$mode/$browser" in
    user/chrome) echo "$(config_home)/google-chrome/NativeMessagingHosts" ;;
    user/chromium) echo "$(config_home)/chromium/NativeMessagingHosts" ;;
    user/edge) echo "$(config_home)/microsoft-edge/NativeMessagingHosts" ;;
    user/firefox) echo "$HOME/.mozilla/native-messaging-hosts" ;;
    system/chrome) echo "/etc/opt/chrome/native-messaging-hosts" ;;
    system/chromium) echo "/etc/chromium/native-messaging-hosts" ;;
    system/edge) echo "/etc/opt/edge/native-messaging-hosts" ;;
    system/firefox) echo "/usr/lib/mozilla/native-messaging-hosts" ;;
  esac
}

# The machine policy the host reads (with the managed browser policy over it). There is no per-user
# policy: a user must not be able to loosen what IT set, so --user installs none.
policy_file() {
  if [ "$(platform)" = macos ]; then echo "/Library/Application Support/PHI Sentry/policy.json"
  else echo /etc/phisentry/policy.json; fi
}

browser_found() {
  local browser=$1 command
  if [ "$(platform)" = macos ]; then
    local app
    case "$browser" in
      chrome) app="Google Chrome.app" ;; chromium) app="Chromium.app" ;;
      edge) app="Microsoft Edge.app" ;; firefox) app="Firefox.app" ;;
    esac
    [ -d "/Applications/$app" ] || [ -d "$HOME/Applications/$app" ]
    return
  fi
  case "$browser" in
    chrome) set -- google-chrome google-chrome-stable ;;
    chromium) set -- chromium chromium-browser ;;
    edge) set -- microsoft-edge microsoft-edge-stable ;;
    firefox) set -- firefox firefox-esr ;;
  esac
  for command in "$@"; do command -v "$command" >/dev/null 2>&1 && return 0; done
  return 1
}

selected_browsers() {
  case "$browsers" in
    "") local browser; for browser in $ALL_BROWSERS; do browser_found "$browser" && echo "$browser"; done; true ;;
    all) printf '%s\n' chrome chromium edge firefox ;;
    *)
      local browser
      for browser in $(printf '%s' "$browsers" | tr ',' ' '); do
        case " $ALL_BROWSERS " in *" $browser "*) echo "$browser" ;; *) die "unknown browser: $browser" ;; esac
      done
      ;;
  esac
}

# --- what to install from ---------------------------------------------------------------------------

# Templates, default IDs and policy: next to this script in the repository (installer/ and
# manifests/) or in an installed tree (share/phisentry/).
templates_dir() {
  if [ -f "$SCRIPT_DIR/../manifests/chromium.json.in" ]; then (cd "$SCRIPT_DIR/../manifests" && pwd)
  else echo "$SCRIPT_DIR/manifests"; fi
}

default_source() {
  local candidate
  for candidate in "$SCRIPT_DIR/../build" "$SCRIPT_DIR/../.."; do
    if [ -x "$candidate/bin/phisentry" ] && [ -d "$candidate/share/phisentry/rules" ]; then
      (cd "$candidate" && pwd); return
    fi
  done
  die "no built host found; build first (cmake --build build) or pass --from DIR"
}

ids_of() { sed -e 's/#.*//' "$2" | awk -v family="$1" '$1 == family && NF == 2 { print $2 }'; }

# --chromium-id/--firefox-id, else the IDs the source tree was built or installed for, else the
# repository's defaults.
load_ids() {
  local source=$1 file id
  if [ ${#chromium_ids[@]} -eq 0 ] && [ ${#firefox_ids[@]} -eq 0 ]; then
    file="$source/share/phisentry/extension-ids.txt"
    [ -f "$file" ] || file="$(templates_dir)/extension-ids.txt"
    [ -f "$file" ] || die "no extension IDs: pass --chromium-id and --firefox-id"
    while IFS= read -r id; do chromium_ids+=("$id"); done < <(ids_of chromium "$file")
    while IFS= read -r id; do firefox_ids+=("$id"); done < <(ids_of firefox "$file")
  fi
  for id in ${chromium_ids[@]+"${chromium_ids[@]}"}; do
    printf '%s' "$id" | grep -Eq '^[a-p]{32}$' || die "not a Chromium extension ID (32 letters a-p): $id"
  done
  for id in ${firefox_ids[@]+"${firefox_ids[@]}"}; do
    printf '%s' "$id" | grep -Eq '^[A-Za-z0-9._@{}-]+$' || die "not a Firefox add-on id: $id"
  done
}

# --- writing files, only when their content changes -------------------------------------------------

# install_content TEXT DEST MODE LABEL: says "installed", "updated" or "unchanged". An unchanged file is
# not touched, nor is its folder (no temporary file), so a second run leaves every timestamp as it was.
install_content() {
  local tmp
  tmp=$(mktemp)
  printf '%s\n' "$1" >"$tmp"
  install_file "$tmp" "$2" "$3" "$4"
  rm -f "$tmp"
}

install_file() {
  local source=$1 dest=$destdir$2 file_mode=$3 label=$4 tmp verb=installed
  if [ -f "$dest" ] && cmp -s "$source" "$dest" && [ "$(file_mode_of "$dest")" = "$file_mode" ]; then
    say unchanged "$label $2"; return
  fi
  [ -e "$dest" ] && verb=updated
  mkdir -p "$(dirname "$dest")"
  tmp=$(mktemp "$dest.XXXXXX")  # beside the destination, so the rename below is atomic
  cp "$source" "$tmp"
  chmod "$file_mode" "$tmp"
  mv -f "$tmp" "$dest"
  say "$verb" "$label $2"
}

file_mode_of() {
  if stat -c %a "$1" >/dev/null 2>&1; then stat -c %a "$1"; else stat -f %Lp "$1"; fi
}

# The rule pack is replaced as a whole when anything in it differs.
install_tree() {
  local source=$1 dest=$destdir$2 label=$3
  if [ -d "$dest" ] && diff -r "$source" "$dest" >/dev/null 2>&1; then say unchanged "$label $2"; return; fi
  local verb=installed; [ -e "$dest" ] && verb=updated
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest.new"
  cp -R "$source" "$dest.new"
  chmod -R u=rwX,go=rX "$dest.new"
  rm -rf "$dest"
  mv "$dest.new" "$dest"
  say "$verb" "$label $2"
}

json_list() {
  local item out=""
  for item in "$@"; do out="$out${out:+, }\"$item\""; done
  printf '%s' "$out"
}

render_manifest() {
  local template=$1 host=$2 origins="" id
  for id in ${chromium_ids[@]+"${chromium_ids[@]}"}; do
    origins="$origins${origins:+, }\"chrome-extension://$id/\""
  done
  sed -e "s|@PHISENTRY_HOST_PATH@|$host|" \
      -e "s|@PHISENTRY_ALLOWED_ORIGINS@|$origins|" \
      -e "s|@PHISENTRY_ALLOWED_EXTENSIONS@|$(json_list ${firefox_ids[@]+"${firefox_ids[@]}"})|" "$template"
}

# The "path" a manifest written by us holds (one "path": "..." line).
manifest_host() { sed -n 's/^ *"path": *"\(.*\)",\{0,1\} *$/\1/p' "$1" | head -n 1; }

# --- install ----------------------------------------------------------------------------------------

register() {
  local browser=$1 dir=$2 host=$3 label=${4:-$1} template=chromium
  [ "$browser" = firefox ] && template=firefox
  if [ "$template" = chromium ] && [ ${#chromium_ids[@]} -eq 0 ]; then
    warn "no Chromium extension ID: $browser not registered"; return
  fi
  if [ "$template" = firefox ] && [ ${#firefox_ids[@]} -eq 0 ]; then
    warn "no Firefox add-on id: firefox not registered"; return
  fi
  install_content "$(render_manifest "$(templates_dir)/$template.json.in" "$host")" "$dir/$HOST_NAME.json" 644 \
    "$(printf '%-9s' "$label")"
}

write_id_record() {
  local id text="# Extensions this installation registered the native host for (read by phisentry doctor)."
  for id in ${chromium_ids[@]+"${chromium_ids[@]}"}; do text="$text"$'\n'"chromium $id"; done
  for id in ${firefox_ids[@]+"${firefox_ids[@]}"}; do text="$text"$'\n'"firefox $id"; done
  install_content "$text" "$prefix/share/phisentry/extension-ids.txt" 644 "ids      "
}

# Copies the host, rules, this script and its templates into the prefix, unless they are there already
# (e.g. registering the packaged /usr/bin/phisentry for a profile).
copy_host() {
  local source=$1
  if [ "$(cd "$source" && pwd -P)" = "$(cd "$destdir$prefix" 2>/dev/null && pwd -P)" ]; then
    say using "the host already in $prefix"; return
  fi
  write_id_record
  install_file "$source/bin/phisentry" "$prefix/bin/phisentry" 755 "host     "
  install_file "$source/bin/phisentry-sweep" "$prefix/bin/phisentry-sweep" 755 "sweep    "
  choose_trusted_keys "$source"
  choose_pack "$source"
  install_tree "$pack" "$prefix/share/phisentry/rules" "rules    "
  install_trusted_keys
  install_file "$SCRIPT_DIR/install.sh" "$prefix/share/phisentry/install.sh" 755 "installer"
  local template
  for template in chromium.json.in firefox.json.in; do
    install_file "$(templates_dir)/$template" "$prefix/share/phisentry/manifests/$template" 644 "template "
  done
  install_file "$(default_policy)" "$prefix/share/phisentry/policy/policy.json" 644 "template "
}

# --- signed rule pack (rules/SIGNING.md) ------------------------------------------------------------

# --trusted-key, else the .pub beside --signing-key, else the keys the source tree trusts.
choose_trusted_keys() {
  local source=$1 key
  if [ ${#trusted_keys[@]} -eq 0 ] && [ -n "$signing_key" ]; then
    key="${signing_key%.key}.pub"
    [ -f "$key" ] || die "no public key $key beside the signing key: pass --trusted-key FILE.pub"
    trusted_keys+=("$key")
  fi
  if [ ${#trusted_keys[@]} -eq 0 ]; then
    for key in "$source/share/phisentry/trusted-keys/"*.pub; do [ -f "$key" ] && trusted_keys+=("$key"); done
  fi
  for key in ${trusted_keys[@]+"${trusted_keys[@]}"}; do [ -f "$key" ] || die "no public key file $key"; done
  return 0
}

# Sets $pack, the pack as it will be installed: the source's, or a signed copy of it. Signing is
# deterministic (Ed25519 over a manifest of sorted hashes), so a second run changes nothing.
choose_pack() {
  local source=$1
  pack="$source/share/phisentry/rules"
  if [ -z "$signing_key" ]; then
    verify_pack "$source" "$pack"; return
  fi
  [ -f "$signing_key" ] || die "no signing key file $signing_key"
  staging=$(mktemp -d)
  cp -R "$pack" "$staging/rules"
  pack="$staging/rules"
  rm -f "$pack/pack.manifest" "$pack/pack.sig"
  "$source/bin/phisentry" rules sign "$pack" --key "$signing_key" >/dev/null ||
    die "could not sign the rule pack with $signing_key"
  verify_pack "$source" "$pack"
}

# A host that trusts a key refuses to start on a pack no trusted key signed: never install one. The
# keys are the chosen ones, else those the installation already trusts; with neither, nothing to check.
verify_pack() {
  local source=$1 pack=$2 args=() key output
  for key in ${trusted_keys[@]+"${trusted_keys[@]}"}; do args+=(--key "$key"); done
  if [ ${#args[@]} -eq 0 ]; then
    for key in "$destdir$prefix/share/phisentry/trusted-keys/"*.pub; do [ -f "$key" ] && args+=(--key "$key"); done
  fi
  [ ${#args[@]} -gt 0 ] || return 0
  output=$("$source/bin/phisentry" rules verify "$pack" "${args[@]}" 2>&1) || {
    printf '%s\n' "$output" >&2
    die "the rule pack is not signed by a key this installation trusts; pass --signing-key (rules/SIGNING.md)"
  }
}

# The installed trusted-keys/ holds exactly the chosen keys, so a key dropped at rotation stops being trusted.
install_trusted_keys() {
  [ ${#trusted_keys[@]} -gt 0 ] || return 0
  local dir="$prefix/share/phisentry/trusted-keys" key installed name
  for installed in "$destdir$dir/"*.pub; do
    [ -f "$installed" ] || continue
    name=$(basename "$installed")
    for key in "${trusted_keys[@]}"; do [ "$(basename "$key")" = "$name" ] && continue 2; done
    rm -f "$installed"
    say removed "key       $dir/$name"
  done
  for key in "${trusted_keys[@]}"; do install_file "$key" "$dir/$(basename "$key")" 644 "key      "; done
}

default_policy() {
  if [ -f "$SCRIPT_DIR/policy/policy.json" ]; then echo "$SCRIPT_DIR/policy/policy.json"
  else die "missing $SCRIPT_DIR/policy/policy.json"; fi
}

# An administrator's edited policy is never overwritten.
install_policy() {
  local dest; dest=$(policy_file)
  if [ "$mode" = user ]; then
    say using "policy    $dest if IT put one there, the managed browser policy, else the defaults"; return
  fi
  if [ -e "$destdir$dest" ]; then say kept "policy    $dest"; return; fi
  install_file "$(default_policy)" "$dest" 644 "policy   "
}

do_install() {
  local source host browser found=0 profile
  source=${from:-$(default_source)}
  source=$(cd "$source" && pwd)
  [ -x "$source/bin/phisentry" ] || die "no executable $source/bin/phisentry"
  [ -x "$source/bin/phisentry-sweep" ] || die "no executable $source/bin/phisentry-sweep"
  [ -d "$source/share/phisentry/rules" ] || die "no rule pack in $source/share/phisentry/rules"
  host="$prefix/bin/phisentry"
  case "$host" in *[\"\\\|\&]*) die "the host path may not contain \", \\, | or &: $host" ;; esac
  load_ids "$source"
  [ "$quiet" = 1 ] || echo "PHI Sentry: installing for the $mode into $prefix"
  copy_host "$source"
  install_policy
  for browser in $(selected_browsers); do
    register "$browser" "$(manifest_dir "$browser")" "$host"; found=1
  done
  for profile in ${profile_dirs[@]+"${profile_dirs[@]}"}; do
    register chromium "$(absolute "$profile")/NativeMessagingHosts" "$host" profile; found=1
  done
  report_skipped
  [ "$found" = 1 ] || warn "no browser found: nothing registered (use --browsers or --profile-dir)"
  [ "$quiet" = 1 ] || echo "Done. Check it with: $host doctor${profile_dirs[0]:+ --profile-dir ${profile_dirs[0]}}"
}

report_skipped() {
  [ -z "$browsers" ] || return 0
  local browser
  for browser in $ALL_BROWSERS; do
    browser_found "$browser" || say skipped "$browser (not found; --browsers $browser registers it anyway)"
  done
}

# --- uninstall --------------------------------------------------------------------------------------

unregister() {
  local dir=$destdir$1 label=$2 host=$3 file
  file="$dir/$HOST_NAME.json"
  [ -e "$file" ] || return 0
  if [ "$(manifest_host "$file")" != "$host" ]; then
    say kept "$label $1/$HOST_NAME.json (it is for $(manifest_host "$file"), not $host)"; return
  fi
  rm -f "$file"
  # Empty folders left behind are ours (a browser's own folder is never empty): a profile keeps its own.
  if rmdir "$dir" 2>/dev/null && [ "$label" != "profile  " ]; then rmdir "$(dirname "$dir")" 2>/dev/null || true; fi
  say removed "$label $1/$HOST_NAME.json"
}

remove_path() {
  local path=$1 label=$2
  [ -e "$destdir$path" ] || return 0
  rm -rf "$destdir$path"
  say removed "$label $path"
}

# The machine policy goes only if it is still the default this installation put there.
uninstall_policy() {
  local policy template="$destdir$prefix/share/phisentry/policy/policy.json"
  policy=$(policy_file)
  [ -f "$destdir$policy" ] || return 0
  if [ -f "$template" ] && cmp -s "$destdir$policy" "$template"; then
    remove_path "$policy" "policy   "
    rmdir "$destdir$(dirname "$policy")" 2>/dev/null || true
  else
    say kept "policy    $policy (edited)"
  fi
}

do_uninstall() {
  local host="$prefix/bin/phisentry" browser profile
  [ "$quiet" = 1 ] || echo "PHI Sentry: uninstalling for the $mode from $prefix"
  for browser in $ALL_BROWSERS; do unregister "$(manifest_dir "$browser")" "$(printf '%-9s' "$browser")" "$host"; done
  for profile in ${profile_dirs[@]+"${profile_dirs[@]}"}; do
    unregister "$(absolute "$profile")/NativeMessagingHosts" "profile  " "$host"
  done
  if [ "$mode" = system ]; then uninstall_policy; fi
  remove_path "$host" "host     "
  remove_path "$prefix/bin/phisentry-sweep" "sweep    "
  remove_path "$prefix/share/phisentry" "data     "
  [ "$quiet" = 1 ] || echo "Done. The audit trail, if any, is kept."
}

main() {
  parse_args "$@"
  if [ "$mode" = system ] && [ -z "$destdir" ] && [ "$(id -u)" != 0 ]; then
    die "--system needs root (sudo $0 --system), or use --user"
  fi
  if [ -z "$prefix" ]; then
    if [ "$mode" = system ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
  fi
  prefix=$(absolute "$prefix")
  if [ -n "$destdir" ]; then destdir=$(absolute "$destdir"); destdir=${destdir%/}; fi
  if [ "$uninstall" = 1 ]; then do_uninstall; else do_install; fi
}

main "$@"
