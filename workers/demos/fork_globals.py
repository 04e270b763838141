"""After fork, each process has its own copy of every global variable."""

import os
import time

from demo_args import params

p = params(start=100, delay=3.0)
counter = p.start  # a global, copied into the child by fork()

pid = os.fork()
if pid == 0:
    counter += 1  # changes the child's copy only
    print(f"Child  {os.getpid()}: counter = {counter}")
else:
    time.sleep(p.delay)  # give the child time to change its copy first
    print(f"Parent {os.getpid()}: counter = {counter}")
    os.wait()
