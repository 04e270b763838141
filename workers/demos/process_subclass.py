"""Subclass Process and override run(); call the base __init__ first."""

import os
import time
from multiprocessing import Process

from demo_args import params

p = params(interval=3.0)


class Sleeper(Process):
    def __init__(self, interval):
        super().__init__()  # without this, the Process is not set up
        self.interval = interval

    def run(self):  # start() runs this in the new process
        print(f"Child {os.getpid()} starts, parent {os.getppid()}")
        start = time.time()
        time.sleep(self.interval)
        print(f"Child {os.getpid()} ends after {time.time() - start:.2f} s")


if __name__ == "__main__":
    start = time.time()
    print(f"Parent {os.getpid()}")
    child = Sleeper(p.interval)
    child.start()
    child.join()
    print(f"Parent {os.getpid()} ends after {time.time() - start:.2f} s")
