#!/bin/sh
# Every command of the CLI on the bundled dataset under valgrind's memcheck:
# no memory error and no leak (definite, indirect or possible). Graphviz's
# own leaks are suppressed by library name only (tests/valgrind.supp, the
# same libraries as tests/lsan.supp); memory still reachable at exit (the
# one Graphviz context of the process) is not a leak.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
if ! command -v valgrind >/dev/null 2>&1; then
    echo "1..0 # SKIP valgrind is not installed" # a TAP skip: meson reads exit 77 as an error here
    exit 0
fi
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
check() { # check EXPECTED-EXIT ARGS...
    want=$1
    shift
    n=$((n + 1))
    set +e
    valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect,possible \
        --show-leak-kinds=definite,indirect,possible --num-callers=50 \
        --suppressions=tests/valgrind.supp "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    set -e
    if [ "$got" -ne "$want" ]; then
        echo "not ok $n - roundtrip $* exited $got, not $want"
        cat "$tmp/err"
        exit 1
    fi
    echo "ok $n - roundtrip $*"
}
echo "1..22"
check 0 check data/ai-2026
check 0 loops data/ai-2026
check 0 loops --format json --all --max-len 0 data/ai-2026
check 0 loops --format markdown --svg "$tmp/loops.svg" -o "$tmp/loops.md" data/ai-2026
check 0 entities data/ai-2026
check 1 diff --old-as-of 2024-06 data/ai-2026 data/ai-2026
check 0 render data/ai-2026 -o "$tmp/map.svg"
check 0 render data/ai-2026 -o "$tmp/map.dot"
check 0 render data/ai-2026 --loops-only -o "$tmp/map.png"
check 0 render data/ai-2026 --layout sfdp -o "$tmp/map.pdf"
check 0 export data/ai-2026 -o "$tmp/money.graphml"
check 0 export --as-of 2026-02-19 data/ai-2026 -o "$tmp/money.gexf"
check 0 export data/ai-2026 -o "$tmp/money.json"
check 0 export --format csv-loops data/ai-2026 -o "$tmp/loops.csv"
check 0 export --format csv-hops --no-consolidate data/ai-2026 -o "$tmp/hops.csv"
check 0 export data/ai-2026 -o "$tmp/money.ftm"
check 0 import --from ftm "$tmp/money.ftm" -o "$tmp/from-ftm"
check 0 import --from graphml "$tmp/money.graphml" -o "$tmp/from-graphml"
check 65 check tests/data/bad/typos
check 66 loops /nonexistent-rt
check 64 loops --max-len x data/ai-2026
check 73 render data/ai-2026 -o /nonexistent-rt/x.svg
