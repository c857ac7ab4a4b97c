#!/usr/bin/env python3
"""How far the AU intensities alone could take spotting on a set of clips with injected expressions (Markdown on stdout).

    tools/au-ceiling.py RESULTS_DIR [RESULTS_DIR ...]

Each RESULTS_DIR is a folder `tools/eval-all.sh` leaves (for example OUT/real/tune): the clips' <stem>.truth.json,
their <stem>.frames.csv and the misses.csv of `faceflash eval`. Every measured frame of a face gets, per AU, its rise
over the AU's median in the second before it, in units of the AU's noise around it (the interquartile range over
±2.5 s divided by 1.349, at least 0.05 — the segmenter's floor); the first second after each reference (re)take has
no such rise. Per threshold the table says in how many injected micro-expressions one of their own AUs rose past
it, how often any AU (blinks left out) rose past it away from every injected expression (more than 200 ms from
it), and what FaceFlash made of the ones whose own AU did (found, or the reason `misses.csv` gives). Below it, the
share of each expression's rise that went to its own AUs at the frame where the face rose most. Standard library
only.
"""
import bisect
import csv
import glob
import json
import os
import statistics
import sys
from collections import Counter

BILATERAL = ["AU01", "AU02", "AU04", "AU05", "AU06", "AU07", "AU09", "AU10", "AU12", "AU14", "AU15", "AU17", "AU20",
             "AU23", "AU25", "AU26"]
SIDED = ["AU12L", "AU12R", "AU14L", "AU14R"]
THRESHOLDS = [3, 5, 8, 10]
NOISE_FLOOR = 0.05
LEVEL_MS, NOISE_HALF_MS, AWAY_MS = 1000, 2500, 200


def bilateral(au):
    return au[:4]


def segments(frames_csv):
    """Per face, the runs of measured frames between reference (re)takes: (times in ms, {AU: values})."""
    runs, current = [], {}
    with open(frames_csv, newline="") as f:
        for row in csv.DictReader(f):
            face = row["face_id"]
            if row["au_status"] != "measured":
                current.pop(face, None)  # a retake or a lost face: the AUs after it measure from another frame
                continue
            if face not in current:
                current[face] = ([], {au: [] for au in BILATERAL + SIDED})
                runs.append(current[face])
            times, values = current[face]
            times.append(float(row["timestamp"]) * 1000)
            for au in values:
                values[au].append(float(row[au + "_r"]))
    return runs


def rises(times, series):
    """Each frame's rise over the median of the second before it, in noise units (None in the first second)."""
    out = [None] * len(times)
    for i, t in enumerate(times):
        start = bisect.bisect_left(times, t - LEVEL_MS)
        if t - times[0] < LEVEL_MS or i - start < 5:
            continue
        lo, hi = bisect.bisect_left(times, t - NOISE_HALF_MS), bisect.bisect_right(times, t + NOISE_HALF_MS)
        q1, _, q3 = statistics.quantiles(series[lo:hi], n=4)
        level = statistics.median(series[start:i])
        out[i] = ((series[i] - level) / max((q3 - q1) / 1.349, NOISE_FLOOR), series[i] - level)
    return out


def read_misses(folder):
    """(clip, onset rounded to the ms) → the reason `faceflash eval` gives for the miss."""
    with open(os.path.join(folder, "misses.csv"), newline="") as f:
        return {(row["clip"], round(float(row["onset_ms"]))): row["reason"] for row in csv.DictReader(f)}


def rises_away(times, z, known, near):
    """Minutes of measured face away from every injected expression, and per threshold how often some AU rose past it there."""
    step = statistics.median([b - a for a, b in zip(times, times[1:])]) if len(times) > 1 else 0
    minutes = sum(k and not n for k, n in zip(known, near)) * step / 60000
    counts = Counter()
    for threshold in THRESHOLDS:
        above_before = False
        for i in range(len(times)):
            above = known[i] and not near[i] and max(z[au][i][0] for au in z) > threshold
            counts[threshold] += above and not above_before
            above_before = above
    return minutes, counts


def injected_micro(stem, times, z, known, truth, missed):
    """Per injected micro-expression seen here: its own AUs' highest rise (noise units), what FaceFlash made of it, and
    its own AUs' share of the rise at the frame where the face rose most (None when nothing rose)."""
    for e in truth:
        if e["kind"] != "micro":
            continue
        inside = [i for i, t in enumerate(times) if e["onset_ms"] <= t <= e["offset_ms"] + 40 and known[i]]
        if not inside:
            continue
        peak = max(z[au][i][0] for au in z if au in e["aus"] for i in inside)
        apex = max(inside, key=lambda i: sum(max(0, z[au][i][1]) for au in BILATERAL))
        risen = sum(max(0, z[au][apex][1]) for au in BILATERAL)
        own = {bilateral(au) for au in e["aus"]} & set(BILATERAL)
        share = sum(max(0, z[au][apex][1]) for au in own) / risen if risen > 0 else None
        yield peak, missed.get((stem, round(e["onset_ms"])), "found"), share


def main(folders):
    expressions, away_minutes, away_rises = [], 0.0, Counter()
    for folder in folders:
        missed = read_misses(folder)
        for truth_path in sorted(glob.glob(os.path.join(folder, "*.truth.json"))):
            stem = os.path.basename(truth_path)[: -len(".truth.json")]
            frames = os.path.join(folder, stem + ".frames.csv")
            if not os.path.exists(frames):
                continue
            with open(truth_path) as f:
                truth = [e for e in json.load(f)["events"] if e["kind"] in ("micro", "macro")]
            for times, values in segments(frames):
                z = {au: rises(times, values[au]) for au in values}
                near = [any(e["onset_ms"] - AWAY_MS <= t <= e["offset_ms"] + AWAY_MS for e in truth) for t in times]
                known = [z["AU01"][i] is not None for i in range(len(times))]
                minutes, counts = rises_away(times, z, known, near)
                away_minutes += minutes
                away_rises.update(counts)
                expressions.extend(injected_micro(stem, times, z, known, truth, missed))
    total = len(expressions)
    found = sum(outcome == "found" for _, outcome, _ in expressions)
    print(f"{total} injected micro-expressions with a second of measured face before them, {found} of them found; "
          f"{away_minutes:.1f} min of measured face away from every injected expression\n")
    print("| own AU rose past (noise units) | micro-expressions | any AU elsewhere, per minute | of those micro-expressions |")
    print("|---|---|---|---|")
    for threshold in THRESHOLDS:
        counts = Counter(outcome for peak, outcome, _ in expressions if peak > threshold)
        n = sum(counts.values())
        outcomes = ", ".join(f"{reason} {k}" for reason, k in counts.most_common())
        print(f"| {threshold} | {n} of {total} ({n / max(total, 1):.2f}) | {away_rises[threshold] / max(away_minutes, 1e-9):.0f} | {outcomes} |")
    shares = [share for _, _, share in expressions if share is not None]
    if shares:
        print(f"\nOwn AUs' share of the rise where the face rose most: mean {statistics.mean(shares):.2f}, "
              f"median {statistics.median(shares):.2f} ({len(shares)} micro-expressions)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: tools/au-ceiling.py RESULTS_DIR [RESULTS_DIR ...]")
    main(sys.argv[1:])
