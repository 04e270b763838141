"""Results coming back: Pool.map in chunks, imap, and ProcessPoolExecutor's submit
(collected with as_completed) and map."""

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor, as_completed


def square(x):
    return x * x


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(pool.map(square, range(6), chunksize=2))
        print(list(pool.imap(square, range(3))))
    with ProcessPoolExecutor(2) as executor:
        futures = [executor.submit(square, n) for n in (10, 11, 12)]
        print(sorted(f.result() for f in as_completed(futures)))
        print(list(executor.map(square, (20, 21), chunksize=1)))
