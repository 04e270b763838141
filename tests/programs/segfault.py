"""A child crashes with a segmentation fault."""

import ctypes
from multiprocessing import Process


def crash():
    print("about to crash", flush=True)
    ctypes.string_at(0)


if __name__ == "__main__":
    p = Process(target=crash)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
