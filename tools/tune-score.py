#!/usr/bin/env python3
"""Scores the tuning sets from what tools/tune-sets.sh left in RESULTS_DIR: one line per set, then the pooled rows that
docs/measurements-log.md gives for each variant (found/false/missed), blink detection's among them. With a second folder, the same for both side by
side, and the events that differ between them listed per clip.

    tools/tune-score.py RESULTS_DIR [OTHER_RESULTS_DIR]

Standard library only.
"""
import csv
import glob
import json
import os
import sys

from untouched_flags import untouched_flags

POOLS = {
    "real": ["real-blobs", "real-muscles"],
    "portrait": ["portrait-25fps", "portrait-100fps", "portrait-200fps"],
    "other": ["camera", "small", "headtrackr-blobs", "headtrackr-muscles"],
}


def counts(results, set_name, kind):
    """(found, false, missed) of one set and kind, or None when the set was not scored."""
    file = os.path.join(results, set_name, "eval.json")
    if not os.path.exists(file):
        return None
    with open(file) as f:
        k = json.load(f)[kind]
    return k["true_positives"], k["false_positives"], k["false_negatives"]


def pooled(results, set_names, kind):
    rows = [c for c in (counts(results, s, kind) for s in set_names) if c]
    return tuple(sum(r[i] for r in rows) for i in range(3))


def blink_counts(results, set_names):
    """(found, false, missed) of blink detection pooled over the sets whose eval scored it, or None when none did."""
    rows = []
    for s in set_names:
        file = os.path.join(results, s, "eval.json")
        if os.path.exists(file):
            with open(file) as f:
                blink = json.load(f).get("blink")
            if blink:
                rows.append((blink["true_positives"], blink["false_positives"], blink["false_negatives"]))
    return tuple(sum(r[i] for r in rows) for i in range(3)) if rows else None


def summary(results):
    """Ordered (label, text) rows: every set's micro and macro, the pools, the untouched flags."""
    rows = []
    all_sets = [s for pool in POOLS.values() for s in pool]
    for s in all_sets:
        micro, macro = counts(results, s, "micro"), counts(results, s, "macro")
        if micro:
            rows.append((s, f"{'/'.join(map(str, micro))}  {'/'.join(map(str, macro))}"))
    for name, sets in POOLS.items():
        rows.append((f"pooled {name} micro", "/".join(map(str, pooled(results, sets, "micro")))))
    rows.append(("pooled macro", "/".join(map(str, pooled(results, all_sets, "macro")))))
    rows.append(("untouched flags", str(untouched_flags(os.path.join(results, "untouched"))[0])))
    # Blink detection: the tuning part of the GRID talkers' blinks coded by eye, and the portrait's scripted blinks.
    for label, sets in (("blinks real", ["blinks"]), ("blinks portrait", POOLS["portrait"] + ["camera"])):
        found = blink_counts(results, sets)
        if found:
            rows.append((label, "/".join(map(str, found))))
    return rows


def event_lines(path):
    """An events file's rows, by their first ten fields: what an event is and when (files written before 2026-12-06
    have no frame columns after them, so two builds' files compare across that change)."""
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [",".join(row[:10]) for row in csv.reader(f)][1:]


def differences(a, b):
    """Per clip, the event rows only one of the two analyses wrote."""
    for events in sorted(glob.glob(os.path.join(a, "*", "*.events.csv"))):
        other = os.path.join(b, os.path.relpath(events, a))
        mine, theirs = event_lines(events), event_lines(other)
        gone = [e for e in mine if e not in theirs]
        new = [e for e in theirs if e not in mine]
        if gone or new:
            print(os.path.relpath(events, a))
            for e in gone:
                print(f"  - {e}")
            for e in new:
                print(f"  + {e}")


def main():
    first = summary(sys.argv[1])
    if len(sys.argv) == 2:
        for label, text in first:
            print(f"{label:22} {text}")
        return
    second = dict(summary(sys.argv[2]))
    for label, text in first:
        mark = "" if second.get(label) == text else "   *"
        print(f"{label:22} {text:24} {second.get(label, '–'):24}{mark}")
    print()
    differences(sys.argv[1], sys.argv[2])


if __name__ == "__main__":
    main()
