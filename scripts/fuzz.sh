#!/usr/bin/env bash
# Fuzzes the normalizer with cargo fuzz (libFuzzer) for SECONDS (default 60), seeded with the
# written side of every golden normalization case. Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
corpus=fuzz/corpus/normalize
mkdir -p "$corpus"
n=0
grep -hv '^#' tests/golden/normalize/*.tsv | cut -f1 | while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" > "$corpus/golden-$n"
done
cargo +nightly fuzz run normalize "$corpus" -- -max_total_time="$seconds" -max_len=512
