"""写进程把数据放入队列（Queue）；读进程从队列中取出数据。"""

import random
import time
from multiprocessing import Process, Queue

from demo_args import params

p = params(items="A,B,C", seed=1)


def write(q, items):
    pause = random.Random(p.seed)  # 种子相同，每次运行的停顿都相同
    for value in items:
        print(f"把 {value} 放入队列……")
        q.put(value)
        time.sleep(pause.random())


def read(q):
    pause = random.Random(p.seed + 1)
    while not q.empty():
        value = q.get(True)
        print(f"从队列取出 {value}。")
        time.sleep(pause.random())


if __name__ == "__main__":
    q = Queue()  # 由父进程创建，两个子进程都继承它
    writer = Process(target=write, args=(q, p.items.split(",")))
    reader = Process(target=read, args=(q,))
    writer.start()
    writer.join()  # 读进程启动之前，所有数据都已写入
    reader.start()
    reader.join()
    print("所有数据都已写入并读出")
