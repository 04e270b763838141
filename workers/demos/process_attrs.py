"""Process: name, pid, is_alive(), join(timeout), daemon, exitcode, terminate"""

import os
import time
from multiprocessing import Process

from demo_args import params

p = params(interval1=2.0, interval2=1.0, name="worker-B")


def work(interval):
    print(f"{os.getpid()} (parent {os.getppid()}) works for {interval} s")
    time.sleep(interval)
    print(f"{os.getpid()} done")


def forever():
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    p1 = Process(target=work, args=(p.interval1,))  # default name: Process-1
    p2 = Process(target=work, args=(p.interval2,), name=p.name)
    p3 = Process(target=forever, daemon=True)  # daemon: dies with the parent
    for proc in (p1, p2, p3):
        proc.start()
        print(f"started {proc.name} with pid {proc.pid}")
    p1.join(timeout=0.5)  # wait at most 0.5 s
    print(f"{p1.name} is_alive: {p1.is_alive()}")
    p1.join()
    p2.join()
    print(f"{p1.name} is_alive: {p1.is_alive()}, exitcode {p1.exitcode}")
    p3.terminate()  # sends SIGTERM
    p3.join()
    print(f"{p3.name} terminated, exitcode {p3.exitcode} (-signal number)")
