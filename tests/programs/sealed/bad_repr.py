"""Task arguments whose __repr__ raises or is huge: the program must not notice procscope."""

import multiprocessing as mp


class Touchy:
    def __repr__(self):
        raise RuntimeError("do not look at me")


class Huge:
    def __repr__(self):
        return "h" * 10_000_000


def work(thing):
    return type(thing).__name__


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(pool.map(work, [Touchy(), Huge(), Touchy()]))
    child = mp.Process(target=work, args=(Touchy(),))
    child.start()
    child.join()
    print("child exitcode", child.exitcode)
