"""Lines are counted the same whatever ends them: entities.csv ends its lines
with CR alone, relationships.csv with CRLF (a quoted field holds a CRLF line
break, and one blank line is CRLF CRLF); each file has errors on known lines."""
import os
import sys

out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "wb") as f:
    f.write(b"\r".join([b"name,kind,note", b"Amazon,investor,", b'Anthropic,lab,"two', b'lines"',
                        b"OpenAI,labb,", b"", b"Nvidia,chipp,"]) + b"\r")
with open(os.path.join(out, "relationships.csv"), "wb") as f:
    f.write(b"\r\n".join([b"from,to,kind,amount,note", b"Amazon,Anthropic,equity,8B,",
                          b'Amazon,Anthropic,equity,4B,"a', b'note"', b"",
                          b"Amazon,Anthropic,equitty,1B,", b"Amazon,OpenAl,equity,1B,"]))
