"""Output by every route a lecture uses: print, os.write, sys.__stdout__, a shell, a
subprocess, ls, C's stdio, stderr, and a last line without a newline."""

import ctypes
import os
import subprocess
import sys

folder = sys.argv[1]
print("print to sys.stdout")
os.write(1, b"os.write to fd 1\n")
print("to sys.__stdout__", file=sys.__stdout__)
os.system("echo from os.system")
subprocess.run(["echo", "from subprocess.run"])
subprocess.run("echo from a shell; echo shell to stderr >&2", shell=True)
subprocess.run(["ls", folder])
libc = ctypes.CDLL(None)
libc.puts(b"from C puts")
libc.fflush(None)
os.write(2, b"os.write to fd 2\n")
print("print to stderr", file=sys.stderr)
print("no newline at the end", end="")
