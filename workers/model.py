"""The run model: probe events in, processes, tasks, waits and printed lines out. Qt-free.

Times are seconds since the run's start (DESIGN.md rule 4). Views read the lists and
remember how far they have read; ``revision`` tells them whether anything changed.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

from workers import wire
from workers.flows import Flow, FlowEnds
from workers.lines import LineSplitter
from workers.model_host import HostFacts
from workers.model_questions import ModelQuestions
from workers.prints import Printed, PrintLog  # noqa: F401 (Printed: part of this module's API)
from workers.spans import ColumnSequence, Span, SpanLog  # noqa: F401 (Span: part of this module's API)
from workers.threads import ThreadLog

HELPER_ROLES = frozenset({"forkserver", "resource-tracker"})
LOST = "lost: its process ended first"
PROGRAM_ROLE = "program"  # a process the probe never ran in (ls, sh, python -I, ...)


def lost_reason(exitcode: int | None) -> str:
    """Why a task was cut off, from its process's exit status."""
    if exitcode is None:
        return LOST
    if exitcode < 0:
        try:
            import signal

            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = " (terminate())" if name == "SIGTERM" else ""
        return f"lost: its process was killed by {name}{how}"
    return f"lost: its process exited (code {exitcode}) inside it"


RECENT_LINES = 4096  # lines per pipe a late watermark can still move back
MAX_PRINTS = 5_000_000  # printed lines kept (about 30 bytes each); later ones are counted


@dataclass(slots=True)
class ProcessInfo:
    pid: int
    ppid: int = 0
    name: str = "?"
    role: str = "python"
    start_method: str | None = None
    start: float = 0.0
    end: float | None = None
    exitcode: int | None = None
    exit_seen_by: str = ""  # "self", "parent" or "procscope": who told us the exit status
    line: tuple[str, int] | None = None  # (file, line) where it is now
    values: dict[str, str] = field(default_factory=dict)  # the program's globals, here
    held: bool = False  # step mode: waiting before `line` for procscope to let it go
    spoke: bool = False  # its own probe said who it is
    parent_told: bool = False  # its parent reported starting it: ppid is the real parent
    execd: bool = False  # it exec'd another program: its connection closing is not its end
    lost_tasks: list[int] = field(default_factory=list)  # indices of tasks cut off
    born: float | None = None  # when its parent called fork() or start() for it
    exit_t: float | None = None  # when it said it ended (its own END)
    reaped: tuple[int, float] | None = None  # (parent pid, when the parent collected it)
    zombie_since: float | None = None  # seen in state Z (exited, not yet waited for)
    adopted: tuple[int, float] | None = None  # (by whom, when): its parent exited first
    # as psutil last saw it (a few times a second): status, CPU %, resident memory (bytes)
    facts: tuple[str | None, float, int] = (None, 0.0, 0)

    @property
    def alive(self) -> bool:
        return self.end is None

    @property
    def helper(self) -> bool:
        """multiprocessing's own helpers: shown dimmed, never counted as workers."""
        return self.role in HELPER_ROLES


_FLOW_INPUTS = frozenset({wire.MessageEnd, wire.ManagerCall, wire.Submitted, wire.FromSubmit,
                          wire.Collected, wire.Forked, wire.ChildStarted, wire.ChildReaped,
                          wire.ProcessBegin,
                          wire.ProcessEnd, wire.TaskEnd})  # fmt: skip


