"""Pool tasks share a Manager().Queue()."""

import os
from multiprocessing import Manager, Pool


def writer(q):
    for item in "ABC":
        q.put(item)
    print(f"writer pid={os.getpid()} done")


def reader(q):
    got = [q.get() for _ in range(3)]
    print(f"reader pid={os.getpid()} got {''.join(got)}")


if __name__ == "__main__":
    q = Manager().Queue()
    with Pool(2) as pool:
        pool.apply_async(writer, (q,)).get()
        pool.apply_async(reader, (q,)).get()
    print("done")
