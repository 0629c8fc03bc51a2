#!/usr/bin/env bash
# Benchmarks, in one run on this machine:
#  1. criterion: each stage on the shared sample, and a whole espeak build of it;
#  2. joe (Piper) builds of the shared sample in alternating rounds (scripts/rounds.py, 3 rounds
#     or $ROUNDS): cold, without mastering, unchanged rebuild, one-sentence edit, mastering and all
#     four formats from the cache, the reference Piper CLI (piper-tts from PyPI, same model, same
#     spoken text) and the model's own time (scripts/model_floor.py); each ratio the median of the
#     rounds' ratios with its spread. `scripts/bench.sh rounds` runs only this part. Then a
#     two-hour book (time, peak memory) and play's time to first audio.
#  3. Kokoro (af_heart) cold builds of the shared sample against the model's own calls on the
#     same runs (scripts/kokoro_floor.py), in rounds: the overhead (target <= 1.08) and the real-time
#     factor. `scripts/bench.sh kokoro` runs only this part.
#  4. `voxpress script` of inputs that must take linear time: a 10 MB line with no punctuation, a
#     10 MB book and a 200,000-character word, with time and peak memory against the input's size
#     (target: under 5 s, 5 s and 2 s; memory under 10 times the input). `scripts/bench.sh inputs`
#     runs only this part.
# Needs scripts/setup.sh first; installs piper-tts into target/bench-venv (not into the system).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q

inputs() {
  local dir
  dir=$(mktemp -d)
  python3 - "$dir" <<'PY'
import random, sys
random.seed(7)
words = "the council voted to approve a budget for roads and schools while residents waited".split()
def run(size):
    out, n = [], 0
    while n < size:
        w = random.choice(words); out.append(w); n += len(w) + 1
    return " ".join(out)
d = sys.argv[1]
open(f"{d}/line.txt", "w").write(run(10_000_000))
paragraphs, n = [], 0
while n < 10_000_000:
    p = " ".join(run(90).capitalize() + "." for _ in range(6)); paragraphs.append(p); n += len(p) + 2
open(f"{d}/book.txt", "w").write("A Book\n\n" + "\n\n".join(paragraphs) + "\n")
open(f"{d}/word.txt", "w").write("A word\n\nThe word " + "a" * 200_000 + " is long.\n")
open(f"{d}/tiny.txt", "w").write("A line\n\nOne short sentence.\n")
PY
  # What any run takes (the program, espeak-ng's data), to tell apart from what the input costs.
  /usr/bin/time -f "%e %M" -o "$dir/time" target/release/voxpress script "$dir/tiny.txt" \
    --voice espeak > /dev/null 2>&1
  read -r _ base_kb < "$dir/time"
  echo "script of a one-line article: peak ${base_kb} KB (the floor under every run)"
  for input in line book word; do
    /usr/bin/time -f "%e %M" -o "$dir/time" target/release/voxpress script "$dir/$input.txt" \
      --voice espeak > /dev/null 2>&1
    read -r secs kb < "$dir/time"
    bytes=$(stat -c %s "$dir/$input.txt")
    python3 -c "import sys; s,kb,b,base=float(sys.argv[2]),int(sys.argv[3]),int(sys.argv[4]),int(sys.argv[5]); print(f'script of {sys.argv[1]:5} ({b/1e6:5.1f} MB): {s:5.2f} s, peak {kb/1024:6.1f} MB = {kb*1024/b:5.1f}x the input ({(kb-base)*1024/b:4.1f}x above the floor)')" \
      "$input" "$secs" "$kb" "$bytes" "$base_kb"
  done
  rm -rf "$dir"
}
# 4. The shared sample built through one local `voxpress serve` (the remote engine, OpenAI's
#    protocol, WAV answers) against a local joe build, both cold, in one run: the protocol's
#    overhead (target: at most 10% more wall time). `scripts/bench.sh serve` runs only this part.
serve_bench() {
  local dir bin=target/release/voxpress
  dir=$(mktemp -d)
  cp ../shared/corpus/mali-solidarity.txt "$dir/a.txt"
  "$bin" serve --port 0 --voice joe -j 2 --idle-exit 600 > "$dir/serve.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do grep -q listening "$dir/serve.log" && break; sleep 0.1; done
  local url
  url=$(grep -o 'http://[0-9.:]*' "$dir/serve.log")
  mkdir -p "$dir/voices"
  printf 'engine = "remote"\nprotocol = "openai"\nendpoints = ["%s"]\nvoice = "joe"\nsample_rate = 22050\nmax_in_flight = 2\n' \
    "$url" > "$dir/voices/served.toml"
  # A warm-up request, so the server's model is loaded as a local build's is at its start.
  curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d '{"input": "Ready.", "response_format": "wav"}' "$url/v1/audio/speech"
  /usr/bin/time -f "%e" -o "$dir/local.time" "$bin" build "$dir/a.txt" --voice joe -j 2 \
    --out "$dir/local" -q
  VOXPRESS_VOICES="$dir/voices" /usr/bin/time -f "%e" -o "$dir/remote.time" "$bin" build \
    "$dir/a.txt" --voice served -j 2 --out "$dir/remote" -q
  kill "$pid" 2>/dev/null || true
  python3 -c "import sys; l,r=float(open(sys.argv[1]).read()),float(open(sys.argv[2]).read()); print(f'shared sample through voxpress serve: {r:.1f} s, local joe {l:.1f} s: {r/l:.2f}x the wall time ({(r/l-1)*100:+.0f}%; target at most +10%)')" \
    "$dir/local.time" "$dir/remote.time"
  rm -rf "$dir"
}
if [ "${1:-}" = inputs ]; then
  inputs
  exit 0
