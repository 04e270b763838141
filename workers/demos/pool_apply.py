"""Pool.apply blocks: the parent waits for each task, so tasks never overlap."""

import os
import random
import time
from multiprocessing import Pool

from demo_args import params

p = params(pool_size=3, tasks=10, task_time=2.0, seed=1)


def worker(msg):
    start = time.time()
    print(f"task {msg} starts in process {os.getpid()}")
    # each task's length comes from the seed and its number: the same in every
    # run, on any worker, so pool sizes compare fairly
    time.sleep(random.Random(p.seed * 1000 + msg).random() * p.task_time)
    print(f"task {msg} done in {time.time() - start:.2f} s")


if __name__ == "__main__":
    pool = Pool(p.pool_size)
    for i in range(p.tasks):
        pool.apply(worker, (i,))  # waits until this task is done
    print("---- start ----")  # only after every task
    pool.close()
    pool.join()
    print("---- end ----")
