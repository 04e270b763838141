"""concurrent.futures：ProcessPoolExecutor 在工作进程中运行函数，每次调用都
返回一个 Future：一个稍后才会有的结果。

submit() 立即返回一个 Future；as_completed() 按完成的先后给出
这些 Future，这与提交的顺序不同。map() 按输入顺序返回结果。
如果有工作进程死掉，进程池就损坏了：每个尚未完成的 Future
都会以 BrokenProcessPool 失败。
"""

import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from demo_args import params

p = params(workers=4, tasks=4, step=0.3)


def work(n, seconds):
    print(f"任务 {n} 在工作进程 {os.getpid()} 中运行 {seconds:.1f} 秒")
    time.sleep(seconds)
    return n * n


def die(seconds):
    time.sleep(seconds)
    print(f"工作进程 {os.getpid()} 杀死了自己")
    os.kill(os.getpid(), signal.SIGKILL)  # 就像它崩溃了一样


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=p.workers) as pool:
        # 任务 0 最长，最后一个任务最短
        lengths = [p.step * (p.tasks - n) for n in range(p.tasks)]
        futures = {pool.submit(work, n, s): n for n, s in enumerate(lengths)}
        for future in as_completed(futures):  # 按完成的顺序
            print(f"as_completed：任务 {futures[future]} -> {future.result()}")
        squares = pool.map(work, range(p.tasks), [0.1] * p.tasks)
        print(f"map：{list(squares)}")  # 按输入顺序
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(work, 0, 0.1), pool.submit(die, 0.5)]
        futures += [pool.submit(work, n, 2.0) for n in (2, 3)]
        for n, future in enumerate(futures):
            try:
                print(f"future {n}：结果 {future.result()}")
            except BrokenProcessPool:
                print(f"future {n}：以 BrokenProcessPool 失败")
