#!/usr/bin/env bash
# Builds the Mini App's page (miniapp/, an npm package: Leaflet bundled by esbuild) into
# src/neighborshare/entrypoints/miniapp/static/, which the bot's HTTP app serves under /miniapp/.
# The packages come from the npm registry as miniapp/package-lock.json pins them; nothing of the
# page is loaded from a CDN at run time. Run by scripts/test and by the setup (docs/miniapp.md).
set -euo pipefail
cd "$(dirname "$0")/../miniapp"

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v npm >/dev/null 2>&1; then
  log "installing Node.js and npm (Debian)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq nodejs npm >/dev/null
fi

# a fresh clone, or a lock file newer than what was installed: install exactly what it pins
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing the Mini App's npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

log "building the Mini App"
npm run --silent build
