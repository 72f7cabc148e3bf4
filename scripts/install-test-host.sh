#!/usr/bin/env bash
# Installs MedWrite's test host: a real VS Code (server + web workbench + Node extension host, from the
# npm package code-server@4.100.3 = VS Code 1.100.3) and the playwright-core driver for Debian's Chromium.
# They live in test/host/ with their own package.json + lock, so a writer's `npm install` stays small.
#
# Idempotent: when the Debian packages are present and test/host/node_modules carries a marker that
# matches the current lock file, it exits at once. Usage: bash scripts/install-test-host.sh [--force]
#
# Works offline except for the npm registry and Debian apt (see shared notes vscode-test-host.md):
# - apt: chromium (the window), libkrb5-dev (headers for VS Code's `kerberos` native module),
#   ripgrep (stands in for @vscode/ripgrep's GitHub download).
# - npm_config_unsafe_perm=true: code-server's postinstall refuses to run as root without it.
# - npm_config_yes=true: node-pty's postinstall runs `npx node-gyp`; this machine's npmrc sets yes=false.
# - install scripts: npm 11 prints "install scripts not yet covered by allowScripts" but still runs them
#   (it blocks only entries set to false, or everything under strict-allow-scripts). test/host/package.json
#   approves code-server and argon2 in its `allowScripts` field (npm's supported per-project allow-list,
#   written by `npm install-scripts approve --all`), so they keep running if npm's default tightens.
#   We never pass --ignore-scripts, and after install we check that the native modules were really built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST="$ROOT/test/host"
MARKER="$HOST/node_modules/.medwrite-host-installed"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

log() { printf '[install-test-host] %s\n' "$*" >&2; }

# ---- 1. Debian packages (only when one is missing) ------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev ripgrep; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      log "missing Debian packages: ${missing[*]} and not root (no sudo). Install them: apt-get install -y chromium libkrb5-dev ripgrep"
      exit 1
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium libkrb5-dev ripgrep >&2
fi

# ---- 2. Fast path: already installed for this lock file -----------------------------------------
lock_sum="$(cat "$HOST/package.json" "$HOST/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [ "$FORCE" = 0 ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$lock_sum" ]; then
  log "test host already installed (test/host/node_modules, lock unchanged)"
  exit 0
fi

# ---- 3. ripgrep cache: @vscode/ripgrep's postinstall looks here before downloading from GitHub ----
TMP_BASE="${TMPDIR:-/tmp}"
RG_CACHE="$TMP_BASE/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TAR" ]; then
  rg_bin="$(command -v rg || true)"
  [ -n "$rg_bin" ] || { log "ripgrep (rg) not found after apt install"; exit 1; }
  mkdir -p "$RG_CACHE"
  stage="$(mktemp -d)"
  cp "$rg_bin" "$stage/rg"
  tar -czf "$RG_TAR.tmp" -C "$stage" rg && mv "$RG_TAR.tmp" "$RG_TAR"
  rm -rf "$stage"
  log "seeded ripgrep cache $RG_TAR from $rg_bin"
fi

# ---- 4. npm ci in test/host --------------------------------------------------------------------
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
unset npm_config_ignore_scripts || true
cd "$HOST"
log "npm ci in test/host (code-server@4.100.3 + playwright-core; ~1 min, ~320 MB)"
start=$(date +%s)
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts=false >&2
else
  npm install --no-audit --no-fund --ignore-scripts=false >&2
fi

# ---- 5. Verify the install scripts really ran (native modules built, rg in place) --------------
VS="$HOST/node_modules/code-server/lib/vscode"
need=(
  "$HOST/node_modules/code-server/out/node/entry.js"
  "$VS/node_modules/node-pty/build/Release/pty.node"
  "$VS/node_modules/kerberos/build/Release/kerberos.node"
  "$VS/node_modules/@vscode/ripgrep/bin/rg"
  "$HOST/node_modules/playwright-core/package.json"
)
for f in "${need[@]}"; do
  if [ ! -e "$f" ]; then
    log "install incomplete: $f is missing (were install scripts skipped? check npm's allowScripts / ignore-scripts)"
    exit 1
  fi
done
ls "$HOST"/node_modules/argon2/lib/binding/*/argon2.node >/dev/null 2>&1 || { log "argon2 native module missing"; exit 1; }

echo "$lock_sum" > "$MARKER"
log "test host installed in $(( $(date +%s) - start )) s"
