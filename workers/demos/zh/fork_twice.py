"""连续两次 fork 得到四个进程：第二次 fork 在两个进程中都会执行。

父进程不等待就先退出，于是它们的子进程成为孤儿进程：观察孤儿进程被其他进程
收养时，它们的 getppid() 如何变化。
"""

import os
import time

first = os.fork()  # 1 个进程变成 2 个
if first == 0:
    print(f"第 1 次 fork：子进程 {os.getpid()}（父进程 {os.getppid()}）")
else:
    print(f"第 1 次 fork：父进程 {os.getpid()} 创建了 {first}")

parent = os.getpid()  # 下一次 fork 所创建的子进程的父进程
second = os.fork()  # 在两个进程中都会执行：2 个变成 4 个
if second == 0:
    print(f"第 2 次 fork：子进程 {os.getpid()}（父进程 {os.getppid()}）")
else:
    print(f"第 2 次 fork：父进程 {os.getpid()} 创建了 {second}")

time.sleep(0.5)
if second != 0:
    # 这个进程有子进程；它不等待子进程，现在就退出。
    print(f"进程 {os.getpid()} 退出，留下了它的子进程")
else:
    deadline = time.monotonic() + 10
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.05)  # 直到父进程已经退出、本进程被收养为止
    print(f"进程 {os.getpid()}：父进程原是 {parent}，现被 {os.getppid()} 收养")
