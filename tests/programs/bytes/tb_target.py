import multiprocessing as mp


def inner(x):
    raise ValueError(f"bad value {x}")


def target(x):
    inner(x)


if __name__ == "__main__":
    child = mp.Process(target=target, args=(7,))
    child.start()
    child.join()
    print("exitcode", child.exitcode)
