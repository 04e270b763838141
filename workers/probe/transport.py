"""Sending records to the collector: batched, split under the size limit, never blocking a
signal handler on a send its own thread is in the middle of (DESIGN.md rule 6)."""

from __future__ import annotations

import json
import os
import socket
import struct

from . import state
from .output import watermark
from .state import now, wire

FLUSH_COUNT = 256  # records per message at most
FLUSH_AGE = 0.008  # seconds an event may wait in the batch while the process runs
MIN_FD = 3  # the probe's socket never takes the program's fds 0-2


def emit(record: tuple) -> None:
    st = state.current
    if st.silent:
        return
    if not st.buf:
        st.buf_t0 = record[1]
    st.buf.append(record)
    if len(st.buf) >= FLUSH_COUNT or record[1] - st.buf_t0 > FLUSH_AGE:
        flush(blocking=False)


def sync() -> None:
    """A causal mark: what this process wrote so far is older than what comes next (a child
    it is about to start, whose output the collector reads from another pipe). Sends even
    an empty batch, so the collector reads this process's pipes up to here first."""
    emit((wire.SYNC, now()))
    flush()


def flush(blocking: bool = True) -> None:
    """Send what is batched. The lock is re-entrant and a depth counts sends in progress:
    a signal handler that logs or sleeps while its own thread is inside a send returns at
    once (its records go with the next flush); one that came just before the send began, or
    just after it ended, sends on its own. Never a wait for itself, never a message cut in
    two by another."""
    st = state.current
    if not st.buf or st.dead:
        return
    if not st.lock.acquire(blocking):
        return
    try:
        if st.sending:
            return
        st.sending += 1
        try:
            while st.buf and not st.dead:
                batch = [st.buf.popleft() for _ in range(min(len(st.buf), FLUSH_COUNT))]
                if st.conn is None:
                    st.conn = connect(st.pid)
                mark = watermark(now())
                for data in _messages(st.pid, batch):
                    st.conn.send_bytes(mark + data)
        except Exception:
            st.dead = True  # the collector went away: the program goes on unobserved
            st.buf.clear()
        finally:
            st.sending -= 1
    finally:
        st.lock.release()


def _messages(pid: int, batch: list) -> list[bytes]:
    """One message, or several when one would pass the collector's size limit."""
    data = wire.encode(pid, batch)
    if len(data) <= wire.MAX_MESSAGE_BYTES:
        return [data]
    if len(batch) == 1:  # records are bounded, so this is a bug: say so, do not drop it
        kind, t = batch[0][0], batch[0][1]
        return [wire.encode(pid, [(wire.CUT, t, kind, len(data))])]
    half = len(batch) // 2
    return _messages(pid, batch[:half]) + _messages(pid, batch[half:])


def connect(pid: int, fds: list[int] = (), streams: list[str] = (), kind: str = wire.HELLO):
    """An authenticated connection whose first message (the hello) says who we are and
    hands the collector FDS (read ends of output pipes, the task page)."""
    from multiprocessing.connection import Client

    conn = Client(state.settings.address, family="AF_UNIX", authkey=state.settings.authkey)
    if conn.fileno() < MIN_FD:  # fds 0-2 were closed: never sit where the program writes
        import fcntl

        moved = fcntl.fcntl(conn.fileno(), fcntl.F_DUPFD_CLOEXEC, MIN_FD)
        conn.close()
        from multiprocessing.connection import Connection

        conn = Connection(moved)
    hello = json.dumps([wire.VERSION, pid, kind, list(streams)]).encode()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, fileno=conn.fileno())
    try:
        socket.send_fds(sock, [struct.pack("!i", len(hello)) + hello], list(fds))
    finally:
        sock.detach()
    conn.__dict__["_procscope_channel"] = 0  # the probe's own: never an arrow (pipes.py)
    return conn


def handoff(pid: int, fds: list[int], streams: list[str]) -> None:
    """Give the collector the output pipes of another process (a child this one started)."""
    try:
        connect(pid, fds, streams, wire.HANDOFF).close()
    except Exception:
        pass
    finally:
        for fd in fds:
            os.close(fd)
