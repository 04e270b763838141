"""Three writers and two readers on one Queue: each item says who wrote it, each reader
says what it got, so every arrow can be checked against the truth."""

import multiprocessing as mp
import os
import random
import time

WRITERS, READERS, ITEMS = 3, 2, 6


def write(q, writer):
    for k in range(ITEMS):
        time.sleep(random.random() * 0.01)
        q.put((writer, k))


def read(q, count):
    for _ in range(count):
        item = q.get()
        print(f"{os.getpid()} got {item}", flush=True)


if __name__ == "__main__":
    q = mp.Queue()
    total = WRITERS * ITEMS
    readers = [mp.Process(target=read, args=(q, total // READERS)) for _ in range(READERS)]
    writers = [mp.Process(target=write, args=(q, w)) for w in range(WRITERS)]
    for p in readers + writers:
        p.start()
    for p in readers + writers:
        p.join()
