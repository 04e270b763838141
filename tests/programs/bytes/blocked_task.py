"""A Pool task blocked in a call procscope does not wrap (select) when the Pool is
terminated: the task must still be in the trace, cut off."""

import multiprocessing as mp
import os
import select
import sys
import time


def blocked(marker):
    open(marker, "w").close()
    select.select([], [], [], 60)


if __name__ == "__main__":
    marker = sys.argv[1]
    pool = mp.Pool(2)
    pool.apply_async(blocked, (marker,))
    deadline = time.monotonic() + 30
    while not os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.01)
    pool.terminate()
    pool.join()
    print("terminated")
