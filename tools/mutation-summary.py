#!/usr/bin/env python3
"""Reads Stryker.NET's JSON report (tools/mutation.sh) and prints FaceFlash.Core's mutation score per folder, then each
file's surviving and uncovered mutants with their line, what was changed and into what.

    tools/mutation-summary.py OUT_DIR/report/reports/mutation-report.json [--files-only]

The score is Stryker's: mutants killed (a test failed, or the mutant hung past the time limit) over all mutants that
compiled and were not ignored — survivors and mutants no unit test reaches included.
"""
import collections
import json
import sys

DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")


def score(counts):
    tested = sum(counts[s] for s in DETECTED + UNDETECTED)
    return f"{sum(counts[s] for s in DETECTED) / tested:.3f}" if tested else "–"


def main():
    report = json.load(open(sys.argv[1]))
    folders = collections.defaultdict(collections.Counter)
    survivors = []
    for path, data in sorted(report["files"].items()):
        name = path.split("FaceFlash.Core/", 1)[-1]
        lines = data["source"].split("\n")
        for mutant in data["mutants"]:
            folders[name.split("/")[0] if "/" in name else "."][mutant["status"]] += 1
            if mutant["status"] in UNDETECTED:
                line = mutant["location"]["start"]["line"]
                survivors.append((name, line, mutant["status"], mutant["mutatorName"], lines[line - 1].strip(), mutant.get("replacement", "")))
    total = collections.Counter()
    print("| folder | score | killed | survived | not covered | did not compile |")
    print("|---|---|---|---|---|---|")
    for folder, counts in sorted(folders.items()):
        total.update(counts)
        print(f"| {folder} | {score(counts)} | {counts['Killed'] + counts['Timeout']} | {counts['Survived']} | {counts['NoCoverage']} | {counts['CompileError']} |")
    print(f"| all | {score(total)} | {total['Killed'] + total['Timeout']} | {total['Survived']} | {total['NoCoverage']} | {total['CompileError']} |")
    if "--files-only" in sys.argv:
        return
    print()
    for name, line, status, mutator, source, replacement in survivors:
        print(f"{name}:{line} {'survived' if status == 'Survived' else 'not covered'} ({mutator}): {source[:100]}  ->  {replacement[:100]}")


if __name__ == "__main__":
    main()
