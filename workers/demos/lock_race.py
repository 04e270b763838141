"""A race: N processes add 1 to a shared Value, without and then with its lock.

v.value += 1 is three steps: read the value, add 1, write it back. Without the
lock, two processes can read the same value and both write value + 1: one of the
two additions is lost. With the lock, one process at a time does all three.
"""

import time
from multiprocessing import Process, Value

from demo_args import params

p = params(processes=4, increments=5000)
expected = p.processes * p.increments  # if no addition is lost
without_lock = 0  # the shared value after each phase (see the Values tab)
with_lock = 0


def add_unlocked(v, n):
    for _ in range(n):
        v.value += 1  # read, add, write: another process may write in between


def add_locked(v, n):
    for _ in range(n):
        with v.get_lock():  # the others wait here until this process is done
            v.value += 1


def run(target, phase):
    v = Value("i", 0)  # an int in shared memory, which comes with a lock
    n = p.increments
    procs = [Process(target=target, args=(v, n)) for _ in range(p.processes)]
    start = time.time()
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    took = time.time() - start
    print(f"{phase}: {p.processes} processes x {n} additions in {took:.2f} s")
    return v.value


if __name__ == "__main__":
    without_lock = run(add_unlocked, "without the lock")
    print(f"without the lock: expected {expected}, final value {without_lock}")
    print(f"without the lock: lost updates {expected - without_lock}")
    with_lock = run(add_locked, "with the lock")
    print(f"with the lock: expected {expected}, final value {with_lock}")
    print(f"with the lock: lost updates {expected - with_lock}")
