"""Processes whose probe never speaks: ls, a shell, a spawn child killed while it starts,
and multiprocessing's resource tracker."""

import multiprocessing as mp
import os
import signal
import subprocess


def nothing():
    pass


if __name__ == "__main__":
    subprocess.run(["ls", "/"], stdout=subprocess.DEVNULL)
    subprocess.run("exit 3", shell=True)
    ctx = mp.get_context("spawn")
    lock = ctx.Lock()  # the resource tracker starts for this semaphore
    doomed = ctx.Process(target=nothing, name="doomed")
    doomed.start()
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.join()
    print("doomed exitcode", doomed.exitcode)
