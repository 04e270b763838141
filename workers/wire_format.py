"""What the probe sends, and how: the record kinds and the encoder. Standard library only
and small: the probe loads this file into every observed process (workers/wire.py, which
decodes, is procscope's side; its typed records cost a process 10 ms to define).

A message is one JSON array ``[VERSION, PID, [RECORD, ...]]`` sent by one process over its
own connection. A record is a short array whose first item is its kind.
"""

from __future__ import annotations

import struct

try:  # the json package's own C encoder, without the package (and its re): 2 ms a process
    from _json import encode_basestring_ascii as _ascii
    from _json import make_encoder as _make_encoder
except ImportError:  # pragma: no cover (a Python without the C accelerator)
    _make_encoder = None

VERSION = 1
# Every message after the hello starts with this binary mark, then the JSON: when the
# process sent it, the bytes then unread in its stdout and stderr pipes, and its number
# (1, 2, ... on each connection; a message posted in the shared page and later sent too is
# taken once, workers/collector.py).
WATERMARK = struct.Struct("dqqq")
FRAME = struct.Struct("!i")  # a message's length in front of it, on the socket and the page
# The shared page (a memfd each process hands over in its hello): a task in progress in
# its first 4 KiB, then the posts: messages put there instead of sent (no syscall), which
# the collector takes every few milliseconds, and whatever is left when the process dies.
TASK_AREA = 4096
POST_AREA = 1 << 16
TASK_HEADER = 28  # [24:28] the task message's length (0: none), then the message
POST_HEADER = 16  # generation (odd while the probe writes), bytes of messages after it
POST_COUNTS = struct.Struct("qq")  # that header
MAX_MESSAGE_BYTES = 8 * 1024 * 1024  # a bigger message is refused, not decoded
MAX_TEXT = 1 << 20  # characters: one printed line is cut here (the cut is marked)

# Record kinds as the probe writes them: (KIND, t, *fields). t is time.monotonic().
BEGIN = "B"  # ppid, name, role, start_method
RENAME = "R"  # name, role, start_method  (multiprocessing's bootstrap knows these)
END = "E"  # exitcode or None
REAPED = "X"  # child_pid, exitcode  (a parent collected a child's exit status)
OUT = "O"  # stream (0 out, 1 err), text
TASK = "T"  # task_id, name, args_repr[, tid]  (tid: only from a program thread, not main)
TASK_END = "t"  # task_id, error_repr or None
WAIT = "W"  # wait_id, name, detail, file, line[, tid]
WAIT_END = "w"  # wait_id, outcome or None
LINE = "L"  # file, line
STEP = "S"  # file, line: in step mode, held before this line until procscope says go
VALUE = "V"  # name, repr: a module-level variable of the program changed in this process
CHILD = "C"  # child_pid, name, role, how: this process started a child (fork, spawn, exec...)
EXEC = "N"  # name: this process is about to exec NAME (it lives on as that program)
CUT = "K"  # kind, size: a record too big to send was left out (never silently)
MESSAGE = "Q"  # kind, channel, "send"/"recv", size, label: one end of a message; or
#   kind, channel, "peer", other channel: the two ends of a duplex Pipe (size is the other)
PLUMBING_LABEL = "\x00"  # a MESSAGE sent by multiprocessing itself (paired, never drawn)
MANAGER = "M"  # channel, seq, end, label: one end of a proxy call (call, serve, reply,
#   return); channel names one connection (workers/probe/manager_calls.py)
SUBMIT = "P"  # n: this process submitted work to a Pool (its key is (pid, n))
FROM_SUBMIT = "p"  # submit_pid, n, chunk: the task just begun here came from that submission
COLLECTED = "c"  # n, chunk: the results of chunk CHUNK of submission n reached the program
FORKED = "Y"  # parent_pid: this process was forked by PARENT at t (sent by the child)
THREAD = "H"  # tid, name: a thread of the program began (its run() is about to run)
THREAD_END = "h"  # tid: it ended
SYNC = "Z"  # (no fields) a causal mark: its pipes were read up to here (workers/collector.py)
HELLO = "hello"  # a connection's first message: [VERSION, pid, "hello", [stream, ...]]
HANDOFF = "handoff"  # the same, from a parent for a child: the child's pipes, then goodbye
# What procscope sends back to a probe held in step mode.
GO_ONE_LINE = b"step"
STOP_STEPPING = b"continue"


def _not_json(value):
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


if _make_encoder is not None:
    # what json.dumps(value, separators=(",", ":"), check_circular=False) runs: the same
    # encoder, the same bytes. No markers: json.dumps makes a fresh dict for them at every
    # call, and a reused one keeps the ids of an encode that failed (then a new list at the
    # same address is "circular": a probe lost every later record so, 1 pool run in 20).
    _encoder = _make_encoder(None, _not_json, _ascii, None, ":", ",", False, False, True)

    def dumps(value) -> str:
        """json.dumps(VALUE, separators=(",", ":")), exactly (tests/test_wire_and_model.py)."""
        return "".join(_encoder(value, 0))

else:  # pragma: no cover

    def dumps(value) -> str:
        import json

        return json.dumps(value, separators=(",", ":"))


def encode(pid: int, records: list[tuple]) -> bytes:
    """One message from one process (used by the probe)."""
    return dumps([VERSION, pid, records]).encode()
