"""Control characters in every kind of field: C0, ESC sequences, DEL, C1."""
import os
import sys

rows = [
    "from,to,kind,source,note",
    "A\x0cB,C,equity,Paper,",                      # form feed in a name
    'X,"Y\nZ",equity,Paper,',                      # a line break in a name
    "P,Q\x1b[31m,equity,Paper,",                   # an ANSI colour
    "M,N,equity,Paper\x1b]0;title\x07,",           # a window title, BEL-ended
    "R,S\u009b,equity,Paper,",                     # C1 CSI
    "T,U,equity\x7f,Paper,",                       # DEL
    'V,W,equity,Paper,"a note\twith a tab\nand a line break"',  # fine
    "K,L,equity,Paper,bell\x07",                   # BEL in a note
]
with open(os.path.join(sys.argv[1], "deals.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("\n".join(rows) + "\n")
