#!/usr/bin/env bash
# The listener's figures, from one run: the shared sample built by joe at speaking rates 1, 1.5
# and 2 (length against the rate-1 build, pauses included) and transcribed by the offline ASR
# tool in ../shared/tools/asr (word error rate against what the script says), and by the Kokoro
# voices af_heart and bf_emma at rate 1 (the same word error rate, beside joe's); then the rate-1
# build's chapter 2 played at --speed 2 through ALSA's file device (delivered length against the
# chapter's, and pitch by autocorrelation against the original's).
#
# usage: bash scripts/listening.sh      (ASR_VENV: the ASR tool's venv, made if missing;
#                                        VOXPRESS: the binary, else target/release/voxpress)
source "$(dirname "$0")/asr_env.sh"
SAMPLE=../shared/corpus/mali-solidarity.txt
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for rate in 1 1.5 2; do
  "$BIN" build "$SAMPLE" --voice joe --rate "$rate" --out "$WORK/rate-$rate" --cache "$WORK/cache" -q
done
# The Kokoro voices beside joe: af_heart (the default) and a British one.
for voice in af_heart bf_emma; do
  "$BIN" build "$SAMPLE" --voice "$voice" --out "$WORK/voice-$voice" --cache "$WORK/cache" -q
done
# Chapter 2 at double speed, captured by ALSA's file device.
mkdir -p "$WORK/home"
cat > "$WORK/home/.asoundrc" <<ALSA
pcm.!default { type plug
  slave { pcm "capture"
    format S16_LE } }
pcm.capture { type file
  slave.pcm "null"
  file "$WORK/home/played.wav"
  format "wav" }
ALSA
HOME="$WORK/home" XDG_STATE_HOME="$WORK/state" "$BIN" play "$WORK/rate-1/mali-solidarity.wav" \
  --chapter 2 --speed 2 < /dev/null 2> /dev/null
"$ASR_VENV/bin/python" - "$WORK" "$ASR_TOOL/wer.py" <<'PY'
import json, subprocess, sys, wave
import numpy as np
work, wer_py = sys.argv[1], sys.argv[2]

def samples(path):
    with wave.open(path) as w:
        return w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(float)

def pitch(x, rate):
    """Median fundamental frequency of the voiced 40 ms frames (every 20 ms), by normalized
    autocorrelation: the first lag within 85% of the highest peak in 60-400 Hz, so a period's
    multiples (an octave down) are not taken for it."""
    n = int(0.04 * rate)
    lo, hi = int(rate / 400), int(rate / 60)
    loud = np.percentile(np.abs(x), 90) * 0.3
    found = []
    for start in range(0, len(x) - n, n // 2):
        f = x[start:start + n]
        if np.sqrt(np.mean(f * f)) < loud:
            continue
        f = f - f.mean()
        c = np.correlate(f, f, "full")[n - 1:] / np.arange(n, 0, -1)
        peak = c[lo:hi].max()
        if peak < 0.5 * c[0]:
            continue
        lag = lo + int(np.argmax(c[lo:hi] > 0.85 * peak))
        while lag + 1 < hi and c[lag + 1] > c[lag]:
            lag += 1
        found.append(rate / lag)
    return float(np.median(found))

print("rate  length    of 1.0   WER (ASR on what the script says)")
base = None
wers = {}
for rate in ["1", "1.5", "2"]:
    d = f"{work}/rate-{rate}"
    script = json.load(open(f"{d}/mali-solidarity.script.json"))
    duration = script["duration"]
    base = base or duration
    text = " ".join(s["spoken"] for s in script["sentences"])
    open(f"{d}/said.txt", "w").write(text)
    out = subprocess.run([sys.executable, wer_py, f"{d}/mali-solidarity.wav", f"{d}/said.txt", "--json"],
                         capture_output=True, text=True, check=True)
    wer = json.loads(out.stdout)["wer"] * 100
    wers[rate] = wer
    print(f"{rate:<5} {duration:7.1f} s  {duration / base * 100:5.1f}%   {wer:5.1f}%")
print(f"WER against rate 1: 1.5 {wers['1.5'] - wers['1']:+.1f} points, 2 {wers['2'] - wers['1']:+.1f} points")

print("voice      WER at rate 1 (the shared sample)")
print(f"joe        {wers['1']:5.1f}%")
for voice in ["af_heart", "bf_emma"]:
    d = f"{work}/voice-{voice}"
    script = json.load(open(f"{d}/mali-solidarity.script.json"))
    open(f"{d}/said.txt", "w").write(" ".join(s["spoken"] for s in script["sentences"]))
    out = subprocess.run([sys.executable, wer_py, f"{d}/mali-solidarity.wav", f"{d}/said.txt", "--json"],
                         capture_output=True, text=True, check=True)
    print(f"{voice:<10} {json.loads(out.stdout)['wer'] * 100:5.1f}%")

script = json.load(open(f"{work}/rate-1/mali-solidarity.script.json"))
rate, whole = samples(f"{work}/rate-1/mali-solidarity.wav")
chapters = script["chapters"]
start = int(round(chapters[1]["start"] * rate))
end = int(round(chapters[2]["start"] * rate)) if len(chapters) > 2 else len(whole)
chapter = whole[start:end]
chapter = np.trim_zeros(chapter)
got_rate, got = samples(f"{work}/home/played.wav")
got = np.trim_zeros(got)
print(f"play --chapter 2 --speed 2: {len(got) / got_rate:.2f} s delivered of a {len(chapter) / rate:.2f} s chapter "
      f"({len(got) / got_rate / (len(chapter) / rate) * 100:.1f}%), pitch {pitch(got, got_rate):.0f} Hz "
      f"against {pitch(chapter, rate):.0f} Hz ({(pitch(got, got_rate) / pitch(chapter, rate) - 1) * 100:+.1f}%)")
PY
