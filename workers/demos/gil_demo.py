"""The GIL: the same CPU-bound work split over N threads, then over N processes.

Each thread, then each process, adds up its share of the numbers. Threads share
one interpreter and its global interpreter lock (the GIL): only one thread runs
Python code at a time, so N threads take about as long as one, taking turns.
Processes each have their own interpreter and their own GIL: on a machine with
N cores they really run at the same time.
"""

import os
import threading
import time
from multiprocessing import Process

from demo_args import params

p = params(workers=2, additions=20_000_000)
threads_time = 0.0  # the wall time of each half (see the Values tab)
processes_time = 0.0


def add_up(n):
    total = 0
    for i in range(n):
        total += i  # pure Python: holds the GIL all the time
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
    print(f"{p.workers} {kind}: {took:.2f} s")
    return took


if __name__ == "__main__":
    cpus = os.cpu_count()
    print(f"{cpus} CPUs; {p.additions} additions, split {p.workers} ways")
    threads_time = timed("threads", threading.Thread)
    processes_time = timed("processes", Process)
    times = threads_time / processes_time
    print(f"processes were {times:.1f}x as fast as threads")
