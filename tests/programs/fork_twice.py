"""Two forks in a row: four processes. Every process reports who its parent is."""

import os
import time

os.fork()
os.fork()
print(f"pid={os.getpid()} ppid={os.getppid()}", flush=True)
time.sleep(0.2)  # let everyone print before parents exit
# Parents wait for their children so the tree stays intact until the end.
try:
    while True:
        os.wait()
except ChildProcessError:
    pass
