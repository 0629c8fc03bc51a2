# Sourced by the scripts that listen through the offline ASR tool (listening.sh, brief_wer.sh):
# moves to the project root and sets BIN (VOXPRESS, else target/release/voxpress, built if
# missing), ASR_TOOL (../shared/tools/asr) and ASR_VENV (the tool's venv, made if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN="${VOXPRESS:-target/release/voxpress}"
[ -x "$BIN" ] || cargo build --release
ASR_VENV="${ASR_VENV:-$HOME/.cache/voxpress-asr-venv}"
ASR_TOOL=../shared/tools/asr
[ -x "$ASR_VENV/bin/python" ] || VENV="$ASR_VENV" bash "$ASR_TOOL/setup.sh"
