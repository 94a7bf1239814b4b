"""UTF-16 exports: entities.csv little-endian with a BOM, relationships.csv
big-endian with a BOM, as spreadsheets write "Unicode text"."""
import os
import sys

out = sys.argv[1]
entities = "name,kind\nAmazon,investor\nAnthropic,lab\n"
relationships = "from,to,kind,amount\nAmazon,Anthropic,equity,8B\n"
with open(os.path.join(out, "entities.csv"), "wb") as f:
    f.write(entities.encode("utf-16"))  # BOM, then little-endian on this platform
with open(os.path.join(out, "relationships.csv"), "wb") as f:
    f.write(b"\xfe\xff" + relationships.encode("utf-16-be"))
