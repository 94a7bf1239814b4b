#!/bin/sh
# The loop explorer in a real browser: tests/browser/explorer.mjs drives
# Debian's chromium with playwright-core (npm ci in tests/browser). Skipped
# (a TAP skip) without node, chromium or those node modules. The pages are
# made by the CLI, and the script checks them against what the CLI says.
#     browser.sh ROUNDTRIP SOURCE-ROOT OUT-DIR
set -eu
roundtrip=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") root=$2 out=$3
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
"$roundtrip" render "$root/data/ai-2026" -o "$out/ai-2026.html"
"$roundtrip" render "$root/tests/data/pwned" -o "$out/pwned.html"
cd "$root/tests/browser"
CHROMIUM=$chromium exec node explorer.mjs "$roundtrip" "$root/data/ai-2026" "$out/ai-2026.html" \
    "$out/pwned.html" "$out"
