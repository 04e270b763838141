"""Queue(maxsize): put, get, full, empty, qsize, timeouts, Full and Empty."""

import queue
from multiprocessing import Queue

from demo_args import params

p = params(capacity=3, timeout=2.0)

if __name__ == "__main__":
    q = Queue(p.capacity)  # holds at most `capacity` messages
    for i in range(1, p.capacity):
        q.put(f"message {i}")
    print(f"full after {p.capacity - 1} puts? {q.full()}")
    q.put(f"message {p.capacity}")
    print(f"full after {p.capacity} puts? {q.full()}")

    try:
        q.put("one too many", True, p.timeout)  # waits, up to `timeout` s
    except queue.Full:
        print(f"put timed out: the queue is full ({q.qsize()} messages)")

    try:
        q.put_nowait("one too many")  # never blocks: raises at once
    except queue.Full:
        print("put_nowait raised queue.Full at once")

    for _ in range(p.capacity):  # exactly `capacity` messages are in the queue
        print(f"got {q.get()}")
    print(f"empty now? {q.empty()}")
    try:
        q.get(True, p.timeout / 2)  # empty now: waits, then raises Empty
    except queue.Empty:
        print("get timed out: the queue is empty")
