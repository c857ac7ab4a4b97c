#!/usr/bin/env bash
# The README's spotting tables in one command: every set measured (injected expressions on the real talking faces,
# tuning and held-out, with both generators; the coded real expressions; the untouched real videos; the committed
# portrait at 25, 30, 100 and 200 fps with both generators), then the tables printed in Markdown and written to
# OUT_DIR/tables.md. About 18 minutes on two cores from a clean clone, build included; clips already made are reused.
#   tools/eval-all.sh [OUT_DIR]
# ANALYZE_OPTIONS adds options to every analysis, e.g. ANALYZE_OPTIONS='--flow-on brightness' tools/eval-all.sh out/eval-brightness
# (Not into a copy of another run's folder: its inputs then sit at another path, so new analyses get suffixed names and the copied outputs are what is scored.)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/eval-all}
mkdir -p "$out"
tools/eval-real.sh "$out/real" both blobs > "$out/real.log"
tools/eval-real.sh "$out/muscles" held-out muscles > "$out/muscles.log"
tools/eval-synth.sh "$out/synth" 3 20 blobs > "$out/synth.log"
tools/eval-synth.sh "$out/synth-muscles" 3 20 muscles > "$out/synth-muscles.log"
python3 tools/spotting-table.py "$out" | tee "$out/tables.md"
