#!/usr/bin/env bash
# Seeds for fuzz_decoders: each API fixture once per decoder (the first byte picks the decoder).
#   decoder_seeds.sh CORPUS_DIR
set -euo pipefail
out=$1 fixtures="$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures/api" && pwd)"
i=0
for f in "$fixtures"/*.json; do
  for selector in $(seq 0 18) 20 21; do
    { printf "\\x$(printf %02x "$selector")"; cat "$f"; } > "$out/seed-$i-$selector"
  done
  i=$((i + 1))
done
# The font index reader (selector 19): an index as the build writes it.
printf '\x13{"base":"elder-cjk.ttf","tiers":[{"file":"elder-cjk-rare.ttf","ranges":[[13312,19903],[131072,173791]],"bytes":5,"fnv1a64":"a430d84680aabd0b"}]}' > "$out/seed-font-index"
# Receipt answers (20) and the stream's "confirmed" (21), as the server sends them.
printf '\x14{"alert_id":3,"household_confirmed":true}' > "$out/seed-receipt"
printf '\x15{"alert_id":3}' > "$out/seed-confirmed"
printf '\x16{"enrolled":true,"day":"2026-11-26","deadline":"10:00","away_today":false,"checked_in_at":null}' > "$out/seed-check-in"
