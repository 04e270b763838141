"""A Process target raises; a Pool task raises and get() re-raises it in the parent."""

from multiprocessing import Pool, Process


def broken():
    raise RuntimeError("target failed")


def task(x):
    if x == 2:
        raise ValueError(f"task {x} failed")
    return x


if __name__ == "__main__":
    p = Process(target=broken)
    p.start()
    p.join()
    print("process exitcode", p.exitcode)
    with Pool(2) as pool:
        results = [pool.apply_async(task, (i,)) for i in range(4)]
        for r in results:
            try:
                print("got", r.get())
            except ValueError as err:
                print("get raised", err)
