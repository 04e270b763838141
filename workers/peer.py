"""A probe's connection as the collector holds it: the socket, messages framed by their
length (workers/wire_format.FRAME), the process's shared page, and the number of the last
message taken from either (workers/collector.py takes each once)."""

from __future__ import annotations

import socket

from workers import wire
from workers.shared_page import SharedPage

RECV_CHUNK = 1 << 18  # bytes read from a probe's socket at a time (many messages)


class Peer:
    """A probe's connection: messages framed by their length, read as they come (many in
    one read when a worker sends fast; a message cut by a read waits for its rest)."""

    __slots__ = ("sock", "pid", "pending", "page", "last_seq")

    def __init__(self, sock: socket.socket, pid: int, page: SharedPage | None = None) -> None:
        self.sock = sock
        self.pid = pid
        self.pending = bytearray()
        self.page = page  # its shared page: the task it is inside, its posts
        self.last_seq = 0  # the number of the last message taken (from either way)

    def fileno(self) -> int:
        return self.sock.fileno()

    def messages(self) -> list[bytes] | None:
        """The whole messages that have come (none yet is []); None when the peer is gone
        or broke the framing (a length out of bounds)."""
        try:
            data = self.sock.recv(RECV_CHUNK)
        except (BlockingIOError, InterruptedError):
            return []
        except OSError:
            return None
        if not data:
            return None
        pending = self.pending
        pending += data
        found: list[bytes] = []
        at, end = 0, len(pending)
        while end - at >= 4:
            (size,) = wire.FRAME.unpack_from(pending, at)
            if not 0 <= size <= wire.MAX_MESSAGE_BYTES:
                return None
            if end - at - 4 < size:
                break
            found.append(bytes(pending[at + 4 : at + 4 + size]))
            at += 4 + size
        del pending[:at]
        return found

    def send(self, data: bytes) -> None:
        self.sock.sendall(wire.FRAME.pack(len(data)) + data)

    def close(self) -> None:
        self.sock.close()
        if self.page is not None:
            self.page.close()
            self.page = None
