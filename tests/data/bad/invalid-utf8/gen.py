"""Invalid UTF-8 in every column of both files: after two good rows, row k has
a bad byte sequence in column k only (a different kind of bad sequence on
each row), so every column's position is asserted. The last row of each
file has two bad columns: a row is reported once, at its first."""
import os
import sys

BAD = [
    b"\xff",              # never valid
    b"\x80",              # a lone continuation byte
    b"\xc0\xaf",          # overlong '/'
    b"\xed\xa0\x80",      # a UTF-16 surrogate
    b"\xf5\x80\x80\x80",  # above U+10FFFF
    b"\xe2\x82",          # a truncated sequence
    b"caf\xe9",           # Latin-1, as Windows exports write it
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\xc3",              # a truncated sequence
    b"\xfe",              # never valid
    b"\xe0\x80\x80",      # overlong NUL
]


def write(path, header, good, extra):
    rows = [b",".join(header), b",".join(good), b",".join(extra)]
    for k in range(len(header)):
        row = list(good)
        # In the middle of the field, or alone when the field is empty.
        row[k] = row[k][:2] + BAD[k] + row[k][2:]
        if k % 3 == 2:
            row[k] = b'"' + row[k] + b'"'  # quoted fields are checked too
        rows.append(b",".join(row))
    last = list(good)
    last[1] = b"x\xff"
    last[2] = b"y\xff"
    rows.append(b",".join(last))
    with open(path, "wb") as f:
        f.write(b"\n".join(rows) + b"\n")


out = sys.argv[1]
write(os.path.join(out, "entities.csv"),
      [b"name", b"kind", b"parent", b"aliases", b"country", b"url", b"note"],
      [b"Amazon", b"investor", b"", b"AMZN", b"US", b"https://amazon.com", b"ok"],
      [b"Anthropic", b"lab", b"", b"", b"US", b"", b""])
write(os.path.join(out, "relationships.csv"),
      [b"from", b"to", b"kind", b"amount", b"status", b"date", b"end_date",
       b"source", b"url", b"deal", b"note"],
      [b"Amazon", b"Anthropic", b"equity", b"8B", b"confirmed", b"2024", b"2025",
       b"Reuters", b"https://example.com", b"d1", b"ok"],
      [b"Anthropic", b"Amazon", b"compute", b"1B", b"", b"", b"", b"", b"", b"d1", b""])
