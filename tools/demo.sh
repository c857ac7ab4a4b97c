#!/usr/bin/env bash
# The main job on a clip FaceFlash makes itself: sets up and builds, renders a labelled 20 s, 100 fps clip from the
# committed public-domain portrait (head motion, blinks, noise, and injected micro- and macro-expressions), analyses
# it, scores the result against the clip's ground truth and writes its report page. Everything lands in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh

ff=src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash
mkdir -p out/demo
"$ff" synth --out out/demo --fps 100 --duration 20 --seed 42
"$ff" analyze out/demo/synth_100fps_042.avi --format megc elan "$@"
"$ff" eval out/demo out/demo
"$ff" report out/demo --quiet
echo
echo "Outputs in out/demo/: synth_100fps_042.{frames.csv,events.csv,blinks.csv,unreported.csv,megc.csv,eaf,aus_tsconf.xml,aus.face0.csv,summary.json,run.json}, megc.csv (the folder's MEGC set), truth.json, eval.json, misses.csv, flags.csv, blink-matches.csv, clips.csv, eval.png"
echo "Report: out/demo/synth_100fps_042.report.html (faceflash report out/demo --tracked also draws what was found on the video)"
