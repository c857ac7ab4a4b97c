#!/usr/bin/env python3
"""Prints the README's spotting tables (Markdown) from the results tools/eval-all.sh leaves in OUT_DIR.

    tools/spotting-table.py OUT_DIR

Reads only what faceflash wrote there (each set's eval.json; the untouched videos' summaries and events), so the
tables can be re-printed without analysing anything again. Standard library only.
"""
import json
import math
import os
import sys

from untouched_flags import untouched_flags


def load(path):
    """A set's eval.json, or None when that set was not run."""
    file = os.path.join(path, "eval.json")
    if not os.path.exists(file):
        return None
    with open(file) as f:
        return json.load(f)


def number(value):
    """eval.json writes what was not measured as null (before the twenty-sixth session as the string "NaN")."""
    return None if value is None or value == "NaN" or (isinstance(value, float) and math.isnan(value)) else value


def counts(result, kind):
    k = result[kind]
    return f"{k['true_positives']}/{k['false_positives']}/{k['false_negatives']}"


def f1(result, kind):
    value = number(result[kind]["f1"])
    if value is None:
        return "–"
    interval = result.get(f"{kind}_f1_interval", {})
    low, high = number(interval.get("low")), number(interval.get("high"))
    return f"{value:.3f}" + (f" ({low:.2f}–{high:.2f})" if low is not None and high is not None else "")


def fraction(value, digits=3):
    value = number(value)
    return "–" if value is None else f"{value:.{digits}f}"


def blinks(result):
    flagged = number(result.get("blinks_flagged_as_micro"))
    total = result.get("blinks", 0)
    return "–" if flagged is None or total == 0 else f"{round(flagged * total)} of {total}"


def real_faces(out):
    rows = [
        ("real talking faces, tuning set, blobs", os.path.join(out, "real", "tune")),
        ("real talking faces, held-out set, blobs", os.path.join(out, "real", "held-out")),
        ("real talking faces, held-out set, muscles", os.path.join(out, "muscles", "held-out")),
    ]
    print("| set | micro TP/FP/FN | micro F1 (95 % interval) | macro TP/FP/FN | macro F1 (95 % interval) | emotion accuracy |")
    print("|---|---|---|---|---|---|")
    for name, path in rows:
        result = load(path)
        if result:
            print(f"| {name} | {counts(result, 'micro')} | {f1(result, 'micro')} | {counts(result, 'macro')} | "
                  f"{f1(result, 'macro')} | {fraction(result['emotion_accuracy'])} |")
    coded = load(os.path.join(out, "real", "real"))
    if coded:
        print(f"| real expressions coded by eye (cap13, macro) | – | – | {counts(coded, 'macro')} | {f1(coded, 'macro')} | "
              f"{fraction(coded['emotion_accuracy'])} |")
    # Those watched while tuning, those never watched (tools/real-sets.sh), and, when both were measured, together.
    measured = []
    for name, folder in (("untouched real videos", "untouched"),
                         ("untouched real videos never tuned on (film excerpt, event video)", "untouched-held-out")):
        path = os.path.join(out, "real", folder)
        if os.path.isdir(path):
            measured.append((f"{name} ({{:.0f}} s), every flag counted false", *untouched_flags(path)))
    if len(measured) == 2:
        measured.append(("all untouched real videos ({:.0f} s)", sum(m[1] for m in measured), sum(m[2] for m in measured)))
    for label, flags, seconds in measured:
        if seconds > 0:
            print(f"| {label.format(seconds)} | {flags} flags, {flags / seconds * 60:.2f} per minute | | | | |")


def portrait(out):
    print("| portrait clips | micro TP/FP/FN | micro F1 (95 % interval) | macro TP/FP/FN | macro F1 (95 % interval) | emotion accuracy | blinks flagged as micro |")
    print("|---|---|---|---|---|---|---|")
    for generator, folder in (("blobs", "synth"), ("muscles", "synth-muscles")):
        for rate in ("25fps", "30fps", "100fps", "200fps", "camera-30fps"):
            result = load(os.path.join(out, folder, rate))
            if not result:
                continue
            name = f"{generator}, {rate.replace('fps', ' fps')}".replace("camera-30 fps", "30 fps, head turning ±15°, H.264 CRF 23")
            print(f"| {name} | {counts(result, 'micro')} | {f1(result, 'micro')} | {counts(result, 'macro')} | "
                  f"{f1(result, 'macro')} | {fraction(result['emotion_accuracy'])} | {blinks(result)} |")
        quiet = load(os.path.join(out, folder, "no-events"))
        if quiet:
            minutes = number(quiet.get("minutes_without_events")) or 0
            rate = number(quiet.get("false_flags_per_minute_without_events"))
            flags = "–" if rate is None else f"{round(rate * minutes)} false flags in {minutes:g} min"
            print(f"| {generator}, no expressions (50 fps) | {flags} | | | | | {blinks(quiet)} |")


