#!/usr/bin/env python3
"""Count the elementary cycles of a directed graph read from a roundtrip-style
relationships CSV, with NetworkX 3.x. Peer for bench/run.

usage: nx_cycles.py FILE.csv [K]

FILE.csv has a header row naming `from` and `to` columns and one row per arc;
every distinct name is a vertex. K, if given and not 0, counts only cycles of at
most K arcs (nx.simple_cycles(G, length_bound=K), which needs NetworkX >= 3.1).
Prints the count on stdout.
"""

import csv
import sys

import networkx as nx


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: nx_cycles.py FILE.csv [K]", file=sys.stderr)
        return 64
    bound = int(argv[2]) if len(argv) == 3 else 0
    G = nx.DiGraph()
    with open(argv[1], newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        fi, ti = header.index("from"), header.index("to")
        for row in reader:
            if row:
                G.add_edge(row[fi], row[ti])
    if bound:
        cycles = nx.simple_cycles(G, length_bound=bound)
    else:
        cycles = nx.simple_cycles(G)
    print(sum(1 for _ in cycles))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
