"""os.getpid() 是进程自己的编号；os.getppid() 是它的父进程的编号。"""

import os
import time

pid = os.fork()

if pid == 0:
    print(f"子进程：我的 pid 是 {os.getpid()}，getppid() 是 {os.getppid()}")
    time.sleep(1)
else:
    print(f"父进程：我的 pid 是 {os.getpid()}，我的子进程的 pid 是 {pid}")
    time.sleep(1)
    os.wait()
