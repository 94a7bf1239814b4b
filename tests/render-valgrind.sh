#!/bin/sh
# Graphviz 2.43's dot layout has a double free that AddressSanitizer did not
# catch but valgrind does (see src/render/render.c, newrank). Render every
# diagram of the gallery, and the loop explorer's page (a drawing and the
# loops of every date), under valgrind's memcheck and fail on any error.
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
    out=$tmp/out.svg
    case "$1" in *.html) out=$tmp/$1; shift ;; esac
    valgrind -q --error-exitcode=9 --leak-check=no "$bin" render "$@" -o "$out" ||
        { echo "valgrind found errors rendering: $*"; exit 1; }
}
check data/ai-2026
check data/ai-2026 --loops-only
check tests/data/loops-small
check tests/data/hostile
check page.html data/ai-2026
check page.html tests/data/pwned
n=$("$bin" loops --count data/ai-2026)
i=1
while [ "$i" -le "$n" ]; do
    check data/ai-2026 --loop "$i"
    i=$((i + 1))
done
echo "$((n + 6)) renders clean under valgrind"
