"""10^5 entities in one parent loop: E0's parent is E1, ..., E99999's is E0.
One error, on E0's line; the chain in the message is cut at 400 bytes."""
import os
import sys

N = 100 * 1000
out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "w", encoding="utf-8") as f:
    f.write("name,kind,parent\n")
    for i in range(N):
        f.write("E%d,other,E%d\n" % (i, (i + 1) % N))
with open(os.path.join(out, "relationships.csv"), "w", encoding="utf-8") as f:
    f.write("from,to,kind,amount\nE0,E5,equity,1B\n")
