"""relationships.csv's header has an invalid UTF-8 byte in its third column
(entities.csv, committed, has a stray quote in its header)."""
import os
import sys

with open(os.path.join(sys.argv[1], "relationships.csv"), "wb") as f:
    f.write(b"from,to,ki\xffnd,amount\nAmazon,Anthropic,equity,8B\n")
