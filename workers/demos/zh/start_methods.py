"""启动子进程的三种方式：fork、spawn 和 forkserver，各启动一个子进程。

fork 复制正在运行的父进程，连同所有全局变量：速度快，子进程能看到
父进程所做的修改。spawn 启动一个新的 Python，重新导入本文件：较慢，
子进程看到的是导入后的全局变量。forkserver 先启动一个服务进程
（有自己的泳道），由它导入本文件一次，再由它 fork 出每个子进程：
子进程看到的同样是导入时的值。
"""

import multiprocessing
import os
import time

greeting = "导入本文件时设置的值"  # 模块级变量（见“变量值”标签页）


def child(method, started):
    took = time.time() - started
    print(f"{method} 子进程 {os.getpid()} 在 start() 之后 {took:.3f} 秒运行")
    print(f"{method} 子进程：greeting = {greeting!r}")


if __name__ == "__main__":
    greeting = "父进程在 start() 之前修改的值"
    for method in ("fork", "spawn", "forkserver"):
        if method not in multiprocessing.get_all_start_methods():
            print(f"{method}：本平台不支持")
            continue
        ctx = multiprocessing.get_context(method)  # start() 使用这种启动方式
        started = time.time()
        proc = ctx.Process(target=child, args=(method, started))
        proc.start()
        took = time.time() - started
        print(f"父进程：{method} 的 start() 用了 {took:.3f} 秒返回")
        proc.join()
