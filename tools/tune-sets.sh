#!/usr/bin/env bash
# The tuning sets: where the segmenter's constants and rules are chosen (never the held-out sets of tools/eval-real.sh).
# Makes the clips once, analyses them with one build, scores every set and prints one line per set and the pooled
# counts that docs/measurements-log.md reports for each variant (micro and macro as found/false/missed):
#   real      injected expressions on the tuning GRID speakers (seeds 11–40) and cap12 (seeds 1–3), blobs and muscles
#   portrait  the muscle portrait, micro pooled over 25 fps (seeds 19101–19103), 100 fps (19001–19003), 200 fps (19201–19203)
#   other     the camera set (30 fps, head turning ±15°, H.264 CRF 23; 19301–19303), the tuning speakers' videos halved
#             (180×144, muscles, seeds 11–40) and the two headtrackr clips (seeds 201–203, both generators)
#   macro     every set's macro-expressions pooled
#   untouched flags on the untouched real videos
#   blinks    blink detection on the tuning part of benchmarks/real-blinks and on the portrait's scripted blinks
#   tools/tune-sets.sh RESULTS_DIR [CLIPS_DIR]      (FACEFLASH=another/faceflash to measure another build)
# Clips are kept in CLIPS_DIR (default out/tune-clips) and reused; RESULTS_DIR gets one folder per set.
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:?usage: tools/tune-sets.sh RESULTS_DIR [CLIPS_DIR]}
clips=${2:-out/tune-clips}
ff=${FACEFLASH:-src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash}
[ -x "$ff" ] || tools/setup.sh
videos=../shared/data/videos
[ -d "$videos" ] || { echo "skip: $videos is absent"; exit 0; }
source tools/real-sets.sh

# once SET COMMAND…: runs the command (which writes clips into $clips/SET) unless the set is already made
once() {
  local set=$1
  shift
  [ -f "$clips/$set/done.synth" ] && return
  mkdir -p "$clips/$set"
  "$@"
  touch "$clips/$set/done.synth"
}

portrait() { "$ff" synth --out "$clips/$1" --fps "$2" --count 3 --duration 20 --seed "$3" --generator muscles -q "${@:4}"; }

# The tuning speakers' videos halved (180×144), overlaid with the muscle generator as the tuning set's GRID part.
halved() {
  mkdir -p "$clips/small-videos"
  local s
  for s in $tune_speakers; do ffmpeg -loglevel error -y -i "$videos/grid/$s.mpg" -vf scale=180:144 -c:v mpeg2video -q:v 2 "$clips/small-videos/$s.mpg"; done
  grid "$clips/small" muscles 11 "$clips/small-videos" $tune_speakers
}

for generator in blobs muscles; do
  tune_overlays "$clips/real-$generator" "$generator"
  for c in capture4 capture5; do overlay "$clips/headtrackr-$generator" "$generator" "$videos/headtrackr/$c.mp4" "201 202 203" 4 1; done
done
once portrait-25fps portrait portrait-25fps 25 19101
once portrait-100fps portrait portrait-100fps 100 19001
once portrait-200fps portrait portrait-200fps 200 19201
once camera portrait camera 30 19301 --head-turn 15 --h264 23
once small halved

sets="real-blobs real-muscles portrait-25fps portrait-100fps portrait-200fps camera small headtrackr-blobs headtrackr-muscles"
for set in $sets; do
  mkdir -p "$results/$set"
  "$ff" analyze $(ls "$clips/$set"/*.avi "$clips/$set"/*.mp4 2>/dev/null) --out "$results/$set" --force -q ${ANALYZE_OPTIONS:-}
  "$ff" eval "$clips/$set" "$results/$set" > "$results/$set/eval.txt"
done
mkdir -p "$results/untouched"
"$ff" analyze "${untouched_videos[@]}" --out "$results/untouched" --force -q ${ANALYZE_OPTIONS:-}
# The tuning part of the GRID talkers' blinks coded by eye (benchmarks/real-blinks), on those untouched videos.
mkdir -p "$results/blinks"
"$ff" eval benchmarks/real-blinks/tuning "$results/untouched" --out "$results/blinks" > "$results/blinks/eval.txt"
python3 tools/tune-score.py "$results"
