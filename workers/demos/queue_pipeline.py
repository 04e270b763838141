"""A writer process puts items on a Queue; a reader process gets them."""

import random
import time
from multiprocessing import Process, Queue

from demo_args import params

p = params(items="A,B,C", seed=1)


def write(q, items):
    pause = random.Random(p.seed)  # the same pauses in every run with this seed
    for value in items:
        print(f"Put {value} to queue...")
        q.put(value)
        time.sleep(pause.random())


def read(q):
    pause = random.Random(p.seed + 1)
    while not q.empty():
        value = q.get(True)
        print(f"Get {value} from queue.")
        time.sleep(pause.random())


if __name__ == "__main__":
    q = Queue()  # made by the parent, inherited by both children
    writer = Process(target=write, args=(q, p.items.split(",")))
    reader = Process(target=read, args=(q,))
    writer.start()
    writer.join()  # everything is written before the reader starts
    reader.start()
    reader.join()
    print("All data written and read")
