#!/usr/bin/env bash
# Reproduces the README's speed table: makes a 640×480 one-face H.264 clip from the committed portrait (gentle head
# motion; MINUTES long, 1 by default — 30 checks that memory stays flat) and runs faceflash bench on it.
#   tools/bench.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-1}
ff=src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash
[ -x "$ff" ] || tools/setup.sh
mkdir -p out/bench
clip="out/bench/portrait-640x480-${minutes}min.mp4"
[ -f "$clip" ] || ffmpeg -loglevel error -y -loop 1 -i samples/media/astronaut.png -t $((minutes * 60)) -r 30 \
  -vf "scale=1280:1280,crop=1280:960:0:0,zoompan=z='1.3+0.05*sin(2*PI*on/120)':x='iw/2-(iw/zoom/2)-120+20*sin(2*PI*on/90)':y='ih/2-(ih/zoom/2)-160':d=1:s=640x480:fps=30" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p "$clip"
"$ff" bench "$clip" --json "out/bench/bench-${minutes}min.json"
