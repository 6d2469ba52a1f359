#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded time from a seed corpus that SEED_SCRIPT writes into a
# folder, and fails on any crash, leak, timeout or sanitizer report.
#   run_fuzz.sh FUZZER SEED_SCRIPT WORK_DIR SECONDS
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 seconds=$4
rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
"$seeds" "$work/corpus"
echo "seeds: $(ls "$work/corpus" | wc -l)"
"$fuzzer" "$work/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 2>"$work/log.txt" || {
  tail -n 60 "$work/log.txt"
  echo "FAIL: the fuzzer found a crash; reproduce with: $fuzzer $work/artifacts/<file>"
  exit 1
}
grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$work/log.txt" | tail -n 3
echo "PASS: no crash in ${seconds} s"
