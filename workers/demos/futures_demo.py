"""concurrent.futures: a ProcessPoolExecutor runs functions in worker processes
and gives back a Future for each call: a result that will be there later.

submit() returns a Future at once; as_completed() yields the futures as they
finish, which is not the order they were submitted in. map() returns results
in input order. If a worker dies, the pool is broken: every future that has
not finished fails with BrokenProcessPool.
"""

import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from demo_args import params

p = params(workers=4, tasks=4, step=0.3)


def work(n, seconds):
    print(f"task {n} runs {seconds:.1f} s in worker {os.getpid()}")
    time.sleep(seconds)
    return n * n


def die(seconds):
    time.sleep(seconds)
    print(f"worker {os.getpid()} kills itself")
    os.kill(os.getpid(), signal.SIGKILL)  # as if it had crashed


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=p.workers) as pool:
        # task 0 is the longest, the last task the shortest
        lengths = [p.step * (p.tasks - n) for n in range(p.tasks)]
        futures = {pool.submit(work, n, s): n for n, s in enumerate(lengths)}
        for future in as_completed(futures):  # in the order they finish
            print(f"as_completed: task {futures[future]} -> {future.result()}")
        squares = pool.map(work, range(p.tasks), [0.1] * p.tasks)
        print(f"map: {list(squares)}")  # in input order
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(work, 0, 0.1), pool.submit(die, 0.5)]
        futures += [pool.submit(work, n, 2.0) for n in (2, 3)]
        for n, future in enumerate(futures):
            try:
                print(f"future {n}: result {future.result()}")
            except BrokenProcessPool:
                print(f"future {n}: failed with BrokenProcessPool")
