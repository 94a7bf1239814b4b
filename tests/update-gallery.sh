#!/bin/sh
# Render the gallery of the bundled dataset into OUTDIR (default dot/):
# the whole map, the loops only, and one diagram per loop, as .dot and .svg,
# and the loop explorer as one HTML page.
#   meson compile -C build gallery        regenerate dot/
#   tests/update-gallery.sh BIN SRCROOT [OUTDIR]
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2"
out=${3:-dot}
data=data/ai-2026
mkdir -p "$out"
rm -f "$out"/ai-2026*.dot "$out"/ai-2026*.svg "$out"/ai-2026*.html
"$bin" render "$data" -o "$out/ai-2026.html"
for ext in dot svg; do
    "$bin" render "$data" -o "$out/ai-2026.$ext"
    "$bin" render "$data" --loops-only -o "$out/ai-2026-loops.$ext"
done
n=$("$bin" loops --count "$data")
i=1
while [ "$i" -le "$n" ]; do
    num=$(printf '%02d' "$i")
    for ext in dot svg; do
        "$bin" render "$data" --loop "$i" -o "$out/ai-2026-loop-$num.$ext"
    done
    i=$((i + 1))
done
