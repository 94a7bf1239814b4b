"""The dataset path names a device with no end (/dev/zero, through a link
made here): it is refused before it is read."""
import os
import sys

os.symlink("/dev/zero", os.path.join(sys.argv[1], "zero"))
