"""共享内存：Value、Array 和 SharedMemory 共享内存块都只有一份，所有进程
看到的是同一份；普通的列表或整数则会复制到每个子进程中。

两个子进程给它们各加 1。观察“变量值”标签页：shared_value、shared_array
和 shared_block（各进程最近一次从共享内存中读到的值）在每个进程中同步变化；
plain_list 和 plain_int：每个进程各有一份。
"""

import time
from multiprocessing import Array, Process, Value
from multiprocessing.shared_memory import SharedMemory

from demo_args import params

p = params(rounds=3, pause=0.3)
plain_list = [0, 0]  # 普通对象：每个进程都有自己的一份拷贝
plain_int = 0
shared_value = 0  # 本进程最近一次从共享 Value、
shared_array = [0, 0]  # 从共享 Array、
shared_block = [0, 0]  # 以及从 SharedMemory 块的前两个字节读到的值


def look(value, array, block):
    """把共享对象中的内容读到本进程自己的全局变量中。"""
    global shared_value, shared_array, shared_block
    shared_value = value.value
    shared_array = array[:]
    shared_block = list(block.buf[:2])


def report(who):
    text = f"Value {shared_value}，Array {shared_array}，共享块 {shared_block}"
    print(f"{who} 共享：{text}")
    print(f"{who} 普通：list {plain_list}，int {plain_int}")


def child(k, value, array, name):
    global plain_int
    block = SharedMemory(name=name)  # 按名字连接到父进程创建的共享内存块
    for _ in range(p.rounds):
        with value.get_lock():  # 对共享内存做 += 需要加锁（见 lock-race）
            value.value += 1
        array[k] += 1  # 子进程 k 修改共享 Array 的第 k 个元素
        block.buf[k] += 1  # 以及共享内存块的第 k 个字节
        plain_list[k] += 1  # 本子进程自己的拷贝
        plain_int += 1
        look(value, array, block)
        report(f"子进程 {k}")
        time.sleep(p.pause)
    block.close()  # 本进程不再使用这个共享内存块


if __name__ == "__main__":
    value = Value("i", 0)  # 共享内存中的一个整数
    array = Array("i", 2)  # 共享内存中的两个整数，初始为 0
    block = SharedMemory(create=True, size=2)  # 两个原始字节，初始为 0
    report("父进程（启动前）")
    args = [(k, value, array, block.name) for k in range(2)]
    children = [Process(target=child, args=a) for a in args]
    for proc in children:
        proc.start()
    while any(proc.is_alive() for proc in children):
        look(value, array, block)  # 父进程能看到子进程所做的修改
        time.sleep(0.1)
    for proc in children:
        proc.join()
    look(value, array, block)
    report("父进程（结束后）")
    block.close()
    block.unlink()  # 释放共享内存块；只做一次，由最后使用它的进程来做
