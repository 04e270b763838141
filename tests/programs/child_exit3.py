"""A child prints, then leaves with os._exit(3) (no flush, no atexit)."""

import os
from multiprocessing import Process


def child():
    print("last words", end="")
    os._exit(3)


if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
