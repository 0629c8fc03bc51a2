#!/usr/bin/env bash
# Word timings measured against speech recognition: builds the shared sample with a voice
# (default joe) and compares its NAME.words.json with the word times faster-whisper finds in the
# audio (../shared/tools/asr/word_times.py: words aligned, median and 90th percentile of the
# start differences). For scale it scores the same words spread over each sentence by length.
#   bash scripts/word_timing.sh [VOICE]
# Needs the ASR tool's environment: `bash ../shared/tools/asr/setup.sh` (VENV=... to place it).
set -euo pipefail
cd "$(dirname "$0")/.."
voice="${1:-joe}"
asr=../shared/tools/asr
python="${ASR_PYTHON:-$asr/venv/bin/python}"
out=target/word-timing
cargo build --release --quiet
rm -rf "$out"
target/release/voxpress build ../shared/corpus/mali-solidarity.txt --voice "$voice" --out "$out" -q
stem="$out/mali-solidarity"
python3 - "$stem" <<'PY'
import json, sys
stem = sys.argv[1]
words = json.load(open(stem + ".words.json"))["words"]
script = json.load(open(stem + ".script.json"))
spans = {}
for c in script["chunks"]:
    s = spans.setdefault(c["sentence"], [c["start"], c["end"]])
    s[1] = c["end"]
by_sentence = {}
for w in words:
    by_sentence.setdefault(w["sentence"], []).append(w)
spread = []
for sentence, ws in by_sentence.items():
    start, end = spans[sentence]
    total = sum(len(w["text"]) + 1 for w in ws)
    at = start
    for w in ws:
        share = (end - start) * (len(w["text"]) + 1) / total
        spread.append({"text": w["text"], "start": at, "end": at + share})
        at += share
json.dump({"words": spread}, open(stem + ".spread.json", "w"))
PY
echo "voice $voice, from the voice:  $("$python" "$asr/word_times.py" "$stem.wav" "$stem.words.json")"
echo "voice $voice, spread by length: $("$python" "$asr/word_times.py" "$stem.wav" "$stem.spread.json")"
