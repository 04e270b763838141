"""A Pool of n processes runs many tasks; apply_async hands one out at once."""

import os
import random
import time
from multiprocessing import Pool

from demo_args import params

p = params(pool_size=3, tasks=10, task_time=2.0, seed=1)


def worker(msg):
    start = time.time()
    print(f"task {msg} starts in process {os.getpid()}")
    # 0 to task_time s of "work", from the seed and the task's number: the same
    # in every run, on any worker, so pool sizes compare fairly
    time.sleep(random.Random(p.seed * 1000 + msg).random() * p.task_time)
    print(f"task {msg} done in {time.time() - start:.2f} s")


if __name__ == "__main__":
    pool = Pool(p.pool_size)  # at most pool_size tasks run at once
    for i in range(p.tasks):
        pool.apply_async(worker, (i,))  # queued; returns at once
    print("---- start ----")  # the parent runs on while tasks run
    pool.close()  # no more tasks
    pool.join()  # wait for every task to finish
    print("---- end ----")
