"""os.fork() returns twice: 0 in the child, the child's pid in the parent."""

import os
import time

print(f"Before fork: one process, pid {os.getpid()}")

pid = os.fork()  # from here on, two processes run this same code

if pid == 0:
    # fork() returned 0: this is the new child process.
    print(f"Child:  fork() returned 0, my pid is {os.getpid()}")
    time.sleep(1)  # long enough to watch both lanes
else:
    # fork() returned the child's pid: this is the original parent process.
    print(f"Parent: fork() returned {pid}, my pid is {os.getpid()}")
    time.sleep(1)
    os.wait()  # collect the child's exit status, so it does not stay a zombie
