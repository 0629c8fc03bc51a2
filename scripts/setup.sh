#!/usr/bin/env bash
# Installs everything voxpress needs on Debian 12 (run as root or with sudo). Idempotent: a
# second run checks and installs nothing new.
#   - build tools for the embedded espeak-ng: cmake, clang's libclang (bindgen), libsonic
#   - libasound2-dev for audio playback, ffmpeg (ffprobe) for the tests' independent checks
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake libclang-dev libsonic-dev pkg-config libasound2-dev ffmpeg)
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
echo "setup: done"
