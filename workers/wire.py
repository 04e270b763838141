"""The probe's wire format: one encoder/decoder pair, small typed records.

What a probe writes (the kinds, the encoder) is in workers/wire_format.py, which the probe
loads into every observed process; this module adds the decoder and the typed records the
collector and the model use. JSON rather than pickle or marshal: the collector must survive
any bytes it is sent without executing or crashing on them.
"""

from __future__ import annotations

import itertools
import json
import re

from workers.wire_format import (  # noqa: F401 (this module's API: the probe's format)
    BEGIN,
    CHILD,
    COLLECTED,
    CUT,
    END,
    EXEC,
    FORKED,
    FRAME,
    FROM_SUBMIT,
    GO_ONE_LINE,
    HANDOFF,
    HELLO,
    LINE,
    MANAGER,
    MAX_MESSAGE_BYTES,
    MAX_TEXT,
    MESSAGE,
    OUT,
    PLUMBING_LABEL,
    REAPED,
    RENAME,
    STEP,
    STOP_STEPPING,
    SUBMIT,
    SYNC,
    TASK,
    TASK_END,
    THREAD,
    THREAD_END,
    VALUE,
    VERSION,
    WAIT,
    WAIT_END,
    WATERMARK,
    encode,
)
from workers.wire_records import (  # noqa: F401 (this module's API: the records)
    ChildReaped,
    ChildStarted,
    Collected,
    Disconnected,
    Event,
    Exec,
    Forked,
    FromSubmit,
    LineAt,
    ManagerCall,
    MessageEnd,
    Output,
    OutputChunk,
    ProcessBegin,
    ProcessEnd,
    ProcessRename,
    RecordCut,
    StepAt,
    Submitted,
    Synced,
    TaskBegin,
    TaskEnd,
    ThreadBegin,
    ThreadEnd,
    ValueSeen,
    WaitBegin,
    WaitEnd,
    Watermark,
)

_INT = (int,)
_NUM = (int, float)
_STR = (str,)
_OPT_STR = (str, type(None))
_OPT_INT = (int, type(None))

# kind -> (record class, field types after t)
_SCHEMA: dict[str, tuple[type, tuple[tuple[type, ...], ...]]] = {
    BEGIN: (ProcessBegin, (_INT, _STR, _STR, _OPT_STR)),
    RENAME: (ProcessRename, (_STR, _STR, _OPT_STR)),
    END: (ProcessEnd, (_OPT_INT,)),
    REAPED: (ChildReaped, (_INT, _INT)),
    OUT: (Output, (_INT, _STR)),
    TASK: (TaskBegin, (_INT, _STR, _STR, _INT)),
    TASK_END: (TaskEnd, (_INT, _OPT_STR)),
    WAIT: (WaitBegin, (_INT, _STR, _STR, _STR, _INT, _INT)),
    WAIT_END: (WaitEnd, (_INT, _OPT_STR)),
    LINE: (LineAt, (_STR, _INT)),
    VALUE: (ValueSeen, (_STR, _STR)),
    STEP: (StepAt, (_STR, _INT)),
    CHILD: (ChildStarted, (_INT, _STR, _STR, _OPT_STR)),
    EXEC: (Exec, (_STR,)),
    CUT: (RecordCut, (_STR, _INT)),
    MESSAGE: (MessageEnd, (_STR, _INT, _STR, _INT, _STR)),
    SUBMIT: (Submitted, (_INT,)),
    MANAGER: (ManagerCall, (_INT, _INT, _STR, _STR)),
    FROM_SUBMIT: (FromSubmit, (_INT, _INT, _INT)),
    COLLECTED: (Collected, (_INT, _INT)),
    FORKED: (Forked, (_INT,)),
    THREAD: (ThreadBegin, (_INT, _STR)),
    THREAD_END: (ThreadEnd, (_INT,)),
    SYNC: (Synced, ()),
}


class WireError(ValueError):
    """A message that is not a valid batch of records."""


_SENDER = re.compile(rb"\[\s*1\s*,\s*(\d{1,10})\s*,")


def sender(data: bytes) -> int:
    """The pid a message claims to come from, without decoding it (0 if it says none)."""
    match = _SENDER.match(data, 0, 40)
    return int(match.group(1)) if match else 0


def decode(data: bytes) -> tuple[int, list[Event]]:
    """Parse and validate one message; raises WireError on anything malformed."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise WireError(f"message of {len(data)} bytes is too big")
    try:
        message = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    if (
        not isinstance(message, list)
        or len(message) != 3
        or message[0] != VERSION
        or type(message[1]) is not int
        or not isinstance(message[2], list)
    ):
        raise WireError("not a [version, pid, records] message")
    pid = message[1]
    if not 0 < pid <= PID_MAX:
        raise WireError(f"bad pid {pid}")
    return pid, [_record(pid, raw) for raw in message[2]]


PID_MAX = 1 << 22  # Linux's PID_MAX_LIMIT: nothing above it is a process
_SANE_INT = 1 << 53  # ids, line numbers, exit codes: anything a double holds exactly
# kind -> index (after t) of a field that is a pid
_PID_FIELDS = {BEGIN: 0, REAPED: 0, CHILD: 0, FROM_SUBMIT: 0, FORKED: 0, THREAD: 0, THREAD_END: 0}
# kind -> how many fields after t a shorter record may have (the rest take their defaults):
# the tid of tasks and waits, sent only from a program's own thread (the main one is implied)
_SHORTEST = {TASK: 3, WAIT: 5}


def _signatures(types: tuple, shortest: int) -> frozenset:
    """Every tuple of exact types a record of a kind may have: (kind, time, *fields). One
    lookup checks a record's shape and types (bool is not int here: type(True) is bool)."""
    out = set()
    for count in range(shortest, len(types) + 1):
        for combo in itertools.product(*types[:count]):
            out.update((str, t_type, *combo) for t_type in (int, float))
    return frozenset(out)


def _int_positions(kind: str, types: tuple) -> tuple[tuple[int, int, int], ...]:
    """(position in the record, lowest, highest) of each int field: pids (and a thread's
    tid) must be ones that can exist, other ints what a double holds exactly."""
    limits = []
    for index, allowed in enumerate(types):
        if int not in allowed:
            continue
        low, high = -_SANE_INT, _SANE_INT
        if _PID_FIELDS.get(kind) == index or _SHORTEST.get(kind) == index:
            low, high = (0 if kind == BEGIN else 1), PID_MAX
        limits.append((index + 2, low, high))
    return tuple(limits)


_FAST = {
    kind: (cls, _signatures(types, _SHORTEST.get(kind, len(types))), _int_positions(kind, types))
    for kind, (cls, types) in _SCHEMA.items()
}  # fmt: skip


def _record(pid: int, raw: object) -> Event:
    if type(raw) is not list or len(raw) < 2:
        raise WireError(f"bad record {raw!r:.80}")
    try:
        cls, signatures, ints = _FAST[raw[0]]
    except (KeyError, TypeError):
        raise WireError(f"unknown record kind {raw[0]!r:.20}") from None
    if tuple(map(type, raw)) not in signatures:
        raise WireError(f"bad {cls.__name__} record {raw!r:.80}")
    if not -1e12 <= raw[1] <= 1e12:  # (NaN and infinities fail too)
        raise WireError(f"out-of-range time in {cls.__name__} record {raw!r:.80}")
    for index, low, high in ints:  # (an optional one may be None)
        if index < len(raw) and type(raw[index]) is int and not low <= raw[index] <= high:
            raise WireError(f"out-of-range value in {cls.__name__} record {raw!r:.80}")
    return cls(pid, float(raw[1]), *raw[2:])
