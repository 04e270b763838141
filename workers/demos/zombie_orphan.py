"""A zombie: a child that has ended but was not waited for. An orphan: a child
whose parent ended first.

1. The child exits at once; the parent sleeps before wait(). Meanwhile the child
   is a zombie (state Z): it runs no more, but its exit status waits for the
   parent. wait() collects ("reaps") it, and the zombie is gone.
2. A middle process forks a grandchild and exits without waiting for it. The
   orphaned grandchild is adopted: its getppid() changes to the adopter's pid.
"""

import os
import time

from demo_args import params

p = params(delay=2.0)


def state_of(pid):
    """The state letter in /proc/PID/stat: R running, S sleeping, Z zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


# 1. A zombie
pid = os.fork()
if pid == 0:
    print(f"child {os.getpid()} exits at once", flush=True)
    os._exit(0)  # ends this process here
time.sleep(p.delay)  # the parent does not wait() yet: the child is a zombie
print(f"parent: child {pid} is in state {state_of(pid)} before wait()")
reaped, status = os.wait()  # collects the exit status: the zombie is reaped
code = os.waitstatus_to_exitcode(status)
print(f"parent: wait() reaped {reaped}, exit code {code}")
print(f"parent: child {pid} is {state_of(pid)} after wait()")

# 2. An orphan
done_r, done_w = os.pipe()  # lets the parent wait for its grandchild below
middle = os.fork()
if middle == 0:  # the middle process
    me = os.getpid()
    if os.fork() == 0:  # the grandchild
        while os.getppid() == me:
            time.sleep(0.05)  # until the middle process has ended
        said = f"orphan {os.getpid()}: parent was {me}, now {os.getppid()}"
        print(said, flush=True)
        os._exit(0)  # closes done_w: the parent's read() below returns
    print(f"middle {me} exits, leaving its child behind", flush=True)
    os._exit(0)
os.close(done_w)  # the parent's copy
os.waitpid(middle, 0)  # reap the middle process, so it is no zombie
os.read(done_r, 1)  # returns b"" when every copy of done_w is closed
print("parent: the orphan has ended")
