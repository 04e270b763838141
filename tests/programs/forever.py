"""Never ends, and has a child and a grandchild that never end either."""

import os
import time

os.fork()
os.fork()
print(f"pid={os.getpid()} looping", flush=True)
while True:
    time.sleep(0.1)
