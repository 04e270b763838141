"""A Pool of 3 used with blocking apply: tasks run one after another."""

import os
import time
from multiprocessing import Pool


def work(i):
    time.sleep(0.05)
    print(f"task={i} pid={os.getpid()}")
    return i


if __name__ == "__main__":
    with Pool(3) as pool:
        for i in range(5):
            pool.apply(work, (i,))
    print("done")
