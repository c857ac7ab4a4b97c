#!/usr/bin/env bash
# How micro-expression spotting on real talking faces grows with the movements' size: the held-out overlays of
# tools/eval-real.sh (the same clips, seeds and expressions at the same times) made again with the micro-expressions'
# amplitudes drawn from larger ranges (`faceflash synth --micro-px`), with both generators, each analysed and scored;
# then a table of micro TP/FP/FN, F1 and recall, the GRID sentences and the longer clips apart. The 1-4 px rows are
# the README's held-out rows. About 11 minutes for the four default ranges on two cores; clips already made are reused.
#   tools/eval-amplitude.sh [OUT_DIR] [RANGE…]       (ranges default to 1-4 4-6 6-8 8-12)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/eval-amplitude}
shift || true
ranges=("${@:-}")
[[ -n ${ranges[0]} ]] || ranges=(1-4 4-6 6-8 8-12)
ff=${FACEFLASH:-src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash}
[ -x "$ff" ] || tools/setup.sh
videos=../shared/data/videos
[ -d "$videos" ] || { echo "skip: $videos is absent"; exit 0; }

source tools/real-sets.sh

for generator in blobs muscles; do
  for range in "${ranges[@]}"; do
    dir="$out/$generator-$range"
    SYNTH_OPTIONS="--micro-px $range" held_out_overlays "$dir" "$generator"
    "$ff" analyze "$dir"/*.avi --out "$dir" --force -q ${ANALYZE_OPTIONS:-}
    "$ff" eval "$dir" "$dir" > "$dir/eval.txt"
  done
done
python3 tools/amplitude-table.py "$out" $held_out_speakers | tee "$out/table.md"
