"""fork 之后，每个进程都有一份自己的全局变量拷贝：进程间不共享全局变量。"""

import os
import time

from demo_args import params

p = params(start=100, delay=3.0)
counter = p.start  # 一个全局变量，由 fork() 复制到子进程中

pid = os.fork()
if pid == 0:
    counter += 1  # 只改变子进程自己的拷贝
    print(f"子进程 {os.getpid()}：counter = {counter}")
else:
    time.sleep(p.delay)  # 给子进程时间，让它先修改自己的拷贝
    print(f"父进程 {os.getpid()}：counter = {counter}")
    os.wait()
