"""A NUL byte inside a field, in the middle of a good file: in a name, in a
quoted note, and in the last field of the last row without a final newline."""
import os
import sys

out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "wb") as f:
    f.write(b"name,kind,note\nAmazon,investor,\nAnthr\0opic,lab,\nOpenAI,lab,\n")
with open(os.path.join(out, "relationships.csv"), "wb") as f:
    f.write(b"from,to,kind,amount,note\n"
            b"Amazon,OpenAI,equity,8B,\n"
            b'Amazon,OpenAI,equity,9B,"a note\nwith a \0 NUL"\n'
            b"Amazon,OpenAI,equitty,10B,\n"
            b"OpenAI,Amazon,compute,1B,\0")
