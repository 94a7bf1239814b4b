#!/bin/sh
# The library never prints and never ends the process: no object of
# libroundtrip.a may call exit(), abort() or assert(), nor write to stdout
# or stderr. Errors are returned as codes and messages (STYLE.md). This
# reads the symbols each object needs, so a new printf() anywhere fails here.
set -eu
lib=$1
if ! command -v nm >/dev/null 2>&1; then
    echo "nm is not installed: skipped"
    exit 77
fi
forbidden='exit|_exit|_Exit|quick_exit|abort|__assert_fail|printf|__printf_chk|vprintf|fprintf|__fprintf_chk|vfprintf|__vfprintf_chk|dprintf|puts|fputs|putchar|fputc|putc|fwrite|perror|psignal|stdout|stderr|syslog|write'
found=$(nm -A -u "$lib" | awk -v re="^($forbidden)$" '$NF ~ re { print }')
if [ -n "$found" ]; then
    echo "the library prints or exits:"
    echo "$found"
    exit 1
fi
n=$(nm -A -u "$lib" | wc -l)
echo "$(basename "$lib"): none of $n undefined symbols prints or exits"
