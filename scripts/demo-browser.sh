#!/usr/bin/env bash
# Opens a page in Debian's Chromium as the demo's kiosk window (scripts/run.sh): an app window with
# no infobars, no first-run or default-browser prompts and no offer to translate, on a machine with
# or without a GPU. Further arguments go to Chromium (a test adds --remote-debugging-port=0).
#   scripts/demo-browser.sh URL [CHROMIUM_FLAG...]
#   CHROMIUM_PROFILE=DIR   the profile folder (default: build/chromium-profile)
#
# --test-type: Chromium shows an "unsupported command-line flag" bar for --no-sandbox (needed as
# root) and --enable-unsafe-swiftshader; this switch, the one its own test drivers use, hides it.
# --enable-unsafe-swiftshader: where the GPU is missing or blocklisted (a desktop or VM without one,
# Mesa's llvmpipe), Chromium turns WebGL off; this lets it fall back to SwiftShader, its software
# renderer. Where a usable GPU exists Chromium still uses it, so nothing has to detect a GPU here
# (--use-angle=swiftshader, which the headless tests pass, would force software rendering always).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
url=${1:?usage: scripts/demo-browser.sh URL [CHROMIUM_FLAG...]}
shift
args=(--user-data-dir="${CHROMIUM_PROFILE:-$ROOT/build/chromium-profile}" --no-first-run --no-default-browser-check
  --disable-background-networking --test-type --disable-features=Translate --lang=zh-CN --enable-unsafe-swiftshader)
[ "$(id -u)" -eq 0 ] && args+=(--no-sandbox)  # Chromium refuses to run as root otherwise
exec chromium "${args[@]}" "$@" --app="$url"
