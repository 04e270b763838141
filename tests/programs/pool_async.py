"""A Pool of 3 running 10 apply_async tasks; each task measures itself."""

import os
import random
import time
from multiprocessing import Pool


def work(i):
    start = time.monotonic()
    time.sleep(random.uniform(0.05, 0.3))
    took = time.monotonic() - start
    print(f"task={i} pid={os.getpid()} took={took:.4f}")
    return i * i


if __name__ == "__main__":
    with Pool(3) as pool:
        results = [pool.apply_async(work, (i,)) for i in range(10)]
        pool.close()
        pool.join()
    print("results", [r.get() for r in results])
