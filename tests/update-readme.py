#!/usr/bin/env python3
"""Rewrite every ```console block of README.md with what its command prints.

  tests/update-readme.py ROUNDTRIP SOURCE_ROOT

The first line of a block is "$ build/roundtrip ARGS"; the rest becomes the
command's stdout then stderr, as test_cli_readme_examples_are_true compares
them. Run by `meson compile -C build update-golden`; review the diff.
"""
import os
import re
import subprocess
import sys


def main():
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.chdir(root)
    with open("README.md", encoding="utf-8") as f:
        text = f.read()

    def rerun(m):
        cmd = m.group(1)
        args = cmd.split(" ")
        assert args[0] == "build/roundtrip", cmd
        r = subprocess.run([binary] + args[1:], capture_output=True)
        out = (r.stdout + r.stderr).decode("utf-8")
        return "```console\n$ " + cmd + "\n" + out + "```"

    text = re.sub(r"```console\n\$ ([^\n]*)\n.*?```", rerun, text, flags=re.S)
    with open("README.md", "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
