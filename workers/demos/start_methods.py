"""Three ways to start a child: fork, spawn and forkserver, one child each.

fork copies the running parent, globals and all: quick, and the child sees what
the parent changed. spawn starts a new Python that imports this file again:
slower, and the child sees the globals as the import left them. forkserver
first starts a server process (its own lane) that imports this file once, then
forks each child from it: the child again sees the values of the import.
"""

import multiprocessing
import os
import time

greeting = "set when the file is imported"  # module-level (see the Values tab)


def child(method, started):
    took = time.time() - started
    print(f"{method} child {os.getpid()} runs {took:.3f} s after start()")
    print(f"{method} child: greeting = {greeting!r}")


if __name__ == "__main__":
    greeting = "changed by the parent before start()"
    for method in ("fork", "spawn", "forkserver"):
        if method not in multiprocessing.get_all_start_methods():
            print(f"{method}: not available on this platform")
            continue
        ctx = multiprocessing.get_context(method)  # start() uses this method
        started = time.time()
        proc = ctx.Process(target=child, args=(method, started))
        proc.start()
        took = time.time() - started
        print(f"parent: {method} start() returned after {took:.3f} s")
        proc.join()
