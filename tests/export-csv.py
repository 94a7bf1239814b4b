#!/usr/bin/env python3
"""The CSV exports say what `roundtrip loops` says, in CSV a spreadsheet
cannot be made to run.

For each dataset and set of filters: csv-loops has as many rows as
`roundtrip loops --count` counts, and each row the figures `roundtrip loops
--format json` gives the loop of its rank (status, kind, length,
circulating low and high, ratio and its range, first and last date, its
members); csv-hops has a row for each claim on each relationship of each
hop of each loop, in the JSON report's order, with the same amount,
dollars, status, dates, source, URL and line. Both read as RFC 4180 CSV
(Python's csv module), with CRLF line ends, and no field starts with what a
spreadsheet runs as a formula ("=", "+", "-", "@", tab, CR): the names of
tests/data/formula come out behind a "'".

Usage: export-csv.py ROUNDTRIP SOURCE_ROOT. TAP output."""
import csv
import io
import json
import os
import subprocess
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
roundtrip, root = sys.argv[1], sys.argv[2]

CASES = [
    ("data/ai-2026", []),
    ("data/ai-2026", ["--status", "reported", "--max-len", "3"]),
    ("data/ai-2026", ["--as-of", "2026-02-19"]),
    ("data/ai-2026", ["--scenario", "high", "--no-consolidate"]),
    ("tests/data/loops-small", []),
    ("tests/data/formula", []),
    ("tests/data/inject", []),
    ("tests/data/pwned", []),
]
FORMULA = ("=", "+", "-", "@", "\t", "\r")
LOOPS_HEADER = ["rank", "members", "length", "kind", "status", "circulating_low_usd",
                "circulating_high_usd", "ratio", "ratio_low", "ratio_high", "first_date",
                "last_date"]
HOPS_HEADER = ["rank", "hop", "from", "to", "relationship_from", "relationship_to", "kind",
               "class", "amount", "amount_low_usd", "amount_high_usd", "status", "date",
               "until", "source", "url", "line"]
CLASSES = {"equity": "stake", "compute": "spend", "chips": "spend", "datacenter": "spend",
           "services": "spend", "loan": "debt", "hosting": "link", "partnership": "link"}


def run(*args):
    return subprocess.run([roundtrip] + list(args), capture_output=True, check=True).stdout


def rows(data, header, problems, what):
    """The CSV rows after the header; CRLF ends and no formula checked."""
    text = data.decode("utf-8")
    if not text.endswith("\r\n") or "\n" in text.replace("\r\n", ""):
        problems.append("%s: a line does not end in CRLF" % what)
    table = list(csv.reader(io.StringIO(text, newline="")))
    if table[0] != header:
        problems.append("%s: header %r" % (what, table[0]))
    for r in table[1:]:
        for cell in r:
            if cell.startswith(FORMULA):
                problems.append("%s: a spreadsheet would run %r" % (what, cell))
    return table[1:]


def shown(cell):
    """A field as written in the data, before it was neutralised."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA) else cell


def usd(u):
    return ("", "") if u is None else (str(u["low"]), str(u["high"]))


def ratio(x):
    return "" if x is None else "%.4f" % x


def check(dataset, options):
    path = os.path.join(root, dataset)
    problems = []
    count = int(run("loops", "--count", *options, path))
    loops = json.loads(run("loops", "--format", "json", *options, path))["loops"]
    loop_rows = rows(run("export", "--format", "csv-loops", "-o", "-", *options, path),
                     LOOPS_HEADER, problems, "csv-loops")
    hop_rows = rows(run("export", "--format", "csv-hops", "-o", "-", *options, path),
                    HOPS_HEADER, problems, "csv-hops")
    if len(loop_rows) != count or count != len(loops):
        problems.append("%d rows, %d loops counted, %d reported" %
                        (len(loop_rows), count, len(loops)))
    for row, loop in zip(loop_rows, loops):
        r = loop.get("round_trip_ratio_range") or {}
        want = [str(loop["rank"]), " -> ".join(loop["entities"] + loop["entities"][:1]),
                str(loop["length"]), loop["kind"], loop["status"],
                *usd(loop["circulating_usd"]), ratio(loop["round_trip_ratio"]),
                ratio(r.get("low")), ratio(r.get("high")), loop["first_date"] or "",
                loop["last_date"] or ""]
        have = [shown(c) for c in row]
        if have != want:
            problems.append("csv-loops rank %s: %r, not %r" % (loop["rank"], have, want))
    want_hops = []
    for loop in loops:
        for h, hop in enumerate(loop["hops"], 1):
            for rel in hop["relationships"]:
                for c in rel["claims"]:
                    want_hops.append([
                        str(loop["rank"]), str(h), hop["from"], hop["to"], rel["from"],
                        rel["to"], rel["kind"], CLASSES[rel["kind"]], c["amount"] or "",
                        *usd(c["amount_usd"]), c["status"], c["date"] or "", c["until"] or "",
                        c["source"] or "", c["url"] or "", str(c["line"])])
    have_hops = [[shown(c) for c in row] for row in hop_rows]
    if have_hops != want_hops:
        problems.append("csv-hops: %d rows, %d claims on hops" % (len(have_hops), len(want_hops)))
        for have, want in zip(have_hops, want_hops):
            if have != want:
                problems.append("csv-hops: %r, not %r" % (have, want))
                break
    if dataset.endswith("formula"):
        neutralised = [c for r in loop_rows + hop_rows for c in r if c.startswith("'=")]
        if not neutralised:
            problems.append("no name of tests/data/formula came out behind a '")
    return problems


def main():
    print("1..%d" % len(CASES))
    status = 0
    for n, (dataset, options) in enumerate(CASES, 1):
        try:
            problems = check(dataset, options)
        except Exception as e:
            problems = ["%s: %s" % (type(e).__name__, e)]
        print("%s %d - csv-loops and csv-hops of %s%s say what loops says" %
              ("not ok" if problems else "ok", n, dataset,
               "".join(" " + o for o in options)))
        for p in problems[:20]:
            print("# " + p)
        status |= bool(problems)
    return status


sys.exit(main())
