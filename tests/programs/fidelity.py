"""Prints what a program can see of how it was started."""

import multiprocessing
import os
import sys

print("name", __name__)
print("process", multiprocessing.current_process().name)
print("argv", [os.path.basename(a) for a in sys.argv])
print("path0", os.path.basename(sys.path[0]))
print("method", multiprocessing.get_start_method())
print("file", os.path.basename(__file__))
print("to stderr", file=sys.stderr)
sys.exit(5)
