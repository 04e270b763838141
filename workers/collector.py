"""The collector: an authenticated local listener that the probes of one run connect to,
and the reader of every observed process's stdout and stderr pipes.

A probe's connection begins with a hello (its pid, and the read ends of its output pipes
and its task page, passed as file descriptors). One thread waits on the listening socket,
every connection and every output pipe, and puts what it reads, undecoded, on a bounded
queue: decoding is the consumer's, in its time budget, so this thread holds the GIL as
little as possible while the window draws. When the consumer falls behind, the queue fills,
this thread stops reading, the pipes and sockets fill and the observed program blocks in its
writes: a flood slows the program, never the window.

Output is stamped with the time it was read, which can be late, and two processes' pipes
read in one pass have no order of their own. So causal order is kept another way: when a
probe sends records (it does before every blocking call and at every task's end, that is
before it hands anything to another process) it puts in front of the message the time T and how
many bytes were still unread in its pipes. Those bytes, and all before them, were written
before T. When the collector handles a process's records, it first reads that process's
pipes up to that mark and stamps those bytes no later than T; records are handled before
pipes in each pass. Every stamp is thus a true upper bound of its write time, and a child's
line printed before its result reached the parent sorts before the parent's line about it.
"""

from __future__ import annotations

import collections
import json
import math
import os
import queue
import selectors
import socket
import stat
import struct
import threading
import time

from workers import wire
from workers.launch import remove_folder
from workers.peer import Peer
from workers.shared_page import SharedPage

try:  # hmac's own constant-time compare, without hashlib's OpenSSL (3 ms at each start)
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover
    from hmac import compare_digest

QUEUE_BATCHES = 1024  # items waiting for the consumer before the probes are held back
ACCEPT_POLL = 0.1  # seconds between checks of the stop flag
POST_LOOK = 0.01  # seconds between looks at the probes' posts (what they put in their page)
PEER_TIMEOUT = 2  # seconds a peer may take to authenticate (or to take a command)
READ_CHUNK = 1 << 16  # bytes read from an output pipe at a time
MAX_HELLO_FDS = 4
STREAM_INDEX = {"out": 0, "err": 1}
HISTORY = 256  # reads remembered per pipe, to know how much had been read at a moment

_LISTENER, _WAKE, _PEER, _OUTPUT = range(4)


