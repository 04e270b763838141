"""Children that never run procscope's probe: python -I, python -S, an empty environment,
and a forked child that execs python -I."""

import os
import subprocess
import sys

subprocess.run([sys.executable, "-I", "-c", "print('isolated child')"])
subprocess.run([sys.executable, "-S", "-c", "print('no-site child')"])
subprocess.run([sys.executable, "-c", "print('child without environment')"], env={})
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-I", "-c", "print('exec after fork')"])
os.waitpid(pid, 0)
print("parent done")
