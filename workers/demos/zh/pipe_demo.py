"""Pipe()：相连的两端。在一端 send()，在另一端 recv()。

双向管道可以双向传递消息：父进程和一个子进程来回“打乒乓”。
单向管道 Pipe(duplex=False) 有一个读端和一个写端。写端的所有副本都关闭后，
在读端调用 recv() 会抛出 EOFError。
"""

import os
import time
from multiprocessing import Pipe, Process

from demo_args import params

p = params(rounds=3, items=3, pause=0.2)


def child(conn, writer):
    for _ in range(p.rounds):
        msg = conn.recv()  # 等待父进程的 ping
        print(f"子进程 {os.getpid()} 收到 {msg!r}，并回复")
        conn.send(msg.replace("ping", "pong"))
    for i in range(1, p.items + 1):
        time.sleep(p.pause)
        print(f"子进程在单向管道上发送数据 {i}")
        writer.send(f"数据 {i}")
    writer.close()  # 子进程的写端副本：最后一份
    print("子进程关闭了它的写端")


if __name__ == "__main__":
    here, there = Pipe()  # 双向：两端都能发送和接收
    reader, writer = Pipe(duplex=False)  # 单向：writer -> reader
    proc = Process(target=child, args=(there, writer))
    proc.start()
    writer.close()  # 父进程的写端副本：不关闭它，就永远等不到 EOF
    for i in range(1, p.rounds + 1):
        print(f"父进程 {os.getpid()} 发送 'ping {i}'")
        here.send(f"ping {i}")
        print(f"父进程收到 {here.recv()!r}")  # 等待子进程的回复
        time.sleep(p.pause)
    while True:
        try:
            item = reader.recv()  # 等待下一条数据，或者等到 EOF
        except EOFError:
            print("EOFError：另一端已关闭")
            break
        print(f"父进程收到 {item!r}")
    proc.join()
