"""A child exits at once; its parent waits only a second later: a zombie meanwhile."""

import os
import time

pid = os.fork()
if pid == 0:
    os._exit(0)
time.sleep(1.0)
print("state:", open(f"/proc/{pid}/stat").read().split()[2])
os.wait()
print("reaped")
