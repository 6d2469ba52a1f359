# Shared shell helpers for the project's scripts. Sourced, not run.
log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ -n "${ELDER_NO_CACHE:-}" ]; then
  CACHE="$ROOT/build/deps"
else
  CACHE="${ELDER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/elder-community}"
fi
mkdir -p "$CACHE/src"
export ELDER_CACHE_DIR="$CACHE"
