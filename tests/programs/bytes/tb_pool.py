import multiprocessing as mp


def work(x):
    if x == 2:
        raise KeyError(x)
    return x


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(pool.map(work, [1, 2, 3]))
