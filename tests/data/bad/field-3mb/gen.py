"""A 3 MB field: the note of relationships.csv's third row (a quote left
open in a spreadsheet swallows a file like this). Reading stops there; the
errors before it are still reported, entities.csv is still read."""
import os
import sys

out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "w", encoding="utf-8") as f:
    f.write("name,kind\nAmazon,investor\nAnthropic,labb\n")
with open(os.path.join(out, "relationships.csv"), "w", encoding="utf-8") as f:
    f.write("from,to,kind,amount,note\n")
    f.write("Amazon,Anthropic,equitty,8B,\n")
    f.write("Amazon,Anthropic,equity,4B," + "x" * (3 * 1000 * 1000) + "\n")
    f.write("Amazon,Anthropic,loan,-1B,\n")  # not read
