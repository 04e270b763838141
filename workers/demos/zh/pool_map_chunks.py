"""Pool.map 分块；imap 与 imap_unordered：各个结果何时回到父进程。

map(f, inputs, chunksize=C) 每次把 C 个输入交给同一个工作进程，
由它依次运行：每个分块在该工作进程的泳道上显示为一组。map 要等所有
结果都到齐才返回。imap 按输入顺序给出结果，所以较慢的第一个任务
会拖住它后面的结果；imap_unordered 则在每个结果就绪时立即把它
给出。
"""

import os
import time
from multiprocessing import Pool

from demo_args import params

p = params(pool_size=2, tasks=12, chunksize=3, task_time=0.1)
SLEEPS = [0.8, 0.2, 0.4, 0.1]  # 用于 imap：第一个任务最慢


def square(x):
    time.sleep(p.task_time)
    print(f"square({x}) 在工作进程 {os.getpid()} 中运行")
    return x * x


def nap(seconds):
    time.sleep(seconds)
    return seconds


def show(name, results):
    start = time.time()
    for seconds in results:  # 父进程一拿到结果就打印
        took = time.time() - start
        print(f"{name}：{seconds} 秒的任务，结果在 {took:.2f} 秒后到达")


if __name__ == "__main__":
    pool = Pool(p.pool_size)
    results = pool.map(square, range(p.tasks), chunksize=p.chunksize)
    print(f"map 返回了 {results}")
    show("imap", pool.imap(nap, SLEEPS))  # 按输入顺序
    show("imap_unordered", pool.imap_unordered(nap, SLEEPS))  # 按完成顺序
    pool.close()
    pool.join()
