"""The collector: an authenticated local listener that the probes of one run connect to.

One thread waits on the listening socket and on every probe connection and puts each
message, undecoded, on a bounded queue: decoding is the consumer's, in its time budget, so
this thread holds the GIL as little as possible while the window draws. When the consumer falls
behind, the queue fills, this thread stops reading, the sockets fill and the observed
program blocks in its sends: a flood slows the program, never the window.
"""

from __future__ import annotations

import os
import queue
import shutil
import socket
import struct
import tempfile
import threading
import time
from multiprocessing.connection import (
    Connection,
    Listener,
    answer_challenge,
    deliver_challenge,
    wait,
)

from workers import wire

QUEUE_BATCHES = 1024  # batches waiting for the consumer before the probes are held back
ACCEPT_POLL = 0.1  # seconds between checks of the stop flag
PEER_TIMEOUT = 2  # seconds a peer may take to authenticate or to finish a message


class Collector:
    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="procscope-")  # mode 0700: only we get in
        self.address = os.path.join(self._dir, "probe.sock")
        self.authkey = os.urandom(32)
        self.events: queue.Queue = queue.Queue(QUEUE_BATCHES)
        self._listener = Listener(self.address, family="AF_UNIX", authkey=self.authkey)
        self._open: dict[Connection, int] = {}
        self._stopping = threading.Event()
        self._wake_read, self._wake_write = os.pipe()  # close() wakes the thread at once
        self._thread = threading.Thread(target=self._serve, name="procscope-collector", daemon=True)
        self._thread.start()

    @property
    def open_connections(self) -> int:
        return len(self._open)

    def send(self, pid: int, data: bytes) -> bool:
        """Send DATA to the probe of process PID (step mode's commands); False if gone."""
        for conn, owner in list(self._open.items()):
            if owner == pid:
                try:
                    conn.send_bytes(data)
                    return True
                except OSError:
                    return False
        return False

    def env(self) -> dict[str, str]:
        """What a probe needs to find and prove itself to this collector."""
        return {"PROCSCOPE_ADDRESS": self.address, "PROCSCOPE_AUTHKEY": self.authkey.hex()}

    def close(self) -> None:
        self._stopping.set()
        os.write(self._wake_write, b"x")
        self._thread.join(timeout=2)
        os.close(self._wake_read)
        os.close(self._wake_write)
        for conn in list(self._open):
            conn.close()
        self._open.clear()
        try:
            self._listener.close()
        except OSError:
            pass
        shutil.rmtree(self._dir, ignore_errors=True)

    def _serve(self) -> None:
        listening = self._listener._listener._socket
        while not self._stopping.is_set():
            try:
                ready = wait([listening, self._wake_read, *self._open], timeout=ACCEPT_POLL)
            except OSError:
                return
            for source in ready:
                if source == self._wake_read:
                    return
                if source is listening:
                    self._accept()
                else:
                    self._read(source)

    def _accept(self) -> None:
        """Accept and authenticate one peer. A peer that says nothing, or the wrong thing,
        costs at most PEER_TIMEOUT and is then dropped: it cannot hold the run up."""
        try:
            sock, _address = self._listener._listener._socket.accept()
        except OSError:
            return
        try:
            sock.setblocking(True)
            timeout = struct.pack("ll", PEER_TIMEOUT, 0)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeout)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeout)
            conn = Connection(sock.detach())
        except OSError:
            sock.close()
            return
        try:
            deliver_challenge(conn, self.authkey)
            answer_challenge(conn, self.authkey)
        except Exception:  # wrong key, garbage, silence or a peer that went away
            conn.close()
            return
        self._open[conn] = 0

    def _read(self, conn: Connection) -> None:
        try:
            data = conn.recv_bytes(wire.MAX_MESSAGE_BYTES)
        except (EOFError, OSError):
            pid = self._open.pop(conn, 0)
            conn.close()
            self._put(wire.Disconnected(pid, time.monotonic()))
            return
        if not self._open[conn]:  # the pid says whose connection closes, later
            self._open[conn] = wire.sender(data)
        self._put(data)

    def _put(self, item: bytes | wire.Disconnected) -> None:
        while not self._stopping.is_set():
            try:
                self.events.put(item, timeout=ACCEPT_POLL)
                return
            except queue.Full:
                continue
