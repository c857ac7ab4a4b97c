#!/usr/bin/env python3
"""Flags on untouched real videos, where every flag counts as false: one folder of faceflash results (each video's
<stem>.summary.json and <stem>.events.csv). Used by tools/eval-real.sh, tools/spotting-table.py and tools/tune-score.py.

    tools/untouched_flags.py RESULTS_DIR LABEL      prints each video's flags and the rate a minute

Standard library only.
"""
import csv
import glob
import json
import os
import sys


def per_video(path):
    """(video stem, flags, seconds) for every video analysed in the folder."""
    for summary in sorted(glob.glob(os.path.join(path, "*.summary.json"))):
        with open(summary) as f:
            seconds = json.load(f)["duration_s"]
        with open(summary.replace(".summary.json", ".events.csv")) as f:
            flags = sum(1 for _ in csv.DictReader(f))
        yield os.path.basename(summary)[: -len(".summary.json")], flags, seconds


def untouched_flags(path):
    """(flags, seconds) over the folder."""
    videos = list(per_video(path))
    return sum(flags for _, flags, _ in videos), sum(seconds for _, _, seconds in videos)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: tools/untouched_flags.py RESULTS_DIR LABEL")
    for stem, flags, _ in per_video(sys.argv[1]):
        if flags:
            print(f"  {stem}: {flags} flag(s)")
    total, seconds = untouched_flags(sys.argv[1])
    print(f"== {sys.argv[2]}: {total} flags in {seconds:.1f} s = {total / seconds * 60:.2f} per minute")
