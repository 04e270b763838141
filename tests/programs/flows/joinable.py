"""A JoinableQueue: two workers call task_done() for each item; the parent's join()
returns when the last of them is done. A SimpleQueue carries the answers back."""

import multiprocessing as mp


def work(jobs, answers):
    while True:
        item = jobs.get()
        if item is None:
            jobs.task_done()
            break
        answers.put(item * item)
        jobs.task_done()


if __name__ == "__main__":
    jobs, answers = mp.JoinableQueue(), mp.SimpleQueue()
    workers = [mp.Process(target=work, args=(jobs, answers)) for _ in range(2)]
    for w in workers:
        w.start()
    for n in range(6):
        jobs.put(n)
    for _ in workers:
        jobs.put(None)
    jobs.join()
    print(sorted(answers.get() for _ in range(6)))
    for w in workers:
        w.join()
