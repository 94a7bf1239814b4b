"""entities.csv is 4096 NUL bytes (a disk image, a crashed save);
relationships.csv is fine."""
import os
import sys

out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "wb") as f:
    f.write(b"\0" * 4096)
with open(os.path.join(out, "relationships.csv"), "w", encoding="utf-8") as f:
    f.write("from,to,kind,amount\nAmazon,Anthropic,equity,8B\n")
