#!/bin/sh
# Work that grows linearly stays linear: for each family, doubling the size
# may at most about double the instructions roundtrip executes (counted by
# valgrind's callgrind, which counts the same on a busy machine as on an
# idle one), where the quadratic scans these families were made to catch
# took four times as many. In the suite `slow`.
#   entities: rendering n entities, each its own parent (add_nodes scanned
#             every entity once per parent)
#   links:    n loops and n links among their members (each kept loop
#             scanned every link)
#   sources:  one hop with n claims, each with its own source, on 20 loops
#             (each loop compared each claim's source with every earlier one)
set -eu
roundtrip=$1
gen=$2
if ! command -v valgrind >/dev/null 2>&1; then
    echo "1..0 # SKIP valgrind is not installed" # a TAP skip: meson reads exit 77 as an error here
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

instructions() { # instructions ARGS...
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$roundtrip" "$@" 2>&1 >/dev/null |
        awk '/Collected :/ { print $4 }'
}

status=0
n=0
for family in entities links sources; do
    n=$((n + 1))
    for size in 2000 4000; do
        python3 "$gen" "$family" "$size" "$tmp/$family$size"
    done
    if [ "$family" = entities ]; then
        small=$(instructions render "$tmp/${family}2000" -o "$tmp/x.dot")
        large=$(instructions render "$tmp/${family}4000" -o "$tmp/x.dot")
    else
        small=$(instructions loops "$tmp/${family}2000")
        large=$(instructions loops "$tmp/${family}4000")
    fi
    # Linear, with its log factors and fixed costs, is at most 2.5 times.
    if [ -z "$small" ] || [ -z "$large" ] || [ $((large * 10)) -gt $((small * 25)) ]; then
        echo "not ok $n - $family: ${small:-?} instructions at 2000, ${large:-?} at 4000"
        status=1
    else
        echo "ok $n - $family: $small instructions at 2000, $large at 4000"
    fi
done
echo "1..$n"
exit $status
