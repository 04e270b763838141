"""Process：给它 target 和 args，用 start() 启动，用 join() 等待。"""

import os
import time
from multiprocessing import Process

from demo_args import params

p = params(name="test", work=1.0)


def run_proc(name):
    print(f"子进程运行中：name={name}，pid={os.getpid()}")
    time.sleep(p.work)


if __name__ == "__main__":  # 必不可少：在 spawn 方式下，子进程会导入这个文件
    print(f"父进程 {os.getpid()}")
    child = Process(target=run_proc, args=(p.name,))
    print("子进程即将启动")
    child.start()
    child.join()  # 等待子进程结束
    print("子进程已结束")