def timing(out):
    print("| portrait clips | median onset, offset, duration error | micro durations within one frame interval | "
          "macro durations within one frame interval | macro durations, median signed error |")
    print("|---|---|---|---|---|")
    for generator, folder in (("blobs", "synth"), ("muscles", "synth-muscles")):
        for rate in ("25fps", "30fps", "100fps", "200fps"):
            result = load(os.path.join(out, folder, rate))
            if not result:
                continue
            t, micro, macro = result["timing"], result.get("micro_timing"), result.get("macro_timing")
            errors = ", ".join(fraction(t[k], 1) for k in ("median_onset_error_ms", "median_offset_error_ms", "median_duration_error_ms"))
            within = [f"{k['durations_within_one_frame']} of {k['durations_timed']}" if k else "–" for k in (micro, macro)]
            bias = number(macro["median_duration_bias_ms"]) if macro else None
            print(f"| {generator}, {rate.replace('fps', ' fps')} | {errors} ms | {within[0]} | {within[1]} | "
                  f"{'–' if bias is None else f'{bias:+.0f} ms'.replace('-', '−')} |")


def misses(out):
    """Why the real talking faces' micro-expressions were missed (faceflash eval's micro_missed)."""
    sets = [(name, load(path)) for name, path in (
        ("tuning set, blobs", os.path.join(out, "real", "tune")),
        ("held-out set, blobs", os.path.join(out, "real", "held-out")),
        ("held-out set, muscles", os.path.join(out, "muscles", "held-out")))]
    sets = [(name, result) for name, result in sets if result and "micro_missed" in result]
    if not sets:
        return
    # Most missed first; ties by name, so the same results always print the same table.
    reasons = sorted({r for _, result in sets for r in result["micro_missed"]},
                     key=lambda r: (-sum(result["micro_missed"].get(r, 0) for _, result in sets), r))
    print("| real talking faces, micro | found | " + " | ".join(r.replace("_", " ") for r in reasons) + " |")
    print("|---" * (len(reasons) + 2) + "|")
    for name, result in sets:
        print(f"| {name} | {result['micro']['true_positives']} | " + " | ".join(str(result["micro_missed"].get(r, 0)) for r in reasons) + " |")


def by_amplitude(out):
    """Micro-expressions found by how far they moved the face (faceflash eval's micro_found_by_amplitude)."""
    sets = [("real talking faces, tuning set, blobs", os.path.join(out, "real", "tune")),
            ("real talking faces, held-out set, blobs", os.path.join(out, "real", "held-out")),
            ("real talking faces, held-out set, muscles", os.path.join(out, "muscles", "held-out"))]
    sets += [(f"portrait, muscles, {rate.replace('fps', ' fps')}", os.path.join(out, "synth-muscles", rate)) for rate in ("25fps", "30fps", "100fps", "200fps")]
    sets = [(name, result) for name, result in ((n, load(p)) for n, p in sets) if result and result.get("micro_found_by_amplitude")]
    if not sets:
        return
    bins = sorted({(b["from_px"], b["to_px"]) for _, result in sets for b in result["micro_found_by_amplitude"]})
    print("| micro-expressions found, by amplitude | " + " | ".join(f"{a}–{b} px" for a, b in bins) + " |")
    print("|---" * (len(bins) + 1) + "|")
    for name, result in sets:
        found = {(b["from_px"], b["to_px"]): f"{b['found']} of {b['injected']}" for b in result["micro_found_by_amplitude"]}
        print(f"| {name} | " + " | ".join(found.get(b, "–") for b in bins) + " |")


def blink_detection(out):
    """Blinks found against a coding of every blink: the GRID talkers coded by eye, and the portrait's scripted blinks."""
    sets = [(f"real talking faces coded by eye (GRID), {part} part{size}", os.path.join(out, "real", f"blinks-{part}{suffix}"))
            for suffix, size in (("", ""), ("-0.5", ", faces at half size"), ("-0.4", ", faces at 0.4"), ("-0.33", ", faces at a third"))
            for part in ("tuning", "held-out")]
    sets += [(f"portrait, {generator}, {rate.replace('fps', ' fps')}".replace("camera-30 fps", "30 fps, head turning ±15°, H.264 CRF 23"),
              os.path.join(out, folder, rate))
             for generator, folder in (("blobs", "synth"), ("muscles", "synth-muscles"))
             for rate in ("25fps", "30fps", "100fps", "200fps", "camera-30fps")]
    sets = [(name, result) for name, result in ((n, load(p)) for n, p in sets) if result and result.get("blink")]
    if not sets:
        return
    print("| blinks | found | missed | reported where none was | precision | recall | flagged as micro-expressions |")
    print("|---|---|---|---|---|---|---|")
    for name, result in sets:
        b = result["blink"]
        print(f"| {name} | {b['true_positives']} | {b['false_negatives']} | {b['false_positives']} | {fraction(b['precision'])} | "
              f"{fraction(b['recall'])} | {blinks(result)} |")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: tools/spotting-table.py OUT_DIR (the folder tools/eval-all.sh wrote)")
    out = sys.argv[1]
    real_faces(out)
    print()
    portrait(out)
    print()
    timing(out)
    print()
    misses(out)
    print()
    by_amplitude(out)
    print()
    blink_detection(out)


if __name__ == "__main__":
    main()
