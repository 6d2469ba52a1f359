#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded time from a seed corpus made of the API fixtures (each
# fixture once per decoder byte), and fails on any crash, leak or sanitizer report.
#   run_fuzz.sh FUZZER FIXTURE_DIR WORK_DIR SECONDS
set -euo pipefail
fuzzer=$1 fixtures=$2 work=$3 seconds=$4
rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
i=0
for f in "$fixtures"/*.json; do
  for selector in $(seq 0 14); do
    { printf "\\x$(printf %02x "$selector")"; cat "$f"; } > "$work/corpus/seed-$i-$selector"
  done
  i=$((i + 1))
done
"$fuzzer" "$work/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 2>"$work/log.txt" || {
  tail -n 40 "$work/log.txt"
  echo "FAIL: the fuzzer found a crash; reproduce with: $fuzzer $work/artifacts/<file>"
  exit 1
}
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log.txt"
echo "PASS: no crash in ${seconds} s"
