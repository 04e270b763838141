"""multiprocessing.Process: give it a target and args, start() it, join() it."""

import os
import time
from multiprocessing import Process

from demo_args import params

p = params(name="test", work=1.0)


def run_proc(name):
    print(f"Child running: name={name}, pid={os.getpid()}")
    time.sleep(p.work)


if __name__ == "__main__":  # needed: under spawn, children import this file
    print(f"Parent process {os.getpid()}")
    child = Process(target=run_proc, args=(p.name,))
    print("Child will start")
    child.start()
    child.join()  # wait until the child has finished
    print("Child finished")
