#!/usr/bin/env bash
# Batch against live on the same labelled clips: every clip of three held-out sets that tools/eval-all.sh made in
# EVAL_DIR (the real talking faces with both generators, the muscle portrait at 100 fps) goes through
# `faceflash live --source CLIP --realtime --headless` — causal, paced like a camera, dropping frames if it cannot keep
# up — and is scored with faceflash eval beside the batch results already there. About 13 minutes (real time).
#   tools/eval-live.sh EVAL_DIR [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:?usage: tools/eval-live.sh EVAL_DIR [OUT_DIR] (the folder tools/eval-all.sh wrote)}
out=${2:-$eval_dir/live}
ff=${FACEFLASH:-src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash} # FACEFLASH: another build to compare
[ -x "$ff" ] || tools/setup.sh
echo "| set | batch micro TP/FP/FN (F1) | live micro TP/FP/FN (F1) | batch macro | live macro | frames dropped live |"
echo "|---|---|---|---|---|---|"
for set in real/held-out muscles/held-out synth-muscles/100fps; do
  src="$eval_dir/$set"
  [ -f "$src/eval.json" ] || { echo "skip: $src has no batch results (run tools/eval-all.sh $eval_dir first)" >&2; continue; }
  dir="$out/$set"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$src"/*.truth.json "$dir/"
  for clip in "$src"/*.avi; do
    stem=$(basename "${clip%.*}")
    "$ff" live --source "$clip" --realtime --headless --out "$dir" --session "$stem" 2>&1 | grep "Session source ended" >> "$dir/live.log" || true
  done
  "$ff" eval "$dir" "$dir" > "$dir/eval.txt"
  python3 - "$src/eval.json" "$dir/eval.json" "$dir/live.log" "$set" <<'PY'
import json, re, sys
batch, live = (json.load(open(p)) for p in sys.argv[1:3])
dropped = sum(int(n) for n in re.findall(r"(\d+) dropped", open(sys.argv[3]).read()))
def cell(r, kind):
    k = r[kind]
    f1 = k["f1"] if isinstance(k["f1"], float) else float("nan")
    return f"{k['true_positives']}/{k['false_positives']}/{k['false_negatives']} ({f1:.3f})"
print(f"| {sys.argv[4]} | {cell(batch, 'micro')} | {cell(live, 'micro')} | {cell(batch, 'macro')} | {cell(live, 'macro')} | {dropped} |")
PY
done
