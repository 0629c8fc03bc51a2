#!/usr/bin/env bash
# Benchmarks (criterion): each stage on the shared sample, and a whole espeak build of it.
# Prints the mean times and the build's speed as a multiple of real time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench pipeline -- --noplot 2>&1 | tee target/bench.log | grep -E "^[a-z].*|time:" 
audio=$(cargo run -q --release -- build ../shared/corpus/mali-solidarity.txt --voice espeak --out target/bench-out | sed -E 's/.*: ([0-9.]+) s of audio.*/\1/')
build=$(grep -A1 "espeak build of the shared sample" target/bench.log | grep -oE "time: +\[[^]]+\]" | awk '{print $4, $5}')
echo "audio length: ${audio} s; espeak build mean: ${build}"
