#!/usr/bin/env bash
# Fuzzes with cargo fuzz (libFuzzer) for SECONDS each (default 60): the normalizer, seeded with the
# written side of every golden normalization case, and ingest (plain, Markdown and HTML into a
# script, and any bytes as an EPUB), seeded with the ingest fixtures. Needs cargo-fuzz
# (`cargo install cargo-fuzz`) and a nightly toolchain; without nightly, the stable compiler is
# told to allow the nightly flags cargo-fuzz passes (RUSTC_BOOTSTRAP=1). CI runs it for 60 s each.
# Usage: scripts/fuzz.sh [SECONDS] [normalize|ingest]...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ $# -eq 0 ] && targets=(normalize ingest)
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  case $target in
    normalize)
      n=0
      grep -hv '^#' tests/golden/normalize/*.tsv | cut -f1 | while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" > "$corpus/golden-$n"
      done
      max_len=512
      ;;
    ingest)
      cp tests/fixtures/ingest/* tests/fixtures/html/* "$corpus/"
      (cd tests/fixtures/epub/a_small_book && zip -q -X -r "$OLDPWD/$corpus/a_small_book.epub" mimetype META-INF OEBPS) || true
      max_len=4096
      ;;
    *) echo "unknown fuzz target: $target (normalize or ingest)" >&2; exit 2 ;;
  esac
  if rustup run nightly rustc --version >/dev/null 2>&1; then
    cargo +nightly fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -max_len="$max_len"
  else
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -max_len="$max_len"
  fi
done
