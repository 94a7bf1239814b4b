#!/bin/sh
# Regenerate the golden outputs the tests compare against:
#   meson compile -C build update-golden
# and the console examples of README.md; then review the diff before committing it.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2"
"$bin" loops tests/data/loops-small > tests/data/golden/loops-small.txt
"$bin" loops --format json tests/data/loops-small > tests/data/golden/loops-small.json
"$bin" loops --format markdown tests/data/loops-small > tests/data/golden/loops-small.md
"$bin" loops data/ai-2026 > tests/data/golden/ai-2026-loops.txt
"$bin" loops --format json data/ai-2026 > tests/data/golden/ai-2026-loops.json
"$bin" loops --format markdown data/ai-2026 > tests/data/golden/ai-2026-loops.md
"$bin" entities data/ai-2026 > tests/data/golden/ai-2026-entities.txt
"$bin" entities --format markdown data/ai-2026 > tests/data/golden/ai-2026-entities.md
python3 tests/update-readme.py "$bin" .
