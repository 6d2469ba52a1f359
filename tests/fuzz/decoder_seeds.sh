#!/usr/bin/env bash
# Seeds for fuzz_decoders: each API fixture once per decoder (the first byte picks the decoder).
#   decoder_seeds.sh CORPUS_DIR
set -euo pipefail
out=$1 fixtures="$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures/api" && pwd)"
i=0
for f in "$fixtures"/*.json; do
  for selector in $(seq 0 18); do
    { printf "\\x$(printf %02x "$selector")"; cat "$f"; } > "$out/seed-$i-$selector"
  done
  i=$((i + 1))
done
