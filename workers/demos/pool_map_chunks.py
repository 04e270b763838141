"""Pool.map in chunks; imap and imap_unordered: when each result comes back.

map(f, inputs, chunksize=C) sends C inputs at a time to one worker, which runs
them one after another: each chunk shows as a group on its worker's lane. map
returns only when every result is in. imap gives results in input order, so a
slow first task holds back those after it; imap_unordered gives each result as
soon as it is ready.
"""

import os
import time
from multiprocessing import Pool

from demo_args import params

p = params(pool_size=2, tasks=12, chunksize=3, task_time=0.1)
SLEEPS = [0.8, 0.2, 0.4, 0.1]  # for imap: the first task is the slowest


def square(x):
    time.sleep(p.task_time)
    print(f"square({x}) in worker {os.getpid()}")
    return x * x


def nap(seconds):
    time.sleep(seconds)
    return seconds


def show(name, results):
    start = time.time()
    for seconds in results:  # each result as soon as the parent gets it
        took = time.time() - start
        print(f"{name}: the {seconds} s task's result came after {took:.2f} s")


if __name__ == "__main__":
    pool = Pool(p.pool_size)
    results = pool.map(square, range(p.tasks), chunksize=p.chunksize)
    print(f"map returned {results}")
    show("imap", pool.imap(nap, SLEEPS))  # in input order
    show("imap_unordered", pool.imap_unordered(nap, SLEEPS))  # as they finish
    pool.close()
    pool.join()
