#!/usr/bin/env bash
# Builds both targets: the native preset (TV app, tests) and the wasm preset (kiosk site).
# Assumes scripts/setup.sh has run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export EM_CONFIG="$ROOT/emsdk.cfg" NODE_PATH=/usr/share/nodejs
for preset in native wasm; do
  echo "[build.sh] $preset" >&2
  cmake --preset "$preset" >build/configure-$preset.log 2>&1 || { cat build/configure-$preset.log; exit 1; }
  cmake --build --preset "$preset"
done
