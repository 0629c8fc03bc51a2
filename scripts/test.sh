#!/usr/bin/env bash
# The whole test suite: unit, integration, golden and property tests, plus the real espeak-ng
# backend and ffprobe round trips. Run `scripts/setup.sh` first on a new machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets "$@"
