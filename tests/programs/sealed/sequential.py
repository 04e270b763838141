"""70 Processes one after another: never more than two alive at once."""

import multiprocessing as mp


def nothing(i):
    pass


if __name__ == "__main__":
    for i in range(70):
        child = mp.Process(target=nothing, args=(i,))
        child.start()
        child.join()
    print("all 70 done")
