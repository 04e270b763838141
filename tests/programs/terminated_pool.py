"""Tiny tasks, then the pool is terminated the moment the results are in (the with block):
every task that ran must still be in the trace, though its worker's records were batched."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def tiny(x):
    return x + 1


if __name__ == "__main__":
    with Pool(2) as pool:
        assert pool.map(tiny, range(300)) == list(range(1, 301))
        assert sum(pool.imap_unordered(tiny, range(200), chunksize=7)) == 20100
    with ProcessPoolExecutor(2) as executor:
        assert sum(executor.map(tiny, range(500), chunksize=50)) == 125250
    print("done")
