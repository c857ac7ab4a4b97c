#!/usr/bin/env bash
# Installs what FaceFlash needs beyond the .NET 10 SDK on Debian/Ubuntu, then restores and builds.
# Safe to run again: it installs only what is missing. Extra Debian packages (the test suite's) may be named as arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

# libgtk-3-0: OpenCvSharp's native runtime links against GTK (highgui) and will not load without it.
# ffmpeg: tests make and re-time clips with it. xvfb, xauth, xdotool: the live overlay tests need a virtual display.
# chromium: the report tests render the HTML pages headless.
packages=(libgtk-3-0 ffmpeg xvfb xauth xdotool chromium "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
dotnet build FaceFlash.sln -c Release -nologo -v quiet -clp:ErrorsOnly
