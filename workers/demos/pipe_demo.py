"""Pipe(): two connected ends. send() on one end, recv() on the other.

A duplex pipe carries messages both ways: the parent and a child play ping-pong.
A one-way pipe, Pipe(duplex=False), has a read end and a write end. Once every
copy of the write end is closed, recv() on the read end raises EOFError.
"""

import os
import time
from multiprocessing import Pipe, Process

from demo_args import params

p = params(rounds=3, items=3, pause=0.2)


def child(conn, writer):
    for _ in range(p.rounds):
        msg = conn.recv()  # waits for the parent's ping
        print(f"child {os.getpid()} got {msg!r}, answers")
        conn.send(msg.replace("ping", "pong"))
    for i in range(1, p.items + 1):
        time.sleep(p.pause)
        print(f"child sends item {i} on the one-way pipe")
        writer.send(f"item {i}")
    writer.close()  # the child's copy of the write end: the last one
    print("child closed its write end")


if __name__ == "__main__":
    here, there = Pipe()  # duplex: both ends can send and receive
    reader, writer = Pipe(duplex=False)  # one way: writer -> reader
    proc = Process(target=child, args=(there, writer))
    proc.start()
    writer.close()  # the parent's copy: without this, EOF would never come
    for i in range(1, p.rounds + 1):
        print(f"parent {os.getpid()} sends 'ping {i}'")
        here.send(f"ping {i}")
        print(f"parent got {here.recv()!r}")  # waits for the child's answer
        time.sleep(p.pause)
    while True:
        try:
            item = reader.recv()  # waits for the next item, or for EOF
        except EOFError:
            print("EOFError: the other end closed")
            break
        print(f"parent got {item!r}")
    proc.join()
