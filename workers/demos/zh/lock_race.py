"""竞争条件：N 个进程给同一个共享 Value 加 1，先不加锁，再加锁。

v.value += 1 分三步：读取值、加 1、写回。不加锁时，两个进程可能读到同一个值，
然后都写回 值 + 1：两次加法中有一次丢失了。加锁后，同一时刻只有一个进程
执行这三步。
"""

import time
from multiprocessing import Process, Value

from demo_args import params

p = params(processes=4, increments=5000)
expected = p.processes * p.increments  # 没有加法丢失时的结果
without_lock = 0  # 每个阶段结束后共享值的最终值（见“变量值”标签页）
with_lock = 0


def add_unlocked(v, n):
    for _ in range(n):
        v.value += 1  # 读取、加 1、写回：其他进程可能在中间写入


def add_locked(v, n):
    for _ in range(n):
        with v.get_lock():  # 其他进程在这里等待，直到本进程完成
            v.value += 1


def run(target, phase):
    v = Value("i", 0)  # 共享内存中的一个整数，自带一把锁
    n = p.increments
    procs = [Process(target=target, args=(v, n)) for _ in range(p.processes)]
    start = time.time()
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    took = time.time() - start
    print(f"{phase}：{p.processes} 个进程，各做 {n} 次加法，用时 {took:.2f} 秒")
    return v.value


if __name__ == "__main__":
    without_lock = run(add_unlocked, "不加锁")
    print(f"不加锁：预期值 {expected}，最终值 {without_lock}")
    print(f"不加锁：丢失的更新 {expected - without_lock} 次")
    with_lock = run(add_locked, "加锁")
    print(f"加锁：预期值 {expected}，最终值 {with_lock}")
    print(f"加锁：丢失的更新 {expected - with_lock} 次")