fi
if [ "${1:-}" = serve ]; then
  serve_bench
  exit 0
fi
# `scripts/bench.sh rounds` runs only the joe comparisons in rounds (part 2 without the book).
[ "${1:-}" = rounds ] || [ "${1:-}" = kokoro ] ||
  cargo bench --bench pipeline -- --noplot 2>&1 | tee target/bench.log | grep -E "^[a-z].*|time:" || true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp ../shared/corpus/mali-solidarity.txt "$work/a.txt"
bin=target/release/voxpress
measure() { # label, command... -> "seconds KB"
  /usr/bin/time -f "%e %M" -o "$work/time" "${@:2}" >/dev/null 2>&1
  read -r secs kb < "$work/time"
  echo "$1 $secs $kb"
}
if [ ! -x target/bench-venv/bin/piper ]; then
  python3 -m venv target/bench-venv
  target/bench-venv/bin/pip install -q piper-tts onnxruntime==1.32.0
fi
kokoro() {
  local k=voices/models/kokoro
  "$bin" script --format text --voice af_heart "$work/a.txt" > "$work/kspoken.txt" 2>/dev/null
  python3 scripts/rounds.py --rounds "${ROUNDS:-3}" --ratio kokoro/floor \
    "kokoro=rm -rf $work/kcold && $bin build $work/a.txt --voice af_heart --out $work/kcold -q" \
    "floor@=target/bench-venv/bin/python scripts/kokoro_floor.py $k/kokoro-v1.0.int8.onnx $k/voices/af_heart.bin $k/vocab.json $work/kspoken.txt" \
    | tee "$work/krounds"
  python3 - "$work/kcold/a.wav" "$work/krounds" <<'PY'
import sys, wave
w = wave.open(sys.argv[1])
audio = w.getnframes() / w.getframerate()
build = next(float(l.split(":")[1].split()[0]) for l in open(sys.argv[2]) if l.strip().startswith("kokoro:"))
print(f"kokoro: {audio:.1f} s of audio of the shared sample in {build:.1f} s, {build / audio:.3f}x real time (target: kokoro / floor <= 1.08)")
PY
}
if [ "${1:-}" = kokoro ]; then
  kokoro
  exit 0
