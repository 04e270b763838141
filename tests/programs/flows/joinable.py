"""A JoinableQueue: two workers call task_done() for each item; the parent's join()
returns when the last of them is done. A SimpleQueue carries the answers back. The
workers start only once the parent is (all but surely) waiting in join(), so it waits."""

import multiprocessing as mp
import threading


def work(jobs, answers, go):
    go.wait()
    while True:
        item = jobs.get()
        if item is None:
            jobs.task_done()
            break
        answers.put(item * item)
        jobs.task_done()


if __name__ == "__main__":
    jobs, answers, go = mp.JoinableQueue(), mp.SimpleQueue(), mp.Event()
    workers = [mp.Process(target=work, args=(jobs, answers, go)) for _ in range(2)]
    for w in workers:
        w.start()
    for n in range(6):
        jobs.put(n)
    for _ in workers:
        jobs.put(None)
    threading.Timer(0.5, go.set).start()
    jobs.join()
    print(sorted(answers.get() for _ in range(6)))
    for w in workers:
        w.join()
