#!/bin/sh
# Rebuild pressroom-fogra39-coated.icc from the FOGRA39 characterisation data
# (see profiles.yml for what each option does and what the result was checked against).
# Needs the Debian packages icc-profiles-free (the data), argyll (colprof) and python3.
# About 20-40 s on a 2-core machine; the result is byte-identical to the shipped file.
# Usage: sh build-profile.sh [OUTPUT-FOLDER]   (default: this folder)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
data=/usr/share/color/icc/FOGRA39L.ti3
name=pressroom-fogra39-coated
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data" "$work/$name.ti3"
(cd "$work" && colprof -v -qm -kr -l300 -nc \
    -D "pressroom FOGRA39 coated, TAC 300% (built from FOGRA39L.ti3 with ArgyllCMS colprof)" \
    -C "Characterisation data FOGRA39L (c) Kai-Uwe Behrmann, zlib licence; see LICENSE-FOGRA39L.txt" \
    "$name" >/dev/null)
# colprof stamps the build time into the ICC header (bytes 24-35); pin it so that a
# rebuild with the same tools gives the same bytes.
python3 - "$work/$name.icc" <<'PY'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[24:36] = struct.pack(">6H", 2026, 12, 2, 0, 0, 0)
open(path, "wb").write(bytes(data))
PY
mkdir -p "$out"
cp "$work/$name.icc" "$out/$name.icc"
sha256sum "$out/$name.icc"
