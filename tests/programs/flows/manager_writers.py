"""Three writers and two readers on one Manager queue, in a Pool: each item says who wrote
it, each reader says what it got. Every item travels writer -> manager -> reader."""

import os
from multiprocessing import Manager, Pool

WRITERS, READERS, ITEMS = 3, 2, 4


def write(q, writer):
    for k in range(ITEMS):
        q.put((writer, k))


def read(q, count):
    for _ in range(count):
        item = q.get()
        print(f"{os.getpid()} got {item}", flush=True)


if __name__ == "__main__":
    with Manager() as manager, Pool(WRITERS + READERS) as pool:
        q = manager.Queue()
        share = WRITERS * ITEMS // READERS
        jobs = [pool.apply_async(read, (q, share)) for _ in range(READERS)]
        jobs += [pool.apply_async(write, (q, w)) for w in range(WRITERS)]
        for job in jobs:
            job.get(timeout=60)
