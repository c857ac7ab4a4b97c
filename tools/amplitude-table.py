#!/usr/bin/env python3
"""Prints the table of tools/eval-amplitude.sh (Markdown): per generator and amplitude range, micro-expressions found on
the held-out real faces, over all clips and for the GRID sentences and the longer clips apart.

    tools/amplitude-table.py OUT_DIR GRID_SPEAKER…

Reads each set's clips.csv (faceflash eval); a clip is a GRID sentence when its name holds one of the speakers given.
Standard library only.
"""
import csv
import glob
import os
import sys


def f1(tp, fp, fn):
    return "–" if 2 * tp + fp + fn == 0 else f"{2 * tp / (2 * tp + fp + fn):.3f}"


def recall(tp, fn):
    return "–" if tp + fn == 0 else f"{tp / (tp + fn):.2f}"


def sums(rows):
    return [sum(int(r[k]) for r in rows) for k in ("micro_tp", "micro_fp", "micro_fn")]


def main(out, speakers):
    print("| generator | micro amplitude | all: micro TP/FP/FN | F1 | recall | GRID sentences: TP/FP/FN | F1 | recall | longer clips: TP/FP/FN | F1 | recall |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(out, "*", "clips.csv")), key=lambda p: sort_key(os.path.basename(os.path.dirname(p)))):
        generator, amplitude = os.path.basename(os.path.dirname(path)).split("-", 1)
        with open(path) as f:
            rows = list(csv.DictReader(f))
        grid = [r for r in rows if any(f"_{s}_" in r["clip"] for s in speakers)]
        longer = [r for r in rows if r not in grid]
        cells = [f"{generator}", f"{amplitude} px"]
        for part in (rows, grid, longer):
            tp, fp, fn = sums(part)
            cells += [f"{tp}/{fp}/{fn}", f1(tp, fp, fn), recall(tp, fn)]
        print("| " + " | ".join(cells) + " |")


def sort_key(name):
    generator, amplitude = name.split("-", 1)
    return generator, float(amplitude.split("-")[0])


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
