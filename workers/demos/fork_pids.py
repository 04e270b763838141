"""os.getpid() is a process's own id; os.getppid() is its parent's."""

import os
import time

pid = os.fork()

if pid == 0:
    print(f"Child:  my pid is {os.getpid()}, getppid() is {os.getppid()}")
    time.sleep(1)
else:
    print(f"Parent: my pid is {os.getpid()}, my child's pid is {pid}")
    time.sleep(1)
    os.wait()
