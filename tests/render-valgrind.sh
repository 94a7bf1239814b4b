#!/bin/sh
# Graphviz 2.43's dot layout has a double free that AddressSanitizer did not
# catch but valgrind does (see src/render/render.c, newrank). Render every
# diagram of the gallery under valgrind's memcheck and fail on any error.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind is not installed: skipped"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {
    valgrind -q --error-exitcode=9 --leak-check=no "$bin" render "$@" -o "$tmp/out.svg" ||
        { echo "valgrind found errors rendering: $*"; exit 1; }
}
check data/ai-2026
check data/ai-2026 --loops-only
check tests/data/loops-small
check tests/data/hostile
n=$("$bin" loops --count data/ai-2026)
i=1
while [ "$i" -le "$n" ]; do
    check data/ai-2026 --loop "$i"
    i=$((i + 1))
done
echo "$((n + 4)) renders clean under valgrind"
