#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, builds both targets, and runs
# every test (unit, headless UI, TV under Xvfb, kiosk in Chromium) through ctest.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
start=$(date +%s)
bash scripts/setup.sh
bash scripts/build.sh
ctest --preset native "$@"
echo "[test.sh] done in $(( $(date +%s) - start )) s; screenshots in build/native/test-output/" >&2
