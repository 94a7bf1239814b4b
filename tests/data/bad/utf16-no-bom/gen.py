"""A UTF-16 (little-endian) entities.csv without a byte order mark: every
other byte is NUL."""
import os
import sys

out = sys.argv[1]
entities = "name,kind\nAmazon,investor\nAnthropic,lab\n"
with open(os.path.join(out, "entities.csv"), "wb") as f:
    f.write(entities.encode("utf-16-le"))
with open(os.path.join(out, "relationships.csv"), "w", encoding="utf-8") as f:
    f.write("from,to,kind,amount\nAmazon,Anthropic,equity,8B\n")
