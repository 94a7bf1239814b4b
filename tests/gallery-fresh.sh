#!/bin/sh
# Fails when dot/ is not what the current code renders from data/ai-2026,
# and when Graphviz's dot cannot read a DOT file back.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/tests/update-gallery.sh" "$bin" "$root" "$tmp"
status=0
for f in "$tmp"/*; do
    name=$(basename "$f")
    if ! cmp -s "$f" "$root/dot/$name"; then
        echo "dot/$name is stale or missing"
        status=1
    fi
done
for f in "$root"/dot/ai-2026*; do
    [ -e "$tmp/$(basename "$f")" ] || { echo "dot/$(basename "$f") is no longer rendered"; status=1; }
done
if command -v dot >/dev/null 2>&1; then
    for f in "$tmp"/*.dot; do
        dot -Tsvg "$f" >/dev/null || { echo "dot cannot read $(basename "$f")"; status=1; }
    done
else
    echo "note: Graphviz's dot is not installed; the DOT files were not read back"
fi
[ $status -eq 0 ] || echo "regenerate with: meson compile -C build gallery"
exit $status
