"""Two forks in a row make four processes: the second runs in both processes.

Parents leave first without waiting, so their children become orphans: watch the
orphans' getppid() change when another process adopts them.
"""

import os
import time

first = os.fork()  # 1 process becomes 2
if first == 0:
    print(f"1st fork: child  {os.getpid()} (parent {os.getppid()})")
else:
    print(f"1st fork: parent {os.getpid()} made {first}")

parent = os.getpid()  # the parent of the child the next fork makes
second = os.fork()  # runs in BOTH processes: 2 become 4
if second == 0:
    print(f"2nd fork: child  {os.getpid()} (parent {os.getppid()})")
else:
    print(f"2nd fork: parent {os.getpid()} made {second}")

time.sleep(0.5)
if second != 0:
    # This process has a child; it ends now without waiting for it.
    print(f"{os.getpid()} exits, leaving its child behind")
else:
    deadline = time.monotonic() + 10
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.05)  # until our parent has exited and we were adopted
    print(f"{os.getpid()}: parent was {parent}, now adopted by {os.getppid()}")
