"""Pool.apply 是阻塞的：父进程等待每个任务完成，所以任务从不重叠。"""

import os
import random
import time
from multiprocessing import Pool

from demo_args import params

p = params(pool_size=3, tasks=10, task_time=2.0, seed=1)


def worker(msg):
    start = time.time()
    print(f"任务 {msg} 在进程 {os.getpid()} 中开始")
    # 每个任务的时长由种子和任务编号决定：每次运行都相同，
    # 与由哪个工作进程执行无关，因此可以公平地比较不同的进程池大小
    time.sleep(random.Random(p.seed * 1000 + msg).random() * p.task_time)
    print(f"任务 {msg} 完成，用时 {time.time() - start:.2f} 秒")


if __name__ == "__main__":
    pool = Pool(p.pool_size)
    for i in range(p.tasks):
        pool.apply(worker, (i,))  # 阻塞：等到这个任务完成才返回
    print("---- 开始 ----")  # 所有任务都完成之后才执行到这里
    pool.close()
    pool.join()
    print("---- 结束 ----")
