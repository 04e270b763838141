"""Two threads of one process put into one Manager queue at once (each thread has its own
connection to the manager); a child process gets every item."""

import threading
from multiprocessing import Manager, Process

THREADS, ITEMS = 2, 8


def put_some(q, thread):
    for k in range(ITEMS):
        q.put((thread, k))


def get_all(q):
    for _ in range(THREADS * ITEMS):
        print("got", q.get(), flush=True)


if __name__ == "__main__":
    with Manager() as manager:
        q = manager.Queue()
        reader = Process(target=get_all, args=(q,))
        reader.start()
        threads = [threading.Thread(target=put_some, args=(q, t)) for t in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        reader.join()
