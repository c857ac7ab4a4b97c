#!/usr/bin/env python3
"""Compares the AU intensities of two analyses of the same videos, frame by frame (Markdown table on stdout).

    tools/au-repeatability.py FIRST_DIR SECOND_DIR

Pairs each <stem>.frames.csv in FIRST_DIR with the one of the same stem in SECOND_DIR, and rows by frame and face
id; only rows whose AUs were measured in both count. Per AU: the median and 90th percentile of the absolute
difference, beside the AU's interquartile range in FIRST_DIR (how far it moves in these videos anyway). Per video:
the 90th percentile over the upper face's AUs and over the lip corners', and how often each analysis retook the
face's neutral reference (AUs after a retake measure from another frame, so retakes at different moments shift
every AU). Standard library only.
"""
import csv
import glob
import os
import statistics
import sys


UPPER_FACE = ["AU01", "AU02", "AU04", "AU05", "AU06", "AU07", "AU09"]
LIP_CORNERS = ["AU12", "AU14", "AU15", "AU20", "AU23"]


def read_rows(path):
    """(frame, face id) → row, and how many rows restarted the reference."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    measured = {(r["frame"], r["face_id"]): r for r in rows if r["au_status"] == "measured"}
    return measured, sum(r["au_status"] == "reference_restarted" for r in rows)


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(first_dir, second_dir):
    differences, levels, per_video = {}, {}, []
    for first in sorted(glob.glob(os.path.join(first_dir, "*.frames.csv"))):
        second = os.path.join(second_dir, os.path.basename(first))
        if not os.path.exists(second):
            continue
        (a, a_retakes), (b, b_retakes) = read_rows(first), read_rows(second)
        shared = a.keys() & b.keys()
        if not shared:
            continue
        aus = [c for c in next(iter(a.values())) if c.startswith("AU") and c.endswith("_r")]
        groups = {"upper": [], "corners": []}
        for key in shared:
            for au in aus:
                x, y = float(a[key][au]), float(b[key][au])
                differences.setdefault(au, []).append(abs(x - y))
                levels.setdefault(au, []).append(x)
                name = au[:-2]
                if name in UPPER_FACE:
                    groups["upper"].append(abs(x - y))
                elif name in LIP_CORNERS:
                    groups["corners"].append(abs(x - y))
        stem = os.path.basename(first)[: -len(".frames.csv")]
        per_video.append((stem, len(shared), percentile(groups["upper"], 0.9), percentile(groups["corners"], 0.9), a_retakes, b_retakes))
    if not differences:
        sys.exit("error: no measured frames in common between the two folders")
    print(f"{len(per_video)} videos, {sum(v[1] for v in per_video)} frames measured in both\n")
    print("| AU | median difference | 90th percentile | interquartile range of the AU |")
    print("|---|---|---|---|")
    for au, values in differences.items():
        quartiles = statistics.quantiles(levels[au], n=4)
        print(f"| {au[:-2]} | {statistics.median(values):.2f} | {percentile(values, 0.9):.2f} | {quartiles[2] - quartiles[0]:.2f} |")
    print("\n| video | frames | 90th percentile, upper face | 90th percentile, lip corners | reference retakes |")
    print("|---|---|---|---|---|")
    for stem, count, upper, corners, a_retakes, b_retakes in per_video:
        print(f"| {stem} | {count} | {upper:.2f} | {corners:.2f} | {a_retakes} / {b_retakes} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
