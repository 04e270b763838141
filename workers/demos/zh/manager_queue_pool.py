"""进程池中的进程不能继承普通的 Queue：改为共享一个 Manager().Queue()。"""

import os
import time
from multiprocessing import Manager, Pool, Queue

from demo_args import params

p = params(pool_size=os.cpu_count() or 2, use_manager=True)


def writer(q):
    print(f"写进程 {os.getpid()} 开始（父进程 {os.getppid()}）")
    for ch in "itcast":
        q.put(ch)
        time.sleep(0.1)  # 放慢节奏，让每条消息的箭头分开显示


def reader(q):
    print(f"读进程 {os.getpid()} 开始（父进程 {os.getppid()}）")
    got = []
    for _ in range(6):
        got.append(q.get(True))
        time.sleep(0.1)
    print(f"读进程取到 {''.join(got)}")


if __name__ == "__main__":
    print(f"父进程 {os.getpid()} 开始")
    # Manager 运行一个服务进程来保存队列；工作进程通过代理与它通信。
    q = Manager().Queue() if p.use_manager else Queue()
    pool = Pool(p.pool_size)
    results = [pool.apply_async(writer, (q,))]
    time.sleep(1)  # 让写进程先运行
    results.append(pool.apply_async(reader, (q,)))
    pool.close()
    pool.join()
    for result in results:
        try:
            result.get()
        except RuntimeError as err:  # 使用普通 Queue 就会这样：这正是本课的要点
            print(f"引发 RuntimeError：{err}")
    print(f"父进程 {os.getpid()} 结束")
