"""The typed records procscope makes of what the probes send (workers/wire.py decodes
into them), and the events the collector adds of its own. Qt-free."""

from __future__ import annotations

from typing import NamedTuple


class ProcessBegin(NamedTuple):
    pid: int
    t: float
    ppid: int
    name: str
    role: str
    start_method: str | None


class ProcessRename(NamedTuple):
    pid: int
    t: float
    name: str
    role: str
    start_method: str | None


class ProcessEnd(NamedTuple):
    pid: int
    t: float
    exitcode: int | None


class ChildReaped(NamedTuple):
    pid: int
    t: float
    child_pid: int
    exitcode: int


class Output(NamedTuple):
    pid: int
    t: float
    stream: int
    text: str


class TaskBegin(NamedTuple):
    pid: int
    t: float
    task_id: int
    name: str
    args: str
    tid: int = 0  # the thread it ran on, 0 for the main thread


class TaskEnd(NamedTuple):
    pid: int
    t: float
    task_id: int
    error: str | None


class WaitBegin(NamedTuple):
    pid: int
    t: float
    wait_id: int
    name: str
    detail: str
    file: str
    line: int
    tid: int = 0


class WaitEnd(NamedTuple):
    pid: int
    t: float
    wait_id: int
    outcome: str | None


class LineAt(NamedTuple):
    pid: int
    t: float
    file: str
    line: int


class StepAt(NamedTuple):
    pid: int
    t: float
    file: str
    line: int


class ValueSeen(NamedTuple):
    pid: int
    t: float
    name: str
    text: str


class ChildStarted(NamedTuple):
    pid: int
    t: float
    child_pid: int
    name: str
    role: str
    how: str | None


class Exec(NamedTuple):
    pid: int
    t: float
    name: str


class RecordCut(NamedTuple):
    pid: int
    t: float
    kind: str
    size: int


class MessageEnd(NamedTuple):
    pid: int
    t: float
    kind: str
    channel: int
    direction: str
    size: int
    label: str


class ManagerCall(NamedTuple):
    pid: int
    t: float
    channel: int
    seq: int
    end: str
    label: str


class Submitted(NamedTuple):
    pid: int
    t: float
    n: int


class FromSubmit(NamedTuple):
    pid: int
    t: float
    submit_pid: int
    n: int
    chunk: int


class Collected(NamedTuple):
    pid: int
    t: float
    n: int
    chunk: int


class Forked(NamedTuple):
    pid: int
    t: float
    parent_pid: int


class ThreadBegin(NamedTuple):
    pid: int
    t: float
    tid: int
    name: str


class ThreadEnd(NamedTuple):
    pid: int
    t: float
    tid: int


class Synced(NamedTuple):
    pid: int
    t: float


class Watermark(NamedTuple):
    """Not sent by a probe: the first MARK bytes of a pipe of PID were written before t (the
    collector read it off the process's shared page)."""

    pid: int
    t: float
    stream: int
    mark: int


class OutputChunk(NamedTuple):
    """Not sent by a probe: bytes the collector read from a process's stdout or stderr
    pipe (stream 0 or 1) at time t; empty data means the pipe closed."""

    pid: int
    t: float
    stream: int
    data: bytes


class Disconnected(NamedTuple):
    """Not sent by a probe: the collector saw the process's connection close."""

    pid: int
    t: float


Event = (
    ProcessBegin
    | ProcessRename
    | ProcessEnd
    | ChildReaped
    | Output
    | TaskBegin
    | TaskEnd
    | WaitBegin
    | WaitEnd
    | LineAt
    | ValueSeen
    | StepAt
    | ChildStarted
    | Exec
    | RecordCut
    | OutputChunk
    | MessageEnd
    | Submitted
    | FromSubmit
    | Collected
    | Forked
    | ThreadBegin
    | ThreadEnd
    | Synced
    | Watermark
    | Disconnected
)
