"""A writer and a reader process sharing a Queue."""

from multiprocessing import Process, Queue


def writer(q):
    for item in ["A", "B", "C"]:
        print(f"put {item}")
        q.put(item)


def reader(q):
    for _ in range(3):
        print(f"got {q.get()}")


if __name__ == "__main__":
    q = Queue()
    w = Process(target=writer, args=(q,))
    r = Process(target=reader, args=(q,))
    w.start()
    w.join()
    r.start()
    r.join()
    print("done")
