#!/usr/bin/env bash
# The main job on a clip FaceFlash makes itself: sets up, builds, renders a short clip of the committed
# public-domain portrait with gentle head motion, and analyses it. Outputs land in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh

mkdir -p out/demo
clip=out/demo/portrait.mp4
# 4 s at 30 fps: a slow zoom and drift, like a participant settling in front of a webcam (640×480).
ffmpeg -loglevel error -y -loop 1 -i samples/media/astronaut.png -t 4 -r 30 \
  -vf "scale=1280:1280,crop=1280:960:0:0,zoompan=z='1.3+0.05*sin(2*PI*on/120)':x='iw/2-(iw/zoom/2)-120+20*sin(2*PI*on/90)':y='ih/2-(ih/zoom/2)-160':d=1:s=640x480:fps=30" \
  -c:v libx264 -pix_fmt yuv420p "$clip"

src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash analyze "$clip" --out out/demo "$@"
echo
echo "Wrote out/demo/portrait.frames.csv and out/demo/portrait.summary.json"
