#!/bin/sh
# The loop explorer's script parses as JavaScript (node --check); skipped
# (77) where node is not installed.
set -eu
if ! command -v node >/dev/null 2>&1; then
    echo "node is not installed: skipped"
    exit 77
fi
node --check "$1"
