"""GIL：同样的 CPU 密集型工作，先分给 N 个线程，再分给 N 个进程。

每个线程（然后每个进程）各自累加自己那一份数字。线程共享同一个解释器和它的
全局解释器锁（GIL）：同一时刻只有一个线程运行 Python 代码，所以 N 个线程
轮流运行，用时和一个线程差不多。
每个进程有自己的解释器和自己的 GIL：
在有 N 个核心的机器上，它们真正同时运行。
"""

import os
import threading
import time
from multiprocessing import Process

from demo_args import params

p = params(workers=2, additions=20_000_000)
threads_time = 0.0  # 两个阶段各自的耗时（见“变量值”标签页）
processes_time = 0.0


def add_up(n):
    total = 0
    for i in range(n):
        total += i  # 纯 Python 代码：一直持有 GIL
    return total


def timed(kind, make):
    share = p.additions // p.workers
    workers = [make(target=add_up, args=(share,)) for _ in range(p.workers)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    took = time.perf_counter() - start
    print(f"{p.workers} 个{kind}：{took:.2f} 秒")
    return took


if __name__ == "__main__":
    cpus = os.cpu_count()
    print(f"{cpus} 个 CPU；共 {p.additions} 次加法，分成 {p.workers} 份")
    threads_time = timed("线程", threading.Thread)
    processes_time = timed("进程", Process)
    times = threads_time / processes_time
    print(f"进程的速度是线程的 {times:.1f} 倍")
