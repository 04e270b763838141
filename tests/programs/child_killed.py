"""A child killed by a signal: its exitcode is minus the signal number."""

import os
import signal
import time
from multiprocessing import Process


def child():
    time.sleep(30)


if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    time.sleep(0.3)
    os.kill(p.pid, signal.SIGKILL)
    p.join()
    print("exitcode", p.exitcode)
