#!/usr/bin/env bash
# Installs everything the build and the tests need, from Debian packages, Debian source packages
# and npm. Idempotent: every step checks first and skips what is already present.
#
#   scripts/setup.sh            all of it
#   ELDER_CACHE=/path           where source packages and the SDL2 WebAssembly build are cached
#                               (default ~/.cache/elder-community; outside the clone, keyed by version)
#   ELDER_NO_CACHE=1            do not reuse the cache: build everything under build/deps instead
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib.sh"

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config dpkg-dev ca-certificates clang libclang-rt-14-dev
  emscripten binaryen
  libsdl2-dev libgles-dev libegl-dev
  nlohmann-json3-dev libstb-dev catch2
  libboost-dev libsqlite3-dev zlib1g-dev libpugixml-dev libssl-dev openssl libcurl4-openssl-dev libespeak-ng-dev libsodium-dev
  postgresql-15 libpq-dev haproxy
  fonts-wqy-microhei fonts-noto-cjk fonts-babelstone-han unicode-data python3-fonttools brotli
  xvfb xauth xdotool libgl1-mesa-dri time wrk zbar-tools valgrind sox sqlite3 tesseract-ocr tesseract-ocr-chi-sim
  chromium firefox-esr
)

install_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "apt: all ${#APT_PACKAGES[@]} packages present"; return; fi
  log "apt: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# deb-src is off on a new machine; sid carries the Dear ImGui 1.92.x that the UI needs.
enable_deb_src() {
  local f=/etc/apt/sources.list.d/elder-community-src.sources
  if [ -f "$f" ]; then return; fi
  log "apt: enabling deb-src for bookworm and sid"
  as_root tee "$f" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  as_root apt-get update -qq
}

# Unpacks the upstream tarball of a Debian source package into $CACHE/src/NAME-VERSION.
# $1 package, $2 suite ("sid" or "bookworm"), $3 the upstream version series the code is written
# for (a prefix such as "1.92."), $4 variable to receive the unpacked folder.
fetch_source_package() {
  local pkg=$1 suite=$2 series=$3 __out=$4
  local marker="$CACHE/src/$pkg-$suite.path"
  if [ -f "$marker" ] && [ -d "$(cat "$marker")" ]; then
    printf -v "$__out" '%s' "$(cat "$marker")"; return
  fi
  enable_deb_src
  local tmp; tmp=$(mktemp -d)
  log "source: apt-get source $pkg/$suite"
  # Downloading as root into a private folder: apt's _apt sandbox user could not write there.
  # Only the upstream tarball is used; a mirror that lacks the Debian packaging part is fine.
  (cd "$tmp" && apt-get source -o APT::Sandbox::User=root --download-only -qq "$pkg/$suite" >/dev/null 2>"$tmp/apt.log") || true
  local orig; orig=$(ls "$tmp"/*.orig.tar.* 2>/dev/null | head -n1)
  [ -n "$orig" ] || { cat "$tmp/apt.log" >&2; rm -rf "$tmp"; die "apt-get source $pkg/$suite did not deliver the upstream tarball"; }
  local version; version=$(basename "$orig" | sed -E "s/^${pkg}_(.*)\.orig\.tar\..*/\1/")
  case "$version" in
    "$series"*) ;;
    *) rm -rf "$tmp"; die "$pkg/$suite is now $version; the project is written for $series*. Update the code or pin the version." ;;
  esac
  local dest="$CACHE/src/$pkg-$version"
  rm -rf "$dest"; mkdir -p "$dest"
  tar -xf "$orig" -C "$dest" --strip-components=1
  rm -rf "$tmp"
  echo "$dest" > "$marker"
  printf -v "$__out" '%s' "$dest"
}

# SDL2 for WebAssembly: configure alone takes ~5 minutes (every check runs emcc), so the install
# tree is cached by SDL version and reused by every later build and CI run.
build_sdl2_wasm() {
  local src=$1 version; version=$(basename "$src" | sed 's/^libsdl2-//')
  local prefix="$CACHE/sdl2-wasm-$version"
  if [ -f "$prefix/lib/libSDL2.a" ]; then log "sdl2-wasm: cached at $prefix"; echo "$prefix" > "$CACHE/sdl2-wasm.path"; return; fi
  log "sdl2-wasm: building $version (about 7 minutes on 2 cores)"
  local build="$CACHE/build/sdl2-wasm-$version"
  rm -rf "$build"; mkdir -p "$build"
  export EM_CONFIG="$ROOT/emsdk.cfg" NODE_PATH=/usr/share/nodejs ELDER_EM_CACHE="$CACHE/emscripten-cache"
  emcmake cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >"$build/configure.log" 2>&1 \
    || { tail -n 40 "$build/configure.log"; die "SDL2 WebAssembly configure failed (log: $build/configure.log)"; }
  cmake --build "$build" >"$build/build.log" 2>&1 || { tail -n 40 "$build/build.log"; die "SDL2 WebAssembly build failed"; }
  cmake --install "$build" >/dev/null
  rm -rf "$build"
  echo "$prefix" > "$CACHE/sdl2-wasm.path"
}

# npm packages (build: pinyin-pro; tests: playwright-core, redocly, ajv), reinstalled whenever
# package-lock.json changes.
install_npm_packages() {
  local stamp="$ROOT/node_modules/.elder-lock.sha256" want
  want=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then log "npm: packages present"; return; fi
  log "npm: installing from package-lock.json"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

main() {
  install_apt_packages
  local imgui sdl qrcodegen
  fetch_source_package imgui sid 1.92. imgui  # 1.92: input queue and dynamic font atlas
  fetch_source_package qr-code-generator bookworm 1.8. qrcodegen  # QR codes, the same source for both targets
  fetch_source_package libsdl2 bookworm 2. sdl
  build_sdl2_wasm "$sdl"
  install_npm_packages
  # The one place CMake learns where the source-built dependencies are (both presets read it).
  mkdir -p "$ROOT/build"
  cat > "$ROOT/build/deps.cmake" <<DEPS
set(ELDER_IMGUI_DIR "$imgui")
set(ELDER_QRCODEGEN_DIR "$qrcodegen")
set(ELDER_SDL2_WASM_DIR "$(cat "$CACHE/sdl2-wasm.path")")
DEPS
  log "setup done: imgui $(basename "$imgui"), $(basename "$(cat "$CACHE/sdl2-wasm.path")")"
}

main "$@"
