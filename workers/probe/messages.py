"""What passes between processes, for the arrows: each message's two ends, recorded where
they happen and paired exactly by the model, never guessed from timing.

- Queues: a queue's pipe is FIFO and its senders (the feeder threads) and receivers hold
  the queue's write and read locks while they send and receive, so the k-th send into the
  pipe is the k-th receive out of it. Each end is recorded inside its lock with the pipe's
  inode (the same in every process) and the message's size; the model pairs them in time
  order and stops pairing a queue at the first size that does not match.
- The program's Pipes, SimpleQueues and JoinableQueue joins: workers/probe/pipes.py.
- A Manager's queues (and every other proxy call): workers/probe/manager_calls.py.
- Pool and ProcessPoolExecutor work, submit to task to result: workers/probe/results.py.
"""

from __future__ import annotations

import collections
import functools
import os

from .pipes import called_by_program
from .sampler import short_repr
from .state import now, wire
from .tasks import hide_frame
from .transport import emit


def _channel(conn) -> int:
    try:
        return os.fstat(conn.fileno()).st_ino
    except (OSError, ValueError):
        return 0


def _labels(queue) -> collections.deque:
    labels = queue.__dict__.get("_procscope_labels")
    if labels is None:
        labels = queue.__dict__["_procscope_labels"] = collections.deque(maxlen=4096)
    return labels


def _wrap_send(queue, send_bytes, channel: int):
    def send(data, *args):
        began = now()  # a send is stamped when it began (pipes.record says why)
        result = send_bytes(data, *args)
        try:
            labels = _labels(queue)
            label = labels.popleft() if labels else ""
            emit((wire.MESSAGE, began, "queue", channel, "send", len(data), label))
        except Exception:
            pass
        return result

    return send


def _wrap_recv(recv_bytes, channel: int):
    def recv(*args):
        data = recv_bytes(*args)
        try:
            emit((wire.MESSAGE, now(), "queue", channel, "recv", len(data), ""))
        except Exception:
            pass
        return data

    return recv


def patch_queue_ends(queues) -> None:
    """Queue (and JoinableQueue): its _reset binds _send_bytes and _recv_bytes, in every
    process it reaches (created, unpickled, or after fork)."""
    orig_reset = queues.Queue._reset

    def _reset(self, *args, **kwargs):
        orig_reset(self, *args, **kwargs)
        try:
            channel = _channel(self._reader)
            self._send_bytes = _wrap_send(self, self._send_bytes, channel)
            self._recv_bytes = _wrap_recv(self._recv_bytes, channel)
        except Exception:
            pass

    queues.Queue._reset = _reset
    for cls in (queues.Queue, queues.JoinableQueue):
        cls.put = _labelled_put(cls.put)


def _labelled_put(orig_put):
    """The label goes in before the item (the feeder may send it at once), and comes out
    again if the put fails (Full, closed)."""

    @functools.wraps(orig_put)
    def put(self, obj, *args, **kwargs):
        try:
            labels = _labels(self)
            labels.append(short_repr(obj) if called_by_program() else wire.PLUMBING_LABEL)
        except Exception:
            labels = None
        try:
            return orig_put(self, obj, *args, **kwargs)
        except BaseException as exc:
            if labels:
                labels.pop()
            hide_frame(exc)
            raise

    return put
