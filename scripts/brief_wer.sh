#!/usr/bin/env bash
# The normalizer against a hand-normalized reading, heard: a number-dense business brief
# (scripts/conformance/brief/business-brief.txt) and the same text as a careful narrator says it,
# written out by hand (business-brief.spoken.txt), are each built by joe, af_heart and bf_emma
# ($VOICES) and transcribed by the
# offline ASR tool in ../shared/tools/asr. Both transcripts are scored against the hand-normalized
# words, so the difference is what the normalizer costs a listener (target: within 1.5 points).
#
# usage: bash scripts/brief_wer.sh      (ASR_VENV: the ASR tool's venv, made if missing;
#                                        VOXPRESS: the binary, else target/release/voxpress)
source "$(dirname "$0")/asr_env.sh"
BRIEF=scripts/conformance/brief
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp "$BRIEF/business-brief.txt" "$WORK/written.txt"
cp "$BRIEF/business-brief.spoken.txt" "$WORK/spoken.txt"
VOICES="${VOICES:-joe af_heart bf_emma}"
for voice in $VOICES; do
  for side in written spoken; do
    "$BIN" build "$WORK/$side.txt" --voice "$voice" --out "$WORK/$voice/$side" --cache "$WORK/cache" -q
  done
done
"$BIN" normalize < "$BRIEF/business-brief.txt" > "$WORK/normalized.txt"
"$ASR_VENV/bin/python" - "$WORK" "$ASR_TOOL/wer.py" "$BRIEF/business-brief.spoken.txt" $VOICES <<'PY'
import difflib, json, re, subprocess, sys
work, wer_py, reference = sys.argv[1:4]
voices = sys.argv[4:]
# What the normalizer says against the hand-normalized words, before any voice or ASR.
words = lambda path: re.findall(r"[a-z0-9']+", open(path).read().lower())
hand, ours = words(reference), words(f"{work}/normalized.txt")
matcher = difflib.SequenceMatcher(a=hand, b=ours, autojunk=False)
differing = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
print(f"voxpress normalize differs from the hand reading in {differing} of {len(hand)} words")
for op, i1, i2, j1, j2 in matcher.get_opcodes():
    if op != "equal":
        print(f"  hand {' '.join(hand[i1:i2])!r}  voxpress {' '.join(ours[j1:j2])!r}")
for voice in voices:
    wers = {}
    for side, label in [("spoken", "hand-normalized"), ("written", "voxpress normalize")]:
        out = subprocess.run([sys.executable, wer_py, f"{work}/{voice}/{side}/{side}.wav", reference, "--json"],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
        wers[label] = result["wer"] * 100
        print(f"{voice:<9} {label:<20} WER {wers[label]:5.1f}%  ({result['ref_words']} words)")
    gap = wers["voxpress normalize"] - wers["hand-normalized"]
    print(f"{voice:<9} voxpress against hand-normalized: {gap:+.1f} points (target: at most +1.5)")
PY
