"""A child outlives its parent by two seconds: it is adopted, and its getppid() changes."""

import os
import time

parent = os.getpid()
if os.fork() == 0:
    deadline = time.monotonic() + 10
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.02)  # until the parent has exited and we were adopted
    time.sleep(2)
    print("orphan done, adopted by", os.getppid())
else:
    time.sleep(0.3)
    print("parent leaves")
