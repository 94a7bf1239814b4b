#!/bin/sh
# Every XML export is valid against its format's schema, checked by
# xmllint offline: GraphML against graphml.graphdrawing.org's 1.0 XSD (its
# network locations resolved to the copies in tests/data/xsd/ by
# catalog.xml), GEXF against GEXF 1.3's RelaxNG grammar (the published 1.3
# XSD does not compile: tests/data/xsd/README.md). The bundled dataset with
# and without filters, and the datasets built to break markup. Two broken
# exports must fail, so that a schema that checks nothing cannot pass.
#
# Usage: export-schemas.sh ROUNDTRIP SOURCE_ROOT. TAP output.
set -u
roundtrip=$1
root=$2
if ! command -v xmllint >/dev/null 2>&1; then
    echo "1..0 # SKIP xmllint is not installed (Debian's libxml2-utils)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XML_CATALOG_FILES=$root/tests/data/xsd/catalog.xml
export XML_CATALOG_FILES
xsd=$root/tests/data/xsd/graphml-1.0/graphml.xsd
rng=$root/tests/data/xsd/gexf-1.3/gexf.rng

cases='data/ai-2026
data/ai-2026 --as-of 2026-02-19
data/ai-2026 --no-consolidate --status confirmed,reported --max-len 3
data/ai-2026 --scenario low --min-amount 1B
tests/data/loops-small
tests/data/inject
tests/data/pwned
tests/data/hostile
tests/data/formula'

n=0
status=0
ok() { # ok DESCRIPTION COMMAND...
    n=$((n + 1))
    what=$1
    shift
    if "$@" >"$tmp/log" 2>&1; then
        echo "ok $n - $what"
    else
        echo "not ok $n - $what"
        sed 's/^/# /' "$tmp/log"
        status=1
    fi
}
fails() { # fails DESCRIPTION COMMAND...: the command must fail
    n=$((n + 1))
    if "$@" >"$tmp/log" 2>&1; then
        echo "not ok $n - $1 (validated)"
        status=1
    else
        echo "ok $n - $1"
    fi
}
validate() { # validate FORMAT DATASET [OPTIONS]
    format=$1
    shift
    dataset=$1
    shift
    "$roundtrip" export "$@" --format "$format" -o "$tmp/out" "$root/$dataset" || return 1
    if [ "$format" = graphml ]; then
        xmllint --nonet --noout --schema "$xsd" "$tmp/out"
    else
        xmllint --nonet --noout --relaxng "$rng" "$tmp/out"
    fi
}

echo "1..$(($(printf '%s\n' "$cases" | wc -l) * 2 + 2))"
printf '%s\n' "$cases" | {
    while read -r dataset options; do
        # shellcheck disable=SC2086 # the options are words
        ok "graphml of $dataset${options:+ $options} is valid GraphML 1.0" validate graphml "$dataset" $options
        # shellcheck disable=SC2086
        ok "gexf of $dataset${options:+ $options} is valid GEXF 1.3" validate gexf "$dataset" $options
    done
    "$roundtrip" export --format graphml -o "$tmp/good.graphml" "$root/tests/data/loops-small"
    sed 's/target="e1"/target="e99"/' "$tmp/good.graphml" >"$tmp/bad.graphml"
    fails "an edge to no node is invalid GraphML" \
        xmllint --nonet --noout --schema "$xsd" "$tmp/bad.graphml"
    "$roundtrip" export --format gexf -o "$tmp/good.gexf" "$root/tests/data/loops-small"
    sed 's/start="2024-03-31"/start="2024-02-30"/' "$tmp/good.gexf" >"$tmp/bad.gexf"
    fails "a spell from 2024-02-30 is invalid GEXF" \
        xmllint --nonet --noout --relaxng "$rng" "$tmp/bad.gexf"
    exit $status
}
