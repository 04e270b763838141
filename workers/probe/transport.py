"""Sending records to the collector: batched, split under the size limit, never blocking a
signal handler on a send its own thread is in the middle of (DESIGN.md rule 6).

Before this process waits (for work, a lock, a message), what is batched must not sit
here: it is shown while the process waits, and not lost if the process is killed there.
That was a send each time, the most frequent syscall of a busy pool. Now it is a post:
the batch is written into the shared page (workers/probe/output.post), which the collector
reads every few milliseconds and once more when the process is gone. A post is sent over
the socket too with the next send (the collector takes each numbered message once), and the
page's area starts over. Sends stay where order needs them at once (a fork, a task that
printed, the end)."""

from __future__ import annotations

import _socket  # (socket.py: its enums and selectors cost every process 4 ms)
import os
import struct

from . import state
from .output import clear_posts, post, unread, watermark
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


def flush(blocking: bool = True, posting: bool = False) -> None:
    """Send what is batched. The lock is re-entrant and a depth counts sends in progress:
    a signal handler that logs or sleeps while its own thread is inside a send returns at
    once (its records go with the next flush); one that came just before the send began, or
    just after it ended, sends on its own. Never a wait for itself, never a message cut in
    two by another. POSTING: into the shared page if it fits (no syscall), else sent."""
    st = state.current
    if not (st.buf or st.posted and not posting) or st.dead:
        return
    if not st.lock.acquire(blocking):
        return
    try:
        if st.sending:
            return
        st.sending += 1
        try:
            if posting and len(st.buf) <= FLUSH_COUNT and _post():
                return
            if st.posted and not st.dead:
                if st.conn is None:
                    st.conn = connect(st.pid)
                st.conn.send_framed(b"".join(st.posted))
                st.posted.clear()
                clear_posts()
            while st.buf and not st.dead:
                batch = [st.buf.popleft() for _ in range(min(len(st.buf), FLUSH_COUNT))]
                if st.conn is None:
                    st.conn = connect(st.pid)
                t = now()
                for data in _messages(st.pid, batch):
                    st.seq += 1
                    st.conn.send_bytes(watermark(t, st.seq) + data)
        except Exception:
            st.dead = True  # the collector went away: the program goes on unobserved
            st.buf.clear()
            st.posted.clear()
        finally:
            st.sending -= 1
    finally:
        st.lock.release()


def _post() -> bool:
    """The whole batch as one message in the shared page (under the lock, not sending)."""
    st = state.current
    # taken one by one: another thread may append while this one posts (emit takes no lock)
    batch = [st.buf.popleft() for _ in range(len(st.buf))]
    data = wire.encode(st.pid, batch)
    seq = st.seq + 1
    entry = wire.FRAME.pack(wire.WATERMARK.size + len(data)) + watermark(now(), seq) + data
    if len(data) > wire.MAX_MESSAGE_BYTES or not post(entry):
        st.buf.extendleft(reversed(batch))  # sent instead, in their place
        return False
    st.seq = seq
    st.posted.append(entry)
    return True


def send_before_waiting(conn) -> None:
    """multiprocessing itself is about to wait on CONN (a Pool worker for its next task, a
    queue's reader): what is batched goes first, unless a message is already there to read
    (one poll, no wait). A worker that waits sends its finished tasks before it waits, so
    what it did is shown while it waits, and is not lost if it is terminated there."""
    st = state.current
    st.work_source = conn
    if st.buf and not st.sending and not _ready(conn):
        flush(posting=True)


def send_before_handing_over() -> None:
    """A pool worker hands a result over: the parent may then end the pool at once, killing
    the worker, so what is batched is posted first (a memory write). Always: work waiting
    in the pool's queue may be another worker's, and the parent may be done with this one's
    result (that guess lost a busy worker's last tasks at terminate(), 1 run in 15)."""
    st = state.current
    if st.buf and not st.sending and st.role == "pool-worker":
        flush(posting=True)


def _ready(conn) -> bool:
    """Whether a message is there to read on CONN: bytes in its pipe or socket (FIONREAD:
    a syscall, where Connection.poll(0) builds a selector each time, 3 us against 0.4)."""
    try:
        return unread(conn.fileno()) > 0
    except (OSError, ValueError, AttributeError):
        return False


def send_before_lock_wait(semlock) -> bool:
    """The same before multiprocessing waits for a lock (the queue's reader lock another
    worker holds): True if the lock was taken without waiting (then it is held)."""
    st = state.current
    if not st.buf or st.sending:
        return False
    if semlock.acquire(False):
        return True
    flush(posting=True)
    return False


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


class Link:
    """The probe's connection to the collector: a Unix socket in procscope's own folder
    (mode 0700: only this user gets there) whose hello carries the run's key, messages
    framed as multiprocessing's Connection frames them (a 4-byte big-endian length, then
    the bytes), so the collector reads it as a Connection. Not multiprocessing.connection
    itself: importing it, and its challenge's round trips, cost every observed process
    about 13 ms at its start."""

    __slots__ = ("sock",)

    def __init__(self, sock: _socket.socket) -> None:
        self.sock = sock

    def fileno(self) -> int:
        return self.sock.fileno()

    def send_bytes(self, data: bytes) -> None:
        self.sock.sendall(wire.FRAME.pack(len(data)) + data)

    def send_framed(self, data: bytes) -> None:
        """Messages already framed (posted ones), as they are."""
        self.sock.sendall(data)

    def recv_bytes(self) -> bytes:
        (size,) = wire.FRAME.unpack(self._exactly(4))
        return self._exactly(size)

    def _exactly(self, size: int) -> bytes:
        chunks, left = [], size
        while left:
            chunk = self.sock.recv(left)
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.sock.close()


def connect(pid: int, fds: list[int] = (), streams: list[str] = (), kind: str = wire.HELLO):
    """A connection whose first message (the hello) says who we are and hands the
    collector FDS (read ends of output pipes, the task page)."""
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)  # close-on-exec
    try:
        if sock.fileno() < MIN_FD:  # fds 0-2 were closed: never sit where the program writes
            import fcntl

            moved = fcntl.fcntl(sock.fileno(), fcntl.F_DUPFD_CLOEXEC, MIN_FD)
            sock.close()
            sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM, 0, moved)
        sock.connect(state.settings.address)
        key = state.settings.authkey.hex()  # the run's key: the collector hears no stranger
        hello = wire.dumps([wire.VERSION, pid, kind, list(streams), key]).encode()
        rights = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, struct.pack(f"{len(fds)}i", *fds))]
        sock.sendmsg([wire.FRAME.pack(len(hello)) + hello], rights if fds else [])
    except BaseException:
        sock.close()
        raise
    return Link(sock)


def handoff(pid: int, fds: list[int], streams: list[str]) -> None:
    """Give the collector the output pipes of another process (a child this one started)."""
    try:
        connect(pid, fds, streams, wire.HANDOFF).close()
    except Exception:
        pass
    finally:
        for fd in fds:
            os.close(fd)
