"""10^5 entities in one parent chain, listed from the bottom: E0's parent is
E1, ..., E99998's is E99999, the top. Good input: walking the chain must
not take the stack (or quadratic time) with it."""
import os
import sys

N = 100 * 1000
out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "w", encoding="utf-8") as f:
    f.write("name,kind,parent\n")
    for i in range(N - 1):
        f.write("E%d,other,E%d\n" % (i, i + 1))
    f.write("E%d,investor,\n" % (N - 1))
    f.write("Lab,lab,\n")
with open(os.path.join(out, "relationships.csv"), "w", encoding="utf-8") as f:
    f.write("from,to,kind,amount\n")
    f.write("E%d,Lab,equity,8B\n" % (N - 1))
    f.write("Lab,E0,compute,4B\n")
