#!/bin/sh
# The library keeps no mutable global state (STYLE.md; README, "Using the
# library"): every object of libroundtrip.a is read for objects in writable
# sections (.data, .bss and the like, not .rodata or .data.rel.ro), and
# each must be on the allow list below, which says why it cannot be an
# option, a per-call context or a per-graph or per-render state.
set -eu
lib=$1
if ! command -v objdump >/dev/null 2>&1; then
    echo "objdump is not installed: skipped"
    exit 77
fi
# name: why
allow='
fail_countdown: util/alloc.c, allocation failures injected by test_oom (atomic)
fail_happened: util/alloc.c, the same
igraph_lock: graph/igraph.c, igraph 0.10.2 is not thread-safe: one lock for its calls
reason: graph/igraph.c, the last igraph error, under igraph_lock
saved_error: graph/igraph.c, the caller'"'"'s igraph handler, under igraph_lock
saved_warning: graph/igraph.c, the same
render_lock: render/render.c, Graphviz is not thread-safe: one lock for rt_render()
gv_message: render/render.c, the last Graphviz message, under render_lock
gvc_once: render/render.c, the one Graphviz context (its pango plugin cannot have two)
shared_gvc: render/render.c, that context
xml_once: export/xml.c, xmlInitParser() must run once before libxml2 is used from several threads
'
found=$(objdump -t "$lib" | awk '
    / O / {
        sec = $4
        if (sec ~ /^\.(data|bss|tbss|tdata)/ && sec !~ /^\.data\.rel\.ro/ || sec == "*COM*")
            print $NF
    }' | sort -u)
bad=0
n=0
for sym in $found; do
    n=$((n + 1))
    case $sym in
    __odr_asan* | __asan* | __ubsan* | __sancov* | __tsan*)
        n=$((n - 1)) # a sanitizer's own instrumentation, not ours
        continue
        ;;
    esac
    name=${sym%%.*} # a function-local static is "name.N"
    if ! printf '%s\n' "$allow" | grep -q "^$name: "; then
        echo "writable global '$sym' is not on the allow list of $0"
        bad=1
    fi
done
if [ $bad -ne 0 ]; then
    objdump -t "$lib" | grep ' O ' | grep -v 'rodata\|data\.rel\.ro' >&2 || true
    exit 1
fi
echo "$(basename "$lib"): $n writable globals, each on the allow list"
