#!/usr/bin/env bash
# The whole test suite: unit, integration, golden and property tests, the real espeak-ng and
# Piper backends, playback through an ALSA file device and ffprobe round trips; then the
# system-voice feature's tests, and a check that the library and `build` compile without playback.
# Run `scripts/setup.sh` first on a new machine.
set -euo pipefail
cd "$(dirname "$0")/.."
# A test that cannot do its check fails with the reason; none is skipped quietly. Ignored tests,
# if any, are listed here with the reason written beside them.
ignored=$(grep -rn -A1 '#\[ignore' src tests || true)
echo "test.sh: ignored tests: ${ignored:-none}"
cargo test --all-targets "$@"
cargo test --features system-voice --test system_voice "$@"
cargo check --no-default-features --all-targets
