#!/usr/bin/env bash
# Measures spotting on FaceFlash's own synthetic ground truth: makes labelled clips at several frame rates
# (and event-free clips for the false-flag rate), analyses them, and scores each rate with faceflash eval.
#   tools/eval-synth.sh [OUT_DIR] [CLIPS_PER_RATE] [SECONDS] [blobs|muscles]
# blobs (the default) moves the estimator's own template points; muscles is the generator written apart from it, and
# with muscles a "camera" condition is added at 30 fps: the head turning out of plane (up to ±15°) and H.264 (CRF 23).
# Clips already made in OUT_DIR are reused; they are always analysed again, so a rebuilt faceflash is what is scored.
# SYNTH_OPTIONS adds options to the clips with expressions (e.g. SYNTH_OPTIONS='--micro-px 4-6': the same scripts,
# larger micro-expressions).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/eval}
clips=${2:-3}
seconds=${3:-15}
generator=${4:-blobs}
ff=${FACEFLASH:-src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash} # FACEFLASH: another build to compare
[ -x "$ff" ] || dotnet build FaceFlash.sln -c Release -nologo -v quiet -clp:ErrorsOnly

for fps in 25 30 100 200; do
  dir="$out/${fps}fps"
  mkdir -p "$dir"
  # Seeds differ per rate so every rate sees different scripts.
  [ -f "$dir/done.synth" ] || { "$ff" synth --out "$dir" --fps "$fps" --count "$clips" --duration "$seconds" --seed $((fps * 100)) --generator "$generator" -q ${SYNTH_OPTIONS:-} && touch "$dir/done.synth"; }
  "$ff" analyze "$dir"/*.avi --out "$dir" --force -q ${ANALYZE_OPTIONS:-}
  echo "== $fps fps"
  "$ff" eval "$dir" "$dir"
done

if [[ $generator == muscles ]]; then
  dir="$out/camera-30fps"
  mkdir -p "$dir"
  [ -f "$dir/done.synth" ] || { "$ff" synth --out "$dir" --fps 30 --count "$clips" --duration "$seconds" --seed 3100 --generator muscles \
    --head-turn 15 --h264 23 -q ${SYNTH_OPTIONS:-} && touch "$dir/done.synth"; }
  "$ff" analyze "$dir"/*.mp4 --out "$dir" --force -q ${ANALYZE_OPTIONS:-}
  echo "== 30 fps, head turning out of plane (±15°), H.264 CRF 23"
  "$ff" eval "$dir" "$dir"
fi

quiet="$out/no-events"
mkdir -p "$quiet"
[ -f "$quiet/done.synth" ] || { "$ff" synth --out "$quiet" --fps 50 --count 2 --duration 30 --micro 0 --macro 0 --seed 7 --generator "$generator" -q && touch "$quiet/done.synth"; }
"$ff" analyze "$quiet"/*.avi --out "$quiet" --force -q ${ANALYZE_OPTIONS:-}
echo "== clips without expressions (blinks, head motion, noise only)"
"$ff" eval "$quiet" "$quiet"
