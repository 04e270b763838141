"""继承 Process 类并重写 run()；要先调用父类的 __init__。"""

import os
import time
from multiprocessing import Process

from demo_args import params

p = params(interval=3.0)


class Sleeper(Process):
    def __init__(self, interval):
        super().__init__()  # 没有这一行，Process 就没有初始化
        self.interval = interval

    def run(self):  # start() 会在新进程中执行这个方法
        print(f"子进程 {os.getpid()} 开始，父进程 {os.getppid()}")
        start = time.time()
        time.sleep(self.interval)
        print(f"子进程 {os.getpid()} 结束，用时 {time.time() - start:.2f} 秒")


if __name__ == "__main__":
    start = time.time()
    print(f"父进程 {os.getpid()}")
    child = Sleeper(p.interval)
    child.start()
    child.join()
    print(f"父进程 {os.getpid()} 结束，用时 {time.time() - start:.2f} 秒")
