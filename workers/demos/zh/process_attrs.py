"""Process：name、pid、is_alive()、join(timeout)、daemon、exitcode、terminate"""

import os
import time
from multiprocessing import Process

from demo_args import params

p = params(interval1=2.0, interval2=1.0, name="worker-B")


def work(interval):
    print(f"进程 {os.getpid()}（父进程 {os.getppid()}）工作 {interval} 秒")
    time.sleep(interval)
    print(f"进程 {os.getpid()} 完成")


def forever():
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    p1 = Process(target=work, args=(p.interval1,))  # 默认名字：Process-1
    p2 = Process(target=work, args=(p.interval2,), name=p.name)
    p3 = Process(target=forever, daemon=True)  # 守护进程：父进程退出时被终止
    for proc in (p1, p2, p3):
        proc.start()
        print(f"已启动 {proc.name}，pid 为 {proc.pid}")
    p1.join(timeout=0.5)  # 最多等待 0.5 秒
    print(f"{p1.name} 的 is_alive()：{p1.is_alive()}")
    p1.join()
    p2.join()
    print(f"{p1.name} 的 is_alive()：{p1.is_alive()}，exitcode：{p1.exitcode}")
    p3.terminate()  # 发送 SIGTERM 信号
    p3.join()
    print(f"{p3.name} 已被终止，exitcode：{p3.exitcode}（即信号编号取负）")
