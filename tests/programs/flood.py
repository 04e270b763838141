"""Prints as fast as it can from two processes, then a 1 MB line."""

import sys
from multiprocessing import Process

LINES = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def spam(tag):
    for i in range(LINES):
        print(f"{tag} {i}")


if __name__ == "__main__":
    p = Process(target=spam, args=("child",))
    p.start()
    spam("main")
    p.join()
    print("x" * 1_000_000)
    print("end")
