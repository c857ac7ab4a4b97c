#!/usr/bin/env bash
# Measures the control room: a 60 fps 1280×720 camera (simulated: a clip made from the committed portrait, played in
# real time as MJPEG into a FIFO) analysed live with --serve, and two headless Chromium viewers on this machine that
# report grab → shown latency (p50, p99) from the page. Also the session's drops, and its CPU use.
#   tools/control-room-latency.sh [SECONDS, 60 by default]   (FACEFLASH_OPTIONS: more live options, e.g. "--max-faces 1")
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
ff=src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash
[ -x "$ff" ] || tools/setup.sh
out=out/control-room; mkdir -p "$out"
clip="$out/portrait-1280x720-60fps-${seconds}s.mp4"
[ -f "$clip" ] || ffmpeg -loglevel error -y -loop 1 -i samples/media/astronaut.png -t "$seconds" -r 60 \
  -vf "scale=1920:1920,crop=1920:1080:0:200,zoompan=z='1.2+0.05*sin(2*PI*on/240)':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)-200':d=1:s=1280x720:fps=60" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p "$clip"
# A camera sends frames it has already JPEG-encoded: the clip is encoded once here, and played into the FIFO as it is,
# so the camera simulator takes no CPU from the session (encoding 60 fps 1280x720 live took half a core of two).
camera="${clip%.mp4}.mjpeg.avi"
[ -f "$camera" ] || ffmpeg -loglevel error -y -i "$clip" -c:v mjpeg -q:v 3 "$camera"
fifo="$out/camera.mjpeg"; rm -f "$fifo"; mkfifo "$fifo"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ffmpeg -loglevel error -re -i "$camera" -c:v copy -f mjpeg - > "$fifo" &
export OPENCV_FFMPEG_CAPTURE_OPTIONS="probesize;32768|analyzeduration;0|fflags;nobuffer"
/usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$ff" live --source "$fifo" --headless --out "$out" --session latency --serve "127.0.0.1:$port" --quiet ${FACEFLASH_OPTIONS:-} 2> "$out/live.log" &
sleep 4
# Two browsers watch in real time for most of the session; each page reports its grab → shown latencies to FaceFlash,
# which writes them to latency.viewers.json when the session ends.
for v in 1 2; do
  timeout $((seconds - 6)) chromium --headless --no-sandbox --disable-gpu --remote-debugging-port=0 --user-data-dir="$out/profile-$v" \
    "http://127.0.0.1:$port/" >/dev/null 2>&1 &
done
wait
cat "$out/latency.viewers.json"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
s = json.load(open(f"{out}/latency.summary.json"))
wall, user, system = map(float, open(f"{out}/time.txt").read().split()[-3:])
print(f"session: {s['frames_read']} frames read, {s['frames_processed']} processed, {s['frames_dropped']} dropped, "
      f"{s['processing_fps']} fps; grab→processed p50 {s['frame_latency_p50_ms']} ms, p99 {s['frame_latency_p99_ms']} ms; "
      f"CPU {(user + system) / wall:.2f} cores of {wall:.0f} s")
PY
