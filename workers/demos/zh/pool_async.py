"""n 个进程的进程池运行许多任务；apply_async 立即分派任务（非阻塞）。"""

import os
import random
import time
from multiprocessing import Pool

from demo_args import params

p = params(pool_size=3, tasks=10, task_time=2.0, seed=1)


def worker(msg):
    start = time.time()
    print(f"任务 {msg} 在进程 {os.getpid()} 中开始")
    # 0 到 task_time 秒的“工作”，由种子和任务编号决定：每次运行都相同，
    # 与由哪个工作进程执行无关，因此可以公平地比较不同的进程池大小
    time.sleep(random.Random(p.seed * 1000 + msg).random() * p.task_time)
    print(f"任务 {msg} 完成，用时 {time.time() - start:.2f} 秒")


if __name__ == "__main__":
    pool = Pool(p.pool_size)  # 最多同时运行 pool_size 个任务
    for i in range(p.tasks):
        pool.apply_async(worker, (i,))  # 放入任务队列；立即返回
    print("---- 开始 ----")  # 任务运行时，父进程继续往下执行
    pool.close()  # 不再添加任务
    pool.join()  # 等待所有任务完成
    print("---- 结束 ----")
