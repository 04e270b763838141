"""The typed records procscope makes of what the probes send (workers/wire.py decodes
into them), and the events the collector adds of its own. Qt-free.

Each is a namedtuple whose first two fields are the process (pid: int) and the moment
(t: float, time.monotonic()); the others are those workers/wire_format.py lists for its
kind. (collections.namedtuple, not typing.NamedTuple: typing and the class syntax cost
every --run 5 ms of its start, on the way to the program's end.)
"""

from __future__ import annotations

from collections import namedtuple


def _record(name: str, fields: str, defaults: tuple = ()) -> type:
    return namedtuple(name, fields, defaults=defaults, module=__name__)


ProcessBegin = _record("ProcessBegin", "pid t ppid name role start_method")
ProcessRename = _record("ProcessRename", "pid t name role start_method")
ProcessEnd = _record("ProcessEnd", "pid t exitcode")
ChildReaped = _record("ChildReaped", "pid t child_pid exitcode")
Output = _record("Output", "pid t stream text")
# TaskBegin.tid: the thread it ran on, 0 for the main thread
TaskBegin = _record("TaskBegin", "pid t task_id name args tid", defaults=(0,))
TaskEnd = _record("TaskEnd", "pid t task_id error")
WaitBegin = _record("WaitBegin", "pid t wait_id name detail file line tid", defaults=(0,))
WaitEnd = _record("WaitEnd", "pid t wait_id outcome")
LineAt = _record("LineAt", "pid t file line")
StepAt = _record("StepAt", "pid t file line")
ValueSeen = _record("ValueSeen", "pid t name text")
ChildStarted = _record("ChildStarted", "pid t child_pid name role how")
Exec = _record("Exec", "pid t name")
RecordCut = _record("RecordCut", "pid t kind size")
MessageEnd = _record("MessageEnd", "pid t kind channel direction size label")
ManagerCall = _record("ManagerCall", "pid t channel seq end label")
Submitted = _record("Submitted", "pid t n")
FromSubmit = _record("FromSubmit", "pid t submit_pid n chunk")
Collected = _record("Collected", "pid t n chunk")
Forked = _record("Forked", "pid t parent_pid")
ThreadBegin = _record("ThreadBegin", "pid t tid name")
ThreadEnd = _record("ThreadEnd", "pid t tid")
Synced = _record("Synced", "pid t")
# Not sent by a probe, the collector's own:
# Watermark: the first MARK bytes of a pipe of PID were written before t (the collector
#   read it off the process's shared page).
# OutputChunk: bytes the collector read from a process's stdout or stderr pipe (stream 0
#   or 1) at time t; empty data means the pipe closed.
# Disconnected: the collector saw the process's connection close.
Watermark = _record("Watermark", "pid t stream mark")
OutputChunk = _record("OutputChunk", "pid t stream data")
Disconnected = _record("Disconnected", "pid t")

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
