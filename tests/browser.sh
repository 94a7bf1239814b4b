#!/bin/sh
# The loop explorer in a real browser: tests/browser/explorer.mjs drives
# Debian's chromium with playwright-core (npm ci in tests/browser). Skipped
# (a TAP skip) without node, chromium or those node modules.
#     browser.sh HTML-PAGE-PROGRAM SOURCE-ROOT OUT-DIR
set -eu
page=$1 root=$2 out=$3
chromium=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "1..0 # SKIP node is not installed" # a TAP skip: meson reads exit 77 as an error here
    exit 0
fi
if [ ! -x "$chromium" ]; then
    echo "1..0 # SKIP $chromium is not installed (apt-get install chromium)" # a TAP skip: meson reads exit 77 as an error here
    exit 0
fi
if [ ! -d "$root/tests/browser/node_modules/playwright-core" ]; then
    echo "1..0 # SKIP playwright-core is not installed (npm ci in tests/browser)" # a TAP skip: meson reads exit 77 as an error here
    exit 0
fi
mkdir -p "$out"
"$page" "$root/data/ai-2026" "$out/ai-2026.html"
"$page" "$root/tests/data/pwned" "$out/pwned.html"
cd "$root/tests/browser"
CHROMIUM=$chromium exec node explorer.mjs "$out/ai-2026.html" "$out/pwned.html" "$out"