fi
"$bin" script --format text --voice joe "$work/a.txt" > "$work/spoken.txt" 2>/dev/null
# A warm cache for the builds that synthesize nothing or one sentence.
"$bin" build "$work/a.txt" --voice joe --out "$work/warm" --cache "$work/warm-cache" -q
sed 's/Assistance from other/Help from other/' "$work/a.txt" > "$work/e.txt"
# Every comparison in rounds, A B C ... A B C (scripts/rounds.py): each ratio is taken within a
# round and the median of the rounds' ratios printed with its spread; a floor slower than its
# reference in any round refuses the ratios on it.
#   cold       a cold build of the shared sample with joe (a new cache and output folder)
#   raw        the same without mastering (voice rate, no loudness pass): mastering's share
#   reference  the Piper CLI (piper-tts, the same model) reading the same spoken text
#   floor      the model's own calls alone (scripts/model_floor.py), as it times them
#   formats    mastering and WAV, MP3, M4B and Opus at once from the warm cache
#   rebuild    an unchanged rebuild; edit: one sentence changed, the rest from the cache
python3 scripts/rounds.py --rounds "${ROUNDS:-3}" \
  --ratio cold/reference --ratio cold/floor --ratio floor/reference --ratio raw/cold \
  --ratio formats/cold --ratio rebuild/cold --ratio edit/cold --floor 'floor<reference' \
  "cold=rm -rf $work/cold && $bin build $work/a.txt --voice joe --out $work/cold -q" \
  "raw=rm -rf $work/raw && $bin build $work/a.txt --voice joe --out $work/raw --loudness off --sample-rate 22050 -q" \
  "reference=target/bench-venv/bin/piper -m voices/models/en_US-joe-medium.onnx -f $work/ref.wav -i $work/spoken.txt" \
  "floor@=target/bench-venv/bin/python scripts/model_floor.py voices/models/en_US-joe-medium.onnx $work/spoken.txt" \
  "formats=rm -rf $work/formats && $bin build $work/a.txt --voice joe --out $work/formats --cache $work/warm-cache --format wav,mp3,m4b,opus -q" \
  "rebuild=$bin build $work/a.txt --voice joe --out $work/warm --cache $work/warm-cache -q" \
  "edit=rm -rf $work/ec $work/edit && cp -r $work/warm-cache $work/ec && $bin build $work/e.txt --voice joe --out $work/edit --cache $work/ec -q"
audio=$(python3 -c "import wave,sys;w=wave.open(sys.argv[1]);print(round(w.getnframes()/w.getframerate(),1))" "$work/cold/a.wav")
echo "audio of the shared sample: $audio s (targets: cold / reference <= 0.95, cold / floor <= 1.05, formats / cold <= 0.2, rebuild / cold < 0.02, edit / cold < 0.15)"
[ "${1:-}" = rounds ] && exit 0
kokoro

# A two-hour book: an edition of the sample 25 times over, built without the cache so that every
# chunk is synthesized.
{
  echo 'title = "Book"'
  for i in $(seq 1 25); do printf '[[article]]\npath = "a.txt"\ntitle = "Part %s"\n' "$i"; done
} > "$work/book.toml"
book=$(measure book "$bin" build "$work/book.toml" --voice joe --out "$work/out" --no-cache \
  --format wav,mp3 -q)

# Time to first audio of `voxpress play` with joe and an empty cache, on an ALSA file device.
mkdir -p "$work/home"
printf 'pcm.!default { type plug slave { pcm "cap" format S16_LE } }\npcm.cap { type file slave.pcm "null" file "%s" format "raw" }\n' \
  "$work/home/played.raw" > "$work/home/.asoundrc"
first=$(HOME="$work/home" "$bin" play "$work/a.txt" --voice joe --cache "$work/play-cache" </dev/null 2>&1 \
  | sed -n 's/.*first audio after \([0-9.]*\) s.*/\1/p')
rm -f "$work/home/played.raw"

book_audio=$(python3 -c "import wave,sys;w=wave.open(sys.argv[1]);print(round(w.getnframes()/w.getframerate(),1))" "$work/out/book.wav")
read -r book_s book_kb <<< "$(echo "$book" | cut -d' ' -f2-)"
python3 -c "import sys; s,kb,a=float(sys.argv[1]),int(sys.argv[2]),float(sys.argv[3]); print(f'book: {a/3600:.2f} h of audio in {s:.0f} s ({s/a:.3f}x real time), peak {kb/1024:.0f} MB (target < 400 MB)')" "$book_s" "$book_kb" "$book_audio"
echo "play: first audio after $first s with joe, cold (target < 1.5 s)"
inputs
serve_bench
