#!/bin/sh
# libroundtrip.so exports the public API and nothing else: every function
# that include/roundtrip/*.h declares RT_EXPORT, no other symbol (an
# internal rt__ or rt_x__, a helper of ours, a static library we link),
# and its soname carries the ABI's major version.
set -eu
so=$1
headers=$2
if ! command -v nm >/dev/null 2>&1 || ! command -v objdump >/dev/null 2>&1; then
    echo "nm or objdump is not installed: skipped"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$so" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' | sort -u > "$tmp/exported"
cat "$headers"/*.h | tr '\n' ' ' | tr ';' '\n' |
    sed -n 's/.*RT_EXPORT[^(]*[ *]\(rt_[a-z_0-9]*\) *(.*/\1/p' | sort -u > "$tmp/declared"
status=0
if [ ! -s "$tmp/declared" ]; then
    echo "no RT_EXPORT declaration found in $headers"
    exit 1
fi
extra=$(comm -23 "$tmp/exported" "$tmp/declared")
missing=$(comm -13 "$tmp/exported" "$tmp/declared")
if [ -n "$extra" ]; then
    echo "exported but not public API:"
    echo "$extra"
    status=1
fi
if [ -n "$missing" ]; then
    echo "public API that is not exported:"
    echo "$missing"
    status=1
fi
soname=$(objdump -p "$so" | awk '$1 == "SONAME" { print $2 }')
case $soname in
libroundtrip.so.[0-9]*) ;;
*)
    echo "soname '$soname' is not libroundtrip.so.MAJOR"
    status=1
    ;;
esac
[ $status -eq 0 ] && echo "$(basename "$so") ($soname): $(wc -l < "$tmp/exported") symbols, the public API exactly"
exit $status