class Collector:
    """Takes over a launch's listening socket (in FOLDER, mode 0700: only this user gets
    there) and key; the probes' connections may already wait in its backlog."""

    def __init__(self, listener, folder: str, authkey: bytes) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, fileno=listener.detach())
        self._dir = folder
        self.address = listener.getsockname()
        self.authkey = authkey
        self.events: queue.Queue = queue.Queue(QUEUE_BATCHES)
        self.rejected = 0  # peers or hellos refused
        # no challenge (two round trips a process): the key comes in the hello
        self._listener = listener
        self._open: set[Peer] = set()
        self._selector = selectors.DefaultSelector()
        self._outputs: dict[int, tuple[int, int]] = {}  # fd -> (pid, stream index)
        self._stamped: dict[int, float] = {}  # fd -> time given to its last chunk
        self._late: dict[int, float] = {}  # fd -> stamp of its last plain read
        self._read_total: dict[int, int] = {}  # fd -> bytes read from it so far
        self._history: dict[int, collections.deque] = {}  # fd -> (time, bytes read by then)
        self._pending: list[tuple[int, int, int]] = []  # outputs added from other threads
        self._pending_lock = threading.Lock()
        self._stopping = threading.Event()
        self._wake_read, self._wake_write = os.pipe()
        self._selector.register(listener, selectors.EVENT_READ, _LISTENER)
        self._selector.register(self._wake_read, selectors.EVENT_READ, _WAKE)
        self._thread = threading.Thread(target=self._serve, name="procscope-collector", daemon=True)
        self._thread.start()

    @property
    def open_connections(self) -> int:
        return len(self._open)

    @property
    def open_outputs(self) -> int:
        return len(self._outputs) + len(self._pending)

    def add_output(self, pid: int, stream: str, fd: int) -> None:
        """Read FD (a pipe's read end, now ours) as process PID's STREAM."""
        os.set_blocking(fd, False)
        with self._pending_lock:
            self._pending.append((fd, pid, STREAM_INDEX[stream]))
        os.write(self._wake_write, b"+")

    def send(self, pid: int, data: bytes) -> bool:
        """Send DATA to the probe of process PID (step mode's commands); False if gone."""
        for peer in list(self._open):
            if peer.pid == pid:
                try:
                    peer.send(data)
                    return True
                except OSError:
                    return False
        return False

    def env(self) -> dict[str, str]:
        """What a probe needs to find and prove itself to this collector."""
        return {"PROCSCOPE_ADDRESS": self.address, "PROCSCOPE_AUTHKEY": self.authkey.hex()}

    def close(self) -> list:
        """Stop, and return what was still unread in the output pipes (nothing printed is
        lost at a stop): items for the consumer, in order."""
        self._stopping.set()
        os.write(self._wake_write, b"x")
        self._thread.join(timeout=2)
        self._take_pending()
        left: list = []
        for fd, (pid, stream) in list(self._outputs.items()):
            while True:
                try:
                    data = os.read(fd, READ_CHUNK)
                except OSError:
                    data = b""
                left.append(wire.OutputChunk(pid, time.monotonic(), stream, data))
                if not data:
                    break
            self._forget(fd)
            os.close(fd)
        self._outputs.clear()
        for peer in list(self._open):
            self._forget(peer)
            left.extend(self._last_of(peer))
            peer.close()
        self._open.clear()
        self._selector.close()
        os.close(self._wake_read)
        os.close(self._wake_write)
        try:
            self._listener.close()
        except OSError:
            pass
        remove_folder(self._dir)
        return left

    def _serve(self) -> None:
        looked = time.monotonic()
        while not self._stopping.is_set():
            try:
                ready = self._selector.select(timeout=POST_LOOK if self._open else ACCEPT_POLL)
            except OSError:
                return
            if time.monotonic() - looked >= POST_LOOK:
                looked = time.monotonic()
                for peer in list(self._open):
                    self._take_posts(peer)
            # records first: each drains its process's pipes with the causal stamp
            for key, _events in sorted(ready, key=lambda pair: pair[0].data):
                kind, source = key.data, key.fileobj
                if kind == _WAKE:
                    os.read(self._wake_read, 4096)
                    if self._stopping.is_set():
                        return
                    self._take_pending()
                elif kind == _LISTENER:
                    self._accept()
                elif kind == _PEER:
                    if source in self._open:
                        self._read(source)
                elif source in self._outputs:
                    self._read_output(source)

    def _forget(self, source) -> None:
        """No more looks at SOURCE (before it is closed: epoll must not keep a stale fd)."""
        try:
            self._selector.unregister(source)
        except (KeyError, ValueError, OSError):
            pass

    def _take_pending(self) -> None:
        with self._pending_lock:
            pending, self._pending = self._pending, []
        for fd, pid, stream in pending:
            self._add(fd, pid, stream)

    def _add(self, fd: int, pid: int, stream: int) -> None:
        self._outputs[fd] = (pid, stream)
        self._selector.register(fd, selectors.EVENT_READ, _OUTPUT)

    def _read_output(self, fd: int, no_later_than: float = math.inf, most: int = READ_CHUNK) -> int:
        """Read one chunk (at most MOST bytes) of FD; the number of bytes read."""
        pid, stream = self._outputs[fd]
        try:
            data = os.read(fd, most)
        except BlockingIOError:
            return 0
        except OSError:
            data = b""
        now = time.monotonic()
        t = max(min(now, no_later_than), self._stamped.get(fd, 0.0))
        self._stamped[fd] = t
        if no_later_than == math.inf:  # a plain read: its stamp may be later than needed
            self._late[fd] = t
        if data:
            total = self._read_total[fd] = self._read_total.get(fd, 0) + len(data)
            self._history.setdefault(fd, collections.deque(maxlen=HISTORY)).append((now, total))
        else:
            del self._outputs[fd]
            self._forget(fd)
            for table in (self._stamped, self._read_total, self._history, self._late):
                table.pop(fd, None)
            os.close(fd)
        self._put(wire.OutputChunk(pid, t, stream, data))
        return len(data)

    def _read_before(self, fd: int, t: float) -> int | None:
        """Bytes of FD read by time T (None if that is older than the history kept)."""
        history = self._history.get(fd)
        if not history:
            return 0
        for when, total in reversed(history):
            if when <= t:
                return total
        return 0 if len(history) < HISTORY else None

    def _drain_outputs_of(self, pid: int, sent_at: float, unread: tuple[int, int]) -> None:
        """PID sent records at SENT_AT, when UNREAD bytes were still in its pipes: read them
        up to what it had written then."""
        if not math.isfinite(sent_at):
            return
        for fd, (owner, stream) in list(self._outputs.items()):
            if owner != pid or not 0 <= unread[stream] < 1 << 40:
                continue
            before = self._read_before(fd, sent_at)
            if before is None:
                continue
            mark = before + unread[stream]
            while fd in self._outputs and self._read_total.get(fd, 0) < mark:
                want = min(READ_CHUNK, mark - self._read_total.get(fd, 0))
                if not self._read_output(fd, sent_at, want):
                    break
            # what was read before this mark came, late (a starved thread reads late), is
            # older than it too: the model moves those lines back
            if self._late.pop(fd, 0.0) > sent_at:
                self._put(wire.Watermark(pid, sent_at, stream, mark))

    def _accept(self) -> None:
        """Accept one peer and read its hello (with the run's key). A peer that says
        nothing, or the wrong thing, costs at most PEER_TIMEOUT and is then dropped."""
        try:
            sock, _address = self._listener.accept()
        except OSError:
            return
        try:
            sock.setblocking(True)
            timeout = struct.pack("ll", PEER_TIMEOUT, 0)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeout)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeout)
            pid, kind, page = self._hello(sock)
        except Exception:  # wrong key, garbage, silence or a peer that went away
            self.rejected += 1
            sock.close()
            return
        if kind == wire.HANDOFF:  # pipes of another process, nothing more to come
            if page is not None:
                page.close()
            sock.close()
            return
        peer = Peer(sock, pid, page)
        self._open.add(peer)
        self._selector.register(peer, selectors.EVENT_READ, _PEER)

    def _hello(self, sock: socket.socket) -> tuple[int, str, SharedPage | None]:
        """The first message: [VERSION, pid, "hello" or "handoff", [stream, ...], KEY] with
        one fd a stream; KEY is the run's (in the environment of its processes only). A
        handoff gives the pipes of a child that has no probe of its own. Read to its end
        and no further: what follows is the peer's first records."""
        header, fds, _flags, _addr = socket.recv_fds(sock, 4, MAX_HELLO_FDS)
        try:
            if len(header) != 4:
                raise wire.WireError("no hello")
            (size,) = wire.FRAME.unpack(header)
            if not 0 < size <= 4096:
                raise wire.WireError("bad hello")
            body = b""
            while len(body) < size:
                part = sock.recv(size - len(body))
                if not part:
                    raise wire.WireError("short hello")
                body += part
            version, pid, kind, streams, key = json.loads(body)
            if version != wire.VERSION or kind not in (wire.HELLO, wire.HANDOFF):
                raise ValueError
            if not isinstance(key, str) or not compare_digest(key, self.authkey.hex()):
                raise ValueError
            if type(pid) is not int or not isinstance(streams, list):
                raise ValueError
            if not 0 < pid <= wire.PID_MAX or len(streams) != len(fds):
                raise ValueError
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        page = None
        for fd, stream in zip(fds, streams, strict=True):
            page = self._take_fd(pid, stream, fd) or page
        return pid, kind, page

    def _take_fd(self, pid: int, stream: object, fd: int) -> SharedPage | None:
        kept = False  # an output pipe is read from now on; a page is mapped, its fd closed
        try:
            mode = os.fstat(fd).st_mode
            if stream in STREAM_INDEX and stat.S_ISFIFO(mode):
                os.set_blocking(fd, False)
                self._add(fd, pid, STREAM_INDEX[stream])
                kept = True
            elif stream == "page" and stat.S_ISREG(mode):
                return SharedPage(fd)
        except (OSError, ValueError):
            pass
        finally:
            if not kept:
                os.close(fd)
        return None

    def _last_of(self, peer: Peer) -> list:
        """What a process that is gone left in its page, for the consumer: its posts not
        yet taken, then the task it was inside (a task cut off by its death still shows)."""
        if peer.page is None:
            return []
        left = []
        for seq, message in peer.page.posts(peer.last_seq, force=True):
            if seq == peer.last_seq + 1:
                left.append(self._taken(peer, message))
        task = peer.page.task_message()
        return left + ([task] if task else [])

    def _take_posts(self, peer: Peer) -> None:
        """Posts in their order: one after a gap waits (the socket brings the ones between,
        sent since, before it: the page started over)."""
        if peer.page is not None:
            for seq, message in peer.page.posts(peer.last_seq):
                if seq != peer.last_seq + 1:
                    peer.page.look_again()
                    return
                self._put(self._taken(peer, message))

    def _taken(self, peer: Peer, data: bytes) -> bytes | None:
        """A message taken once (None if it was taken already, by its number): its pipes
        drained to its mark; the JSON for the consumer."""
        sent_at, unread_out, unread_err, seq = wire.WATERMARK.unpack_from(data)
        if 0 < seq <= peer.last_seq:
            return None  # posted, and sent since (or the other way round)
        if seq != peer.last_seq + 1:
            return data  # not a probe's numbering: garbage, the consumer counts it
        peer.last_seq = seq
        self._drain_outputs_of(peer.pid, sent_at, (unread_out, unread_err))
        return data[wire.WATERMARK.size :]

    def _read(self, peer: Peer) -> None:
        messages = peer.messages()
        if messages is None:  # gone (or it broke the framing: dropped)
            self._open.discard(peer)
            self._forget(peer)
            for item in self._last_of(peer):
                self._put(item)
            peer.close()
            self._put(wire.Disconnected(peer.pid, time.monotonic()))
            return
        for data in messages:
            if len(data) < wire.WATERMARK.size:
                self._put(data)  # garbage: the consumer counts it as rejected
                continue
            item = self._taken(peer, data)
            if item is not None:
                self._put(item)

    def _put(self, item) -> None:
        while not self._stopping.is_set():
            try:
                self.events.put(item, timeout=ACCEPT_POLL)
                return
            except queue.Full:
                continue
