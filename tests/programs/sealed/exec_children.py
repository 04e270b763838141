"""Children that exec a program burning CPU: after a raw fork, and through subprocess with a
preexec_fn, from the main process or from a multiprocessing child (fork or spawn). A SIGPROF
timer that survived exec would kill them (-27)."""

import multiprocessing as mp
import os
import subprocess
import sys

BURN = "n = 0\nfor i in range(3_000_000):\n    n += i\nprint('burnt', n > 0)"
LOOP = "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo shell burnt"


def exec_children() -> None:
    pid = os.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-I", "-c", BURN])
    _, status = os.waitpid(pid, 0)
    print("exec after fork:", os.waitstatus_to_exitcode(status))
    done = subprocess.run([sys.executable, "-I", "-c", BURN], preexec_fn=os.setpgrp)
    print("preexec_fn:", done.returncode)
    done = subprocess.run(["sh", "-c", LOOP], preexec_fn=os.setsid)
    print("shell:", done.returncode)


if __name__ == "__main__":
    if sys.argv[1:] == ["main"]:
        exec_children()
    else:
        child = mp.get_context(sys.argv[1]).Process(target=exec_children)
        child.start()
        child.join()
        print("child:", child.exitcode)
