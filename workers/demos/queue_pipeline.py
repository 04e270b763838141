"""A writer process puts items on a Queue; a reader process gets them."""

import random
import time
from multiprocessing import Process, Queue

from demo_args import params

p = params(items="A,B,C")


def write(q, items):
    for value in items:
        print(f"Put {value} to queue...")
        q.put(value)
        time.sleep(random.random())


def read(q):
    while not q.empty():
        value = q.get(True)
        print(f"Get {value} from queue.")
        time.sleep(random.random())


if __name__ == "__main__":
    q = Queue()  # made by the parent, inherited by both children
    writer = Process(target=write, args=(q, p.items.split(",")))
    reader = Process(target=read, args=(q,))
    writer.start()
    writer.join()  # everything is written before the reader starts
    reader.start()
    reader.join()
    print("All data written and read")
