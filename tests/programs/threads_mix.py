"""Threads of every kind a program makes: Thread(target=...), a Thread subclass, a Timer, a
ThreadPoolExecutor's workers, next to a multiprocessing Queue (whose feeder thread is
multiprocessing's own), and a thread that raises."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Queue


def nap(seconds):
    time.sleep(seconds)


class Worker(threading.Thread):
    def run(self):
        nap(0.05)


def fails():
    raise ValueError("from a thread")


if __name__ == "__main__":
    q = Queue()
    q.put("through the feeder thread")
    threads = [threading.Thread(target=nap, args=(0.05,), name="napper"), Worker(name="worker"),
               threading.Timer(0.01, nap, args=(0.02,))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as pool:
        list(pool.map(nap, [0.02, 0.02, 0.02]))
    print(q.get())
    failing = threading.Thread(target=fails, name="failing")
    failing.start()
    failing.join()
    print("run" in vars(threads[0]), threading.active_count())
