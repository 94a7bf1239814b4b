"""A million columns on one line: entities.csv's header has 999,998 unknown
columns after name and kind (and its rows as many fields); relationships.csv
has a row of a million fields under an 11-column header."""
import os
import sys

N = 1000 * 1000
out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "w", encoding="utf-8") as f:
    f.write("name,kind," + ",".join("c%d" % i for i in range(3, N + 1)) + "\n")
    f.write("Amazon,investor" + "," * (N - 2) + "\n")
    f.write("Anthropic,lab" + "," * (N - 2) + "\n")
with open(os.path.join(out, "relationships.csv"), "w", encoding="utf-8") as f:
    f.write("from,to,kind,amount,status,date,end_date,source,url,deal,note\n")
    f.write("Amazon,Anthropic,equity,8B,,,,,,,\n")
    f.write("Amazon,Anthropic,equity" + ",8B" * (N - 3) + "\n")
    f.write("Amazon,Anthropic,equitty,8B,,,,,,,\n")
