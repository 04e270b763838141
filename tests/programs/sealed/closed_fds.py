"""The program closes fds 1 and 2, then forks: the child's first file takes fd 1. The probe's
socket must never sit there."""

import os
import sys

path = sys.argv[1]
os.close(1)
os.close(2)
pid = os.fork()
if pid == 0:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.write(fd, f"fd {fd}\n".encode())
    for i in range(200):
        os.write(fd, f"line {i}\n".encode())
    os._exit(0)
os.waitpid(pid, 0)
