"""A Pool worker is killed from outside while it runs a task; the Pool replaces it."""

import multiprocessing
import os
import signal
import time
from multiprocessing import Pool, Queue

started = Queue()  # inherited by the (forked) workers


def slow(x):
    started.put(os.getpid())
    time.sleep(2)
    return x


if __name__ == "__main__":
    pool = Pool(3)
    result = pool.apply_async(slow, (1,))
    victim = started.get(timeout=10)
    os.kill(victim, signal.SIGKILL)  # from outside the worker, mid-task
    try:
        result.get(timeout=1.0)
    except multiprocessing.TimeoutError:
        print("the task was lost with its worker")
    time.sleep(1.0)  # the pool starts a replacement meanwhile (it looks every 0.1 s)
    pool.terminate()
    pool.join()
    print("done")