class RunModel(HostFacts, ModelQuestions):
    def __init__(self, t0: float) -> None:
        self.t0 = t0
        self.processes: dict[int, ProcessInfo] = {}
        self.tasks = SpanLog()
        self.waits = SpanLog()
        self.prints = PrintLog()
        self.prints_dropped: dict[int, int] = {}  # pid -> lines past MAX_PRINTS
        self.revision = 0
        self.finished_at: float | None = None
        self._open_tasks: dict[tuple[int, int], int] = {}  # (pid, probe's id) -> index
        self._open_waits: dict[tuple[int, int], int] = {}
        self._last_task: dict[tuple[int, int], int] = {}  # (pid, tid) -> highest task id seen
        self._lines = LineSplitter(self._on_line_bytes, self._on_lines_bytes)
        self._recent_lines: dict[tuple[int, int], collections.deque] = {}  # (index, end)
        self.cut_records = 0  # records a probe could not send (counted, never silent)
        self._ends = FlowEnds()  # what passed between processes, for flows()
        self._last_task_index: dict[int, int] = {}  # pid -> index of its newest task
        self.pauses: list[list[float | None]] = []  # [start, end or None] of each pause
        self.signals: list[tuple[int, float, str]] = []  # (pid, when, name) sent by procscope
        self.held_spans = SpanLog()  # step mode: each stretch a process waited for a step
        self.threads = ThreadLog()  # the program's own threads, and when each was running
        self._open_held: dict[int, int] = {}  # pid -> index of its open held stretch
        self._flow_inputs = 0  # records that flows() depends on, so far
        self._flows_key: tuple = ()
        self._flows: list[Flow] = []

    # ---- ingest ------------------------------------------------------------------------

    def apply(self, events: list[wire.Event]) -> None:
        for event in events:
            handler = self._handlers.get(type(event))
            if handler is not None:
                handler(self, event)
                if type(event) in _FLOW_INPUTS:
                    self._flow_inputs += 1
        self.revision += 1

    def _process(self, pid: int, t: float) -> ProcessInfo:
        proc = self.processes.get(pid)
        if proc is None:
            proc = self.processes[pid] = ProcessInfo(pid, start=self._rel(t))
        return proc

    def _rel(self, t: float) -> float:
        return t - self.t0

    def _on_begin(self, e: wire.ProcessBegin) -> None:
        known = e.pid in self.processes
        proc = self._process(e.pid, e.t)
        if not proc.parent_told and not (known and proc.ppid):
            proc.ppid = e.ppid  # its parent's report, or the first sight, came first
        if not known or (not proc.spoke and not proc.execd):
            proc.start = self._rel(e.t)  # its probe's first moment (a look in /proc is coarse)
        proc.name, proc.role, proc.spoke = e.name, e.role, True
        proc.start_method = e.start_method or proc.start_method

    def _on_child(self, e: wire.ChildStarted) -> None:
        """A parent started a child: the real parent, and a name until the child speaks."""
        proc = self._process(e.child_pid, e.t)
        if e.how != "forkserver":  # the forkserver, not the caller of start(), forks those
            proc.ppid, proc.parent_told = e.pid, True
            proc.born = self._rel(e.t)
        if not proc.spoke:
            proc.name = e.name if e.name != "?" else proc.name
            proc.role = e.role
            proc.start_method = proc.start_method or e.how

    def _on_message(self, e: wire.MessageEnd) -> None:
        self._ends.message(e, self._rel(e.t))

    def _on_manager_call(self, e: wire.ManagerCall) -> None:
        self._ends.manager_call(e, self._rel(e.t))

    def _on_submit(self, e: wire.Submitted) -> None:
        self._ends.submits[e.pid, e.n] = self._rel(e.t)

    def _on_from_submit(self, e: wire.FromSubmit) -> None:
        index = self._last_task_index.get(e.pid)
        if index is not None:
            self._ends.task_submit[index] = (e.submit_pid, e.n, e.chunk)

    def _on_collected(self, e: wire.Collected) -> None:
        self._ends.collected.setdefault((e.pid, e.n, e.chunk), self._rel(e.t))

    def _on_forked(self, e: wire.Forked) -> None:
        proc = self._process(e.pid, e.t)
        if proc.ppid in (0, e.parent_pid):
            proc.born = self._rel(e.t)

    def _on_exec(self, e: wire.Exec) -> None:
        proc = self._process(e.pid, e.t)
        proc.name, proc.execd, proc.spoke = e.name, True, False
        proc.role = PROGRAM_ROLE if proc.role not in ("main",) else proc.role
        proc.line = None

    def _on_cut(self, e: wire.RecordCut) -> None:
        self.cut_records += 1

    def process_found(self, pid: int, ppid: int, name: str, t: float) -> None:
        """A process of the run seen by procscope (in /proc) before, or without, its probe."""
        if pid in self.processes:
            return
        proc = self._process(pid, t)
        proc.ppid, proc.name, proc.role = ppid, name, PROGRAM_ROLE
        self.revision += 1

    def process_gone(self, pid: int, t: float) -> None:
        """A process without a probe left /proc (its parent reaped it; the status unknown)."""
        proc = self.processes.get(pid)
        if proc is not None and proc.end is None:
            proc.end = self._rel(t)
            self._close_spans(proc)
            self.revision += 1

    def _on_rename(self, e: wire.ProcessRename) -> None:
        proc = self._process(e.pid, e.t)
        proc.name, proc.role, proc.start_method = e.name, e.role, e.start_method

    def _on_end(self, e: wire.ProcessEnd) -> None:
        proc = self._process(e.pid, e.t)
        proc.exit_t = self._rel(e.t)
        if not proc.exit_seen_by:
            proc.exitcode, proc.exit_seen_by = e.exitcode, "self" if e.exitcode is not None else ""
        t = self._rel(e.t)
        proc.end = t if proc.end is None else min(proc.end, t)
        self._close_spans(proc)

    def _on_reaped(self, e: wire.ChildReaped) -> None:
        self.process_exited(e.child_pid, e.exitcode, e.t, seen_by="parent")
        self.processes[e.child_pid].reaped = (e.pid, self._rel(e.t))

    def _on_disconnected(self, e: wire.Disconnected) -> None:
        """The last of a process's events: whatever it left open ends with it (unless it
        exec'd another program, which runs on in the same process)."""
        proc = self.processes.get(e.pid)
        if proc is not None and not proc.execd:
            if proc.end is None:
                proc.end = self._rel(e.t)
            self._close_spans(proc)

    def _on_output(self, e: wire.Output) -> None:
        self._on_line_bytes(e.pid, e.t, e.stream, e.text.encode("utf-8", "backslashreplace"))

    def _on_chunk(self, e: wire.OutputChunk) -> None:
        self._lines.feed(e.pid, e.t, e.stream, e.data)

    def _on_line_bytes(self, pid: int, t: float, stream: int, line: bytes) -> None:
        proc = self.processes.get(pid)
        if proc is None:
            proc = self._process(pid, t)
        elif proc.exit_seen_by == "parent" and proc.end is not None:
            t = min(t, proc.end + self.t0)  # see _no_line_after_end
        if len(self.prints) >= MAX_PRINTS:  # a runaway printer: count, never hide the loss
            self.prints_dropped[pid] = self.prints_dropped.get(pid, 0) + 1
            return
        recent = self._recent_lines.get((pid, stream))
        if recent is None:
            recent = self._recent_lines[pid, stream] = collections.deque(maxlen=RECENT_LINES)
        recent.append((len(self.prints), self._lines.line_end))
        self.prints.append_bytes(pid, self._rel(t), bool(stream), line)

    def _on_lines_bytes(self, pid: int, t: float, stream: int, lines: list, ends: list) -> None:
        """Many whole lines of one chunk: as _on_line_bytes for each, in one go."""
        if len(self.prints) + len(lines) > MAX_PRINTS or pid not in self.processes:
            for line, end in zip(lines, ends, strict=True):
                self._lines.line_end = end
                self._on_line_bytes(pid, t, stream, line)
            return
        proc = self.processes[pid]
        if proc.exit_seen_by == "parent" and proc.end is not None:
            t = min(t, proc.end + self.t0)  # see _no_line_after_end
        recent = self._recent_lines.get((pid, stream))
        if recent is None:
            recent = self._recent_lines[pid, stream] = collections.deque(maxlen=RECENT_LINES)
        first = len(self.prints)
        recent.extend(zip(range(first, first + len(lines)), ends, strict=True))
        self.prints.extend_bytes(pid, self._rel(t), bool(stream), lines)

    def _on_watermark(self, e: wire.Watermark) -> None:
        """The first MARK bytes of this pipe were written before t: lines among them that
        were read (and stamped) later than that are moved back to t."""
        recent = self._recent_lines.get((e.pid, e.stream))
        if not recent:
            return
        t, times = self._rel(e.t), self.prints.times()
        moved = []
        for index, end in reversed(recent):
            if end <= e.mark:
                if times[index] <= t:
                    break  # the older lines of this pipe are older still
                moved.append(index)
        else:
            if len(recent) == recent.maxlen:  # older lines, forgotten, may be late too:
                return  # moving only some would put a pipe's lines out of order (worse)
        for index in moved:
            times[index] = t

    def _on_task(self, e: wire.TaskBegin) -> None:
        # a thread's task ids come in its own order (the main thread's pages repeat theirs)
        if self._last_task.get((e.pid, e.tid), 0) >= e.task_id:
            return  # already known (a task page read after the process's end)
        self._last_task[e.pid, e.tid] = e.task_id
        self._process(e.pid, e.t)
        index = self.tasks.add(e.pid, e.name, self._rel(e.t), e.args, tid=e.tid)
        self._open_tasks[e.pid, e.task_id] = index
        self._last_task_index[e.pid] = index

    def _on_task_end(self, e: wire.TaskEnd) -> None:
        index = self._open_tasks.pop((e.pid, e.task_id), None)
        if index is not None:
            self.tasks.close(index, self._rel(e.t), e.error)

    def _on_wait(self, e: wire.WaitBegin) -> None:
        proc = self._process(e.pid, e.t)
        index = self.waits.add(e.pid, e.name, self._rel(e.t), e.detail, e.line, e.tid)
        self._open_waits[e.pid, e.wait_id] = index
        if not e.tid:  # the code view's marker follows the main thread
            proc.line = (e.file, e.line)

    def _on_thread(self, e: wire.ThreadBegin) -> None:
        self._process(e.pid, e.t)
        self.threads.began(e.pid, e.tid, e.name, self._rel(e.t))

    def _on_thread_end(self, e: wire.ThreadEnd) -> None:
        self.threads.ended(e.pid, e.tid, self._rel(e.t))

    def threads_sampled(self, pid: int, t: float, shares: dict[int, tuple[float, float]]) -> None:
        """The host looked at PID's threads at T (time.monotonic()): tid -> (since when,
        share of a CPU since then)."""
        rel = {tid: (self._rel(since), share) for tid, (since, share) in shares.items()}
        self.threads.sampled(pid, self._rel(t), rel)
        self.revision += 1

    def _on_wait_end(self, e: wire.WaitEnd) -> None:
        index = self._open_waits.pop((e.pid, e.wait_id), None)
        if index is not None:
            self.waits.close(index, self._rel(e.t), e.outcome)

    def _on_step(self, e: wire.StepAt) -> None:
        proc = self._process(e.pid, e.t)
        proc.line, proc.held = (e.file, e.line), True
        if e.pid not in self._open_held:
            self._open_held[e.pid] = self.held_spans.add(e.pid, "held", self._rel(e.t), "", e.line)

    def release(self, pid: int, t: float | None = None) -> None:
        """Step mode: PID was let go (it runs until its next line)."""
        if pid in self.processes:
            self.processes[pid].held = False
            self.revision += 1
        index = self._open_held.pop(pid, None)
        if index is not None:
            end = self._rel(t) if t is not None else self.held_spans.start_of(index)
            self.held_spans.close(index, max(end, self.held_spans.start_of(index)))

    def held(self) -> list[ProcessInfo]:
        return [p for p in self.processes.values() if p.held and p.alive]

    def settled(self, pid: int) -> bool:
        """Step mode: PID, let go, is done with its line (held again, gone, or blocked in a
        wait), so the next step cannot run alongside it."""
        proc = self.processes.get(pid)
        if proc is None or proc.held or not proc.alive:
            return True
        return any(key[0] == pid for key in self._open_waits)

    def _on_value(self, e: wire.ValueSeen) -> None:
        self._process(e.pid, e.t).values[e.name] = e.text

    def _on_line(self, e: wire.LineAt) -> None:
        self._process(e.pid, e.t).line = (e.file, e.line) if e.line else None

    _handlers = {
        wire.ProcessBegin: _on_begin,
        wire.ProcessRename: _on_rename,
        wire.ProcessEnd: _on_end,
        wire.ChildReaped: _on_reaped,
        wire.Disconnected: _on_disconnected,
        wire.Output: _on_output,
        wire.TaskBegin: _on_task,
        wire.TaskEnd: _on_task_end,
        wire.WaitBegin: _on_wait,
        wire.WaitEnd: _on_wait_end,
        wire.LineAt: _on_line,
        wire.ValueSeen: _on_value,
        wire.StepAt: _on_step,
        wire.ChildStarted: _on_child,
        wire.Exec: _on_exec,
        wire.RecordCut: _on_cut,
        wire.OutputChunk: _on_chunk,
        wire.MessageEnd: _on_message,
        wire.ManagerCall: _on_manager_call,
        wire.Submitted: _on_submit,
        wire.FromSubmit: _on_from_submit,
        wire.Collected: _on_collected,
        wire.Forked: _on_forked,
        wire.ThreadBegin: _on_thread,
        wire.ThreadEnd: _on_thread_end,
        wire.Watermark: _on_watermark,
    }

    # ---- what the run controller knows --------------------------------------------------

    def process_exited(self, pid: int, exitcode: int, t: float, seen_by: str = "procscope") -> None:
        """An exit status collected by waitpid (by the process's parent or by procscope).

        Its spans stay open: the process's last events may still be on their way, and its
        connection closing (Disconnected) says when they are all in."""
        proc = self._process(pid, t)
        proc.exitcode, proc.exit_seen_by = exitcode, seen_by
        if proc.end is None or (seen_by == "parent" and self._rel(t) < proc.end):
            proc.end = self._rel(t)
        if seen_by == "parent":
            self._no_line_after_end(proc)
        for index in proc.lost_tasks:  # now we know why they were cut off
            self.tasks.set_outcome(index, lost_reason(exitcode))
        self.revision += 1

    def _no_line_after_end(self, proc: ProcessInfo, look_back: int = 10_000) -> None:
        """A process's pipe is read when procscope gets to it, maybe after its parent had
        reaped it and printed more (a child killed right after a print sends nothing after
        it; `ls` sends nothing at all). Its lines were all written before its end, which its
        parent's probe timed: they are moved back to it, so they sort before what the parent
        printed next. (A grandchild without a probe that outlives it and writes into its
        pipe would be moved back too: the one case where a stamp is early.)"""
        times, pids = self.prints.times(), self.prints.pids()
        for i in range(len(times) - 1, max(-1, len(times) - 1 - look_back), -1):
            if pids[i] == proc.pid and times[i] > proc.end:
                times[i] = proc.end

    def finish(self, t: float) -> None:
        """The run is over: whatever is still open ends now."""
        self.pause_ended(t)
        self._lines.close(t)
        self.finished_at = self._rel(t)
        for proc in self.processes.values():
            if proc.end is None:
                proc.end = self.finished_at
            self._close_spans(proc)
        self.revision += 1

    def _close_spans(self, proc: ProcessInfo) -> None:
        proc.held = False
        self.threads.process_ended(proc.pid, proc.end)
        index = self._open_held.pop(proc.pid, None)
        if index is not None:
            self.held_spans.close(index, max(proc.end, self.held_spans.start_of(index)))
        for key in [k for k in self._open_tasks if k[0] == proc.pid]:
            index = self._open_tasks.pop(key)
            self.tasks.close(index, proc.end, lost_reason(proc.exitcode))
            proc.lost_tasks.append(index)
        for key in [k for k in self._open_waits if k[0] == proc.pid]:
            self.waits.close(self._open_waits.pop(key), proc.end)
