#!/usr/bin/env bash
# The benchmarks (every tests/bench/*.mjs), each against a baseline measured in the same run, then one
# table of every figure: goal, measured, baseline, ratio. Figures go to docs/PERFORMANCE.md with the
# command that printed them. Installs and builds first, like the other two commands. Output is also
# kept in build/bench/NAME.txt (log) and NAME.json (figures). Not part of CI. Exits 1 if a benchmark
# failed or a goal was missed.
#   scripts/bench.sh                 every benchmark (about 20 minutes)
#   scripts/bench.sh hostile_load    one, by name; arguments after -- go to it
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
names=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do names+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
if [ ${#names[@]} -eq 0 ]; then
  for file in tests/bench/*.mjs; do
    name=$(basename "$file" .mjs)
    case "$name" in figures|raw_streams) ;; *) names+=("$name") ;; esac  # the table and a helper, not benchmarks
  done
fi
mkdir -p build/bench
status=0
tables=()
for name in "${names[@]}"; do
  [ -f "tests/bench/$name.mjs" ] || { echo "no benchmark tests/bench/$name.mjs" >&2; exit 2; }
  echo "[bench.sh] node tests/bench/$name.mjs $*" >&2
  rm -f "build/bench/$name.json"
  node "tests/bench/$name.mjs" "$@" 2>&1 | tee "build/bench/$name.txt" || status=1
  if [ -f "build/bench/$name.json" ]; then tables+=("build/bench/$name.json"); else
    echo "[bench.sh] $name reported no figures" >&2; status=1; fi
done
echo >&2
[ ${#tables[@]} -eq 0 ] || node tests/bench/figures.mjs table "${tables[@]}" || status=1
exit $status
