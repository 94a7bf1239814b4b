"""Old Mac line ends: both files end their lines with CR alone, a quoted
field holds a CR line break, and the last line has no line end. Good input."""
import os
import sys

out = sys.argv[1]
with open(os.path.join(out, "entities.csv"), "wb") as f:
    f.write(b"name,kind,parent,note\rAmazon,investor,,\rAWS,cloud,Amazon,\"Amazon\rWeb Services\"\r"
            b"Anthropic,lab,,\r\rOpenAI,lab,,")
with open(os.path.join(out, "relationships.csv"), "wb") as f:
    f.write(b"from,to,kind,amount,status\rAmazon,Anthropic,equity,8B,confirmed\r"
            b"Anthropic,AWS,compute,1B,reported\rOpenAI,AWS,compute,38B,confirmed\r")
