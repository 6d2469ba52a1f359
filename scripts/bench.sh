#!/usr/bin/env bash
# The benchmarks (tests/bench/*.mjs), each against a baseline measured in the same run; figures go
# to docs/PERFORMANCE.md with the command that printed them. Installs and builds first, like the
# other two commands. Output is also kept in build/bench/NAME.txt.
#   scripts/bench.sh                 every benchmark (about 15 minutes)
#   scripts/bench.sh hostile_load    one, by name; arguments after -- go to it
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
names=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do names+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#names[@]} -eq 0 ] && names=(startup server_bench hostile_load cap_nesting alert_latency ui_bench)
mkdir -p build/bench
status=0
for name in "${names[@]}"; do
  [ -f "tests/bench/$name.mjs" ] || { echo "no benchmark tests/bench/$name.mjs" >&2; exit 2; }
  echo "[bench.sh] node tests/bench/$name.mjs $*" >&2
  node "tests/bench/$name.mjs" "$@" 2>&1 | tee "build/bench/$name.txt" || status=1
done
exit $status
