"""A process of the run that talks to procscope's collector itself (it has the address and
the key in its environment) and sends records no probe would."""

import json
import os
import socket
import struct
from multiprocessing.connection import Connection

sock = socket.socket(socket.AF_UNIX)
sock.connect(os.environ["PROCSCOPE_ADDRESS"])
conn = Connection(sock.detach())
key = os.environ["PROCSCOPE_AUTHKEY"]
conn.send_bytes(json.dumps([1, os.getpid(), "hello", [], key]).encode())


sent = 0


def send(pid, *records):
    global sent
    sent += 1  # numbered as a probe numbers its messages, with a watermark no probe would send
    mark = struct.pack("dqqq", float("nan"), -1, 2**62, sent)
    conn.send_bytes(mark + json.dumps([1, pid, list(records)]).encode())


send(2**40, ["B", 1.0, 1, "huge", "main", None])
send(-5, ["B", 1.0, 1, "negative", "main", None])
send(os.getpid(), ["O", float("nan"), 0, "nan time"])
send(os.getpid(), ["O", float("inf"), 0, "inf time"])
send(os.getpid(), ["O", 1e400, 0, "1e400 time"])
send(os.getpid(), ["X", 1.0, 2**40, 0])
send(os.getpid(), ["X", 1.0, 10, 2**70])
send(os.getpid(), ["O", 1.0, 1, "lone \udcff surrogate"])
send(os.getpid(), ["V", 1.0, "name\udcff", "value \ud800"])
for fake in range(100):
    send(400000 + fake, ["B", 1.0, 1, f"fake {fake} \udcff", "main", None])
conn.close()
print("hostile done")
