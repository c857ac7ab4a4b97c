#!/usr/bin/env bash
# Memory of a long live session with the control room open: a clip (the bench clip by default; tools/bench.sh makes
# it) looped into a FIFO in real time for MINUTES, analysed live with --serve and VIEWERS headless Chromium viewers
# (1 by default); FaceFlash's resident memory (RSS) and CPU use are sampled every 30 s, and the viewers' grab → shown
# latency is printed at the end.
#   tools/control-room-memory.sh [MINUTES] [VIEWERS] [CLIP]
# The issue's condition, 60 fps 1280×720 with two viewers (`tools/control-room-latency.sh 20` makes that clip):
#   tools/control-room-memory.sh 10 2 out/control-room/portrait-1280x720-60fps-20s.mp4
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
viewers=${2:-1}
clip=${3:-out/bench/portrait-640x480-1min.mp4}
ff=src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash
[ -f "$clip" ] || tools/bench.sh >/dev/null
out=out/control-room-memory; rm -rf "$out"; mkdir -p "$out"
fifo="$out/camera.mjpeg"; mkfifo "$fifo"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Encoded to MJPEG once and played as it is, as a camera sends it (see tools/control-room-latency.sh).
camera="${clip%.*}.mjpeg.avi"
[ -f "$camera" ] || ffmpeg -loglevel error -y -i "$clip" -c:v mjpeg -q:v 3 "$camera"
timeout $((minutes * 60 + 5)) ffmpeg -loglevel error -stream_loop -1 -re -i "$camera" -c:v copy -f mjpeg - > "$fifo" &
export OPENCV_FFMPEG_CAPTURE_OPTIONS="probesize;32768|analyzeduration;0|fflags;nobuffer"
"$ff" live --source "$fifo" --headless --out "$out" --session memory --serve "127.0.0.1:$port" --quiet 2> "$out/live.log" &
live=$!
sleep 5
for ((v = 1; v <= viewers; v++)); do
  timeout $((minutes * 60 - 10)) chromium --headless --no-sandbox --disable-gpu --remote-debugging-port=0 --user-data-dir="$out/profile-$v" \
    "http://127.0.0.1:$port/" >/dev/null 2>&1 &
done
echo "minute,rss_mb,cpu_cores"
# CPU: FaceFlash's user + system time (clock ticks, /proc/PID/stat fields 14 and 15) over the last 30 s.
ticks() { awk '{print $14 + $15}' "/proc/$live/stat" 2>/dev/null; }
hz=$(getconf CLK_TCK); last=$(ticks)
for ((s = 0; s <= minutes * 60; s += 30)); do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$live/status" 2>/dev/null) || break
  [ -n "$rss" ] || break
  now=$(ticks); now=${now:-$last} # the first sample's span is the instant since the baseline: about 0
  printf '%.1f,%d,%.2f\n' "$(echo "$s / 60" | bc -l)" $((rss / 1024)) "$(echo "($now - $last) / $hz / 30" | bc -l)"
  last=$now
  sleep 30
done
wait $live || true
grep -o '"frames_read": [0-9]*\|"frames_dropped": [0-9]*\|"frame_latency_p[0-9]*_ms": [0-9.]*' "$out/memory.summary.json" | tr '\n' ' '; echo
[ -f "$out/memory.viewers.json" ] && cat "$out/memory.viewers.json"
true
