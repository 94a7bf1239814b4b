"""entities.csv is a link to /dev/zero, made here; relationships.csv is a
good file."""
import os
import sys

out = sys.argv[1]
os.symlink("/dev/zero", os.path.join(out, "entities.csv"))
with open(os.path.join(out, "relationships.csv"), "w", encoding="utf-8") as f:
    f.write("from,to,kind,amount\nAmazon,Anthropic,equity,8B\n")
