#!/bin/sh
# The loop explorer in a real browser: tests/browser/explorer.mjs drives
# Debian's chromium with playwright-core (npm ci in tests/browser). Skipped
# (77) without node, chromium or those node modules.
#     browser.sh HTML-PAGE-PROGRAM SOURCE-ROOT OUT-DIR
set -eu
page=$1 root=$2 out=$3
chromium=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "node is not installed: skipped"
    exit 77
fi
if [ ! -x "$chromium" ]; then
    echo "$chromium is not installed (apt-get install chromium): skipped"
    exit 77
fi
if [ ! -d "$root/tests/browser/node_modules/playwright-core" ]; then
    echo "playwright-core is not installed (npm ci in tests/browser): skipped"
    exit 77
fi
mkdir -p "$out"
"$page" "$root/data/ai-2026" "$out/ai-2026.html"
"$page" "$root/tests/data/pwned" "$out/pwned.html"
cd "$root/tests/browser"
CHROMIUM=$chromium exec node explorer.mjs "$out/ai-2026.html" "$out/pwned.html" "$out"
