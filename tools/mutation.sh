#!/usr/bin/env bash
# How much of FaceFlash.Core's logic its unit tests pin, measured by mutation testing (Stryker.NET): each mutant — a
# comparison flipped, an operator swapped, a statement or a clause removed — is compiled into Core and Core's unit
# tests are run against it. A mutant no test fails on "survives": that logic could change and no unit test would say
# so. (Some survivors change nothing that can be seen — `>=` for `>` on a value that never equals its threshold — so a
# score under 100 % is not a list of bugs; read the survivors.) Core's code that only the integration tests reach counts
# as not covered here, and a mutant in a static field's initial value is measured unreliably (the field is set once
# per test process, whether or not that mutant is on then).
#   tools/mutation.sh OUT_DIR [GLOB…]
# GLOB is relative to src/FaceFlash.Core (e.g. 'Segmentation/*.cs'; default: all of it). Prints the score per folder
# and the survivors of each file; OUT_DIR/report holds Stryker's JSON and HTML reports. The whole of Core: about 25
# minutes on two cores.
#
# It works on a copy of Core and its tests: Stryker's default runner (VSTest) cannot switch mutants on inside xunit v3's
# out-of-process test host, where every mutant "survives" (measured), so in the copy Core's tests run on Microsoft
# Testing Platform (xunit.v3.mtp-v2) for Stryker's MTP runner. The suite itself (tools/test.sh) is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/mutation.sh OUT_DIR [GLOB…]}
shift
stryker_version=5.1.0
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

tools="$out/.tools"
if [ ! -x "$tools/dotnet-stryker" ]; then
  dotnet tool install --tool-path "$tools" dotnet-stryker --version "$stryker_version" >/dev/null
fi

# The copy: Core and its tests as they stand in this working tree (uncommitted changes included), without builds.
tree="$out/tree"
rm -rf "$tree"
mkdir -p "$tree/src" "$tree/tests"
cp Directory.Build.props "$tree/"
tar -C src --exclude=bin --exclude=obj -cf - FaceFlash.Core | tar -C "$tree/src" -xf -
tar -C tests --exclude=bin --exclude=obj -cf - FaceFlash.Core.Tests | tar -C "$tree/tests" -xf -
project="$tree/tests/FaceFlash.Core.Tests/FaceFlash.Core.Tests.csproj"
grep -q 'xunit.v3.mtp-off' "$project" || { echo "error: $project no longer references xunit.v3.mtp-off; update this script" >&2; exit 1; }
sed -i -e 's/xunit\.v3\.mtp-off/xunit.v3.mtp-v2/' -e '/Microsoft\.NET\.Test\.Sdk/d' -e '/xunit\.runner\.visualstudio/d' "$project"

mutate=()
for glob in "$@"; do mutate+=(--mutate "$glob"); done
rm -rf "$out/report"
(cd "$tree/tests/FaceFlash.Core.Tests" &&
  "$tools/dotnet-stryker" --test-runner mtp --concurrency "$(nproc)" --reporter json --reporter html --reporter progress \
    --output "$out/report" "${mutate[@]}" >"$out/stryker.log" 2>&1) || { tail -20 "$out/stryker.log" >&2; exit 1; }
python3 tools/mutation-summary.py "$out/report/reports/mutation-report.json"
