"""Children that exec a program burning CPU: after a raw fork, and through subprocess with a
preexec_fn. A SIGPROF timer that survived exec would kill them (-27)."""

import os
import subprocess
import sys

BURN = "n = 0\nfor i in range(3_000_000):\n    n += i\nprint('burnt', n > 0)"

pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-I", "-c", BURN])
_, status = os.waitpid(pid, 0)
print("exec after fork:", os.waitstatus_to_exitcode(status))
done = subprocess.run([sys.executable, "-I", "-c", BURN], preexec_fn=os.setpgrp)
print("preexec_fn:", done.returncode)
LOOP = "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo shell burnt"
done = subprocess.run(["sh", "-c", LOOP], preexec_fn=os.setsid)
print("shell:", done.returncode)
