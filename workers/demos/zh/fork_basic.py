"""os.fork() 调用一次，返回两次：子进程中返回 0，父进程中返回子进程的 pid。"""

import os
import time

print(f"fork 之前：只有一个进程，pid {os.getpid()}")

pid = os.fork()  # 从这里开始，两个进程运行同一段代码

if pid == 0:
    # fork() 返回 0：这是新创建的子进程。
    print(f"子进程：fork() 返回 0，我的 pid 是 {os.getpid()}")
    time.sleep(1)  # 时间足够长，便于观察两条泳道
else:
    # fork() 返回子进程的 pid：这是原来的父进程。
    print(f"父进程：fork() 返回 {pid}，我的 pid 是 {os.getpid()}")
    time.sleep(1)
    os.wait()  # 回收子进程的退出状态，使它不会一直是僵尸进程
