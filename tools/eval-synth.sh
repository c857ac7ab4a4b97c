#!/usr/bin/env bash
# Measures spotting on FaceFlash's own synthetic ground truth: makes labelled clips at several frame rates
# (and event-free clips for the false-flag rate), analyses them, and scores each rate with faceflash eval.
#   tools/eval-synth.sh [OUT_DIR] [CLIPS_PER_RATE] [SECONDS] [blobs|muscles]
# blobs (the default) moves the estimator's own template points; muscles is the generator written apart from it.
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
  [ -f "$dir/done.synth" ] || { "$ff" synth --out "$dir" --fps "$fps" --count "$clips" --duration "$seconds" --seed $((fps * 100)) --generator "$generator" -q && touch "$dir/done.synth"; }
  [ -f "$dir/done.analyze" ] || { "$ff" analyze "$dir"/*.avi --out "$dir" --force -q && touch "$dir/done.analyze"; }
  echo "== $fps fps"
  "$ff" eval "$dir" "$dir"
done

quiet="$out/no-events"
mkdir -p "$quiet"
[ -f "$quiet/done.synth" ] || { "$ff" synth --out "$quiet" --fps 50 --count 2 --duration 30 --micro 0 --macro 0 --seed 7 --generator "$generator" -q && touch "$quiet/done.synth"; }
[ -f "$quiet/done.analyze" ] || { "$ff" analyze "$quiet"/*.avi --out "$quiet" --force -q && touch "$quiet/done.analyze"; }
echo "== clips without expressions (blinks, head motion, noise only)"
"$ff" eval "$quiet" "$quiet"
