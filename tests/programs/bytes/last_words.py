"""A line printed right before the process dies: SIGSEGV, SIGKILL or os._exit, in the main
process or in a child."""

import ctypes
import multiprocessing as mp
import os
import signal
import sys


def die(how: str) -> None:
    print(f"last words before {how}")
    if how == "segv":
        ctypes.string_at(0)
    elif how == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    else:
        os._exit(3)


if __name__ == "__main__":
    where, how = sys.argv[1], sys.argv[2]
    if where == "child":
        child = mp.Process(target=die, args=(how,))
        child.start()
        child.join()
        print("child exitcode", child.exitcode)
    else:
        die(how)
