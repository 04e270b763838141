"""The program's own pipes and simple queues, for the arrows (workers/probe/messages.py
explains the pairing). Only calls from the program are recorded: multiprocessing and
concurrent.futures use the same classes for their own plumbing (a Pool's task and result
queues, a manager's connections), which is not the program's traffic.

- Pipe(): each Connection's channel is its fd's inode, the same in every process that has
  it. A simplex pipe has one inode for both ends; a duplex one is a socket pair, whose two
  inodes the process that created it reports (a "peer" record), so that what is sent on
  one end pairs with what is received on the other.
- SimpleQueue: a locked pipe; its put and get are recorded inside their locks, as a
  Queue's are. In a Pool worker, the work item the Pool's own get returns says which chunk
  of a submission the next tasks belong to (results.note_work_item).
- JoinableQueue: the task_done() that brought the count of unfinished tasks to zero, and
  each join() that had waited for it, both recorded inside the queue's condition lock.
"""

from __future__ import annotations

import functools
import os
import sys

from . import results
from .sampler import short_repr
from .state import now, wire
from .tasks import hide_frame
from .transport import emit, send_before_handing_over, send_before_waiting
from .waits import blocking

_PLUMBING = ("multiprocessing.", "concurrent.futures", "_procscope_probe")
_PASSED = "multiprocessing.context"  # context.Pipe() calls connection.Pipe()


def called_by_program() -> bool:
    """Was the patched method (the caller of this) called from the program, rather than
    from multiprocessing or the probe itself? The probe's wrappers in between (functions
    named "wrapper": _unhidden's, waits.blocking's) are passed over."""
    try:
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_globals.get("__name__") or ""
            wrapper = frame.f_code.co_name == "wrapper" and name.startswith("_procscope_probe")
            if not wrapper and name != _PASSED:
                return not name.startswith(_PLUMBING)
            frame = frame.f_back
    except Exception:
        pass
    return False


def channel_of(conn) -> int:
    """A Connection's inode, kept on the object (a Connection has a __dict__)."""
    try:
        channel = conn.__dict__.get("_procscope_channel")
        if channel is None:
            channel = conn.__dict__["_procscope_channel"] = os.fstat(conn.fileno()).st_ino
        return channel
    except Exception:
        return 0


def record(kind: str, channel: int, direction: str, size: int, label: str = "", t=None) -> None:
    """One end of a message. A send is stamped when it began (pass T), a receive when it
    returned: so a reply is never drawn as leaving before what it answers arrived."""
    try:
        if channel:
            emit((wire.MESSAGE, t or now(), kind, channel, direction, size, label))
    except Exception:
        pass


def _unhidden(func):
    """Exceptions pass through the wrapper as if it were not there."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BaseException as exc:
            hide_frame(exc)
            raise

    return wrapper


def patch_connections(connection) -> None:
    base, dumps = connection._ConnectionBase, connection._ForkingPickler.dumps
    loads = connection._ForkingPickler.loads
    orig = {name: getattr(base, name) for name in ("send", "recv", "send_bytes", "recv_bytes")}

    @_unhidden
    def send(self, obj):
        if not called_by_program():
            return orig["send"](self, obj)
        self._check_closed()
        self._check_writable()
        data = dumps(obj)
        began = now()
        self._send_bytes(data)
        record("pipe", channel_of(self), "send", len(data), short_repr(obj), began)

    @_unhidden
    def recv(self):
        if not called_by_program():
            send_before_waiting(self)
            return orig["recv"](self)
        self._check_closed()
        self._check_readable()
        buf = self._recv_bytes()
        record("pipe", channel_of(self), "recv", buf.getbuffer().nbytes)
        return loads(buf.getbuffer())

    @_unhidden
    def send_bytes(self, buf, offset=0, size=None):
        began = now()
        sent = orig["send_bytes"](self, buf, offset, size)
        if called_by_program():
            view = memoryview(buf)
            count = view.nbytes // view.itemsize - offset if size is None else size
            size = count * view.itemsize
            record("pipe", channel_of(self), "send", size, short_repr(buf), began)
        return sent

    @_unhidden
    def recv_bytes(self, maxlength=None):
        send_before_waiting(self)
        data = orig["recv_bytes"](self, maxlength)
        if called_by_program():
            record("pipe", channel_of(self), "recv", len(data))
        return data

    for func in (send, send_bytes):
        setattr(base, func.__name__, func)
    # a recv blocks until a message comes: a wait on the lane when the program called it
    for func in (recv, recv_bytes):
        setattr(base, func.__name__, blocking(func, "recv", lambda a, k: "Pipe"))

    orig_pipe = connection.Pipe

    @_unhidden
    def Pipe(duplex=True):  # noqa: N802 (multiprocessing's name)
        ends = orig_pipe(duplex)
        if duplex and called_by_program():
            record("pipe", channel_of(ends[0]), "peer", channel_of(ends[1]))
        return ends

    connection.Pipe = Pipe


def patch_simple_queue(queues) -> None:
    dumps, loads = queues._ForkingPickler.dumps, queues._ForkingPickler.loads
    orig_put, orig_get = queues.SimpleQueue.put, queues.SimpleQueue.get

    @_unhidden
    def put(self, obj):
        if not called_by_program():
            send_before_handing_over()  # (a Pool's or an executor's result)
            return orig_put(self, obj)
        data, label = dumps(obj), short_repr(obj)
        if self._wlock is None:
            began = now()
            self._writer.send_bytes(data)
            record("queue", channel_of(self._reader), "send", len(data), label, began)
        else:
            with self._wlock:
                began = now()
                self._writer.send_bytes(data)
                record("queue", channel_of(self._reader), "send", len(data), label, began)

    @_unhidden
    def get(self):
        if not called_by_program():
            item = orig_get(self)
            results.note_work_item(item)
            return item
        with self._rlock:
            data = self._reader.recv_bytes()
            record("queue", channel_of(self._reader), "recv", len(data))
        return loads(data)

    queues.SimpleQueue.put, queues.SimpleQueue.get = put, get


def patch_joinable(queues) -> None:
    cls = queues.JoinableQueue

    @_unhidden
    def task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError("task_done() called too many times")
            if self._unfinished_tasks._semlock._is_zero():
                record("joined", channel_of(self._reader), "send", 0, "all tasks done")
                self._cond.notify_all()

    @_unhidden
    def join(self):
        with self._cond:
            if not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()
                record("joined", channel_of(self._reader), "recv", 0)

    functools.update_wrapper(task_done, cls.task_done)
    functools.update_wrapper(join, cls.join)
    cls.task_done, cls.join = task_done, join
