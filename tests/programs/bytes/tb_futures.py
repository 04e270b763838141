from concurrent.futures import ProcessPoolExecutor, wait


def work(x):
    return 10 // (x - 2)


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        futures = [pool.submit(work, x) for x in (1, 3, 2)]
        wait(futures)  # every future is done: result() takes the same path every time
        print([future.result() for future in futures])
