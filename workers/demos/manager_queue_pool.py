"""Pool workers cannot inherit a plain Queue: share a Manager().Queue()."""

import os
import time
from multiprocessing import Manager, Pool, Queue

from demo_args import params

p = params(pool_size=os.cpu_count() or 2, use_manager=True)


def writer(q):
    print(f"writer {os.getpid()} starts (parent {os.getppid()})")
    for ch in "itcast":
        q.put(ch)
        time.sleep(0.1)  # paced, so each message's arrow stands apart


def reader(q):
    print(f"reader {os.getpid()} starts (parent {os.getppid()})")
    got = []
    for _ in range(6):
        got.append(q.get(True))
        time.sleep(0.1)
    print(f"reader got {''.join(got)}")


if __name__ == "__main__":
    print(f"parent {os.getpid()} starts")
    # A Manager runs a server process that owns the queue; workers talk to it.
    q = Manager().Queue() if p.use_manager else Queue()
    pool = Pool(p.pool_size)
    results = [pool.apply_async(writer, (q,))]
    time.sleep(1)  # let the writer go first
    results.append(pool.apply_async(reader, (q,)))
    pool.close()
    pool.join()
    for result in results:
        try:
            result.get()
        except RuntimeError as err:  # what a plain Queue gives you: the lesson
            print(f"RuntimeError: {err}")
    print(f"parent {os.getpid()} ends")
