"""Launch, watch and stop one observed run. Qt-free: the window and the command line share it.

The program starts as a fresh interpreter (never a fork of procscope) in its own session,
with the probe's boot folder first on PYTHONPATH. procscope makes itself a child subreaper
(Linux), so orphans of the run are re-parented to it: it can reap them (no zombies stay)
and kill them on stop even after they left the process group.
"""

from __future__ import annotations

import collections
import os
import queue
import signal
import time
from pathlib import Path

from workers import thread_states, wire
from workers.collector import Collector
from workers.journal import Journal
from workers.launch import (  # noqa: F401 (re-exported)
    DEFAULT_MAX_PROCESSES,
    Child,
    Launch,
    become_subreaper,
    launch,
)
from workers.model import RunModel
from workers.run_looks import RunLooks
from workers.steps import StepLog

STOP_WITHIN = 2.0  # seconds: stop means gone (DESIGN.md rule 3)
END_LOOK = 0.001  # seconds between looks once the main process has exited
OUTPUT_PIECE = 4096  # bytes of output taken into the model at a time (a pump's budget holds)


def _echo(stream: int, data: bytes) -> None:
    """--run shows the program's output on procscope's own stdout and stderr, as it comes."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(1 + stream, view) :]
    except OSError:
        pass


class Run(RunLooks):
    """One execution of PROGRAM under the probe."""

    def __init__(
        self,
        program: str | Path,
        args: list[str] | None = None,
        start_method: str | None = None,
        cwd: str | Path | None = None,
        passthrough: bool = False,
        max_processes: int = DEFAULT_MAX_PROCESSES,
        slow_motion: float = 1.0,
        step: bool = False,
    ) -> None:
        self.program = Path(program).resolve()
        self.max_processes = max_processes
        self.slow_motion = slow_motion  # the program's sleeps last this many times longer
        self.stepping = step  # every process stops before each line of the program
        self.args = list(args or [])
        self.start_method = start_method
        self.cwd = Path(cwd) if cwd else Path.cwd()
        self.passthrough = passthrough  # print the program's output on our terminal too
        self.model = RunModel(time.monotonic())
        self.journal = Journal()  # every change of the model, for a replay
        self.steps = StepLog()  # step mode: who ran which line, step by step
        self.collector: Collector | None = None
        self.proc: Child | None = None  # (a subprocess.Popen where posix_spawn cannot)
        self.exitcode: int | None = None  # the main process's
        self.stopped = False
        self.paused = False
        self.stop_reason: str | None = None  # why procscope ended it, if it did
        self.rejected = 0  # malformed messages dropped
        self._done = False
        self._preexisting: set[int] = set()
        self._discovered_at = 0.0
        self.alive = 0  # processes of the run alive at the last look
        self._thread_cpu = thread_states.CpuShares()
        self._rest: collections.deque = collections.deque()  # the rest of a chunk cut up
        self._psutil: dict = {}  # pid -> psutil.Process, kept: cpu_percent needs its handle
        self._facts_at = 0.0  # (start: the first look at facts is FACTS_EVERY after it)

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self, launched: Launch | None = None) -> None:
        """Start the program, or take over one LAUNCHED already (the command line starts
        it before importing this module: the program boots while procscope imports)."""
        if launched is None:
            launched = launch(str(self.program), self.args, str(self.cwd), self.passthrough,
                              self.slow_motion, self.stepping, self.start_method)  # fmt: skip
        self.model = RunModel(launched.t0)
        self._facts_at = launched.t0  # (psutil: imported then, if the run lasts that long)
        self.journal = Journal()
        self._preexisting = launched.preexisting
        self.collector = Collector(launched.listener, launched.folder, launched.authkey)
        self.proc = launched.child
        self.collector.add_output(self.proc.pid, "out", launched.out_read)
        self.collector.add_output(self.proc.pid, "err", launched.err_read)

    def pump(self, max_batches: int = 1 << 30, max_seconds: float = 1e9) -> int:
        """Decode waiting messages into the model, within a count and time budget."""
        if self.collector is None:
            return 0
        deadline = time.monotonic() + max_seconds
        done = 0
        while done < max_batches and time.monotonic() < deadline:
            try:
                item = self._rest.popleft() if self._rest else self.collector.events.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, wire.OutputChunk) and len(item.data) > OUTPUT_PIECE:
                # a flood's 64 KiB chunk is thousands of lines: taken in a piece at a time,
                # so the budget is kept (the line splitter joins what a cut divides)
                self._rest.appendleft(item._replace(data=item.data[OUTPUT_PIECE:]))
                item = item._replace(data=item.data[:OUTPUT_PIECE])
            done += 1
            self._apply(item)
        if not self.stepping:  # held after Continue (a child that was just starting)
            for proc in self.model.held():
                self.step(proc.pid)
        return done

    def wait(self, seconds: float) -> None:
        """Sleep until the collector has something to take in, at most SECONDS (a run's
        end is noticed when its last output comes, not at the next tick)."""
        if self.collector is None:
            time.sleep(seconds)
            return
        if self._rest:
            return  # more to take in already
        if self.exitcode is not None:
            seconds = min(seconds, END_LOOK)  # ending: what is left comes at once, or never
        try:
            item = self.collector.events.get(timeout=seconds)
        except queue.Empty:
            return
        self._rest.append(item)  # the next pump takes it in, in its turn

    def _apply(self, item) -> None:
        if isinstance(item, (wire.OutputChunk, wire.Disconnected, wire.Watermark)):
            if isinstance(item, wire.OutputChunk) and self.passthrough and item.data:
                _echo(item.stream, item.data)
            self.journal.event(time.monotonic(), item)
            self.model.apply([item])
        else:
            try:
                _pid, events = wire.decode(item)
            except wire.WireError:
                self.rejected += 1  # garbage from a peer that had the key: dropped, counted
                return
            self.journal.message(time.monotonic(), item)
            try:
                self.model.apply(events)
            except Exception:  # whatever a process of the run sends, procscope goes on
                self.rejected += 1

    def _change(self, name: str, *args) -> None:
        """A change of the model made here (not sent by a probe), journaled for replays."""
        self.journal.call(time.monotonic(), name, args)
        getattr(self.model, name)(*args)

    def step(self, pid: int) -> bool:
        """Step mode: let process PID run one line of the program."""
        command = wire.GO_ONE_LINE if self.stepping else wire.STOP_STEPPING
        if self.stepping:
            self.steps.add(self.model, pid)
        sent = self.collector is not None and self.collector.send(pid, command)
        self._change("release", pid, time.monotonic())
        return sent

    def continue_all(self) -> None:
        """Leave step mode: every process runs freely from now on."""
        self.stepping = False
        for proc in self.model.held():
            self.step(proc.pid)

    def poll(self) -> bool:
        """Reap what exited; True once the run is over (every process gone, all read)."""
        if self._done:
            return True
        if self.proc is None:
            return False
        self._discover()
        if self.alive > self.max_processes:
            self.stop(f"it ran more than {self.max_processes} processes at once (the process cap)")
            return True
        self._reap()
        if (
            self.exitcode is None
            or self.collector is None
            or self.collector.open_connections
            or self.collector.open_outputs
            or not self.collector.events.empty()
            or self._rest
        ):
            return False
        look = self._look(full=True)  # the one whole scan of the end: _finish reuses it
        if any(not info.zombie for info in look):
            return False
        self._finish(look)
        return True

    def pause(self) -> None:
        """Freeze every process of the run (SIGSTOP): nothing moves until resume()."""
        self._signal_all(signal.SIGSTOP)
        if not self.paused:
            self._change("pause_began", time.monotonic())
        self.paused = True

    def resume(self) -> None:
        self._signal_all(signal.SIGCONT)
        if self.paused:
            self._change("pause_ended", time.monotonic())
        self.paused = False

    def signal_process(self, pid: int, signum: int) -> bool:
        """Send SIGNUM to one process of the run (a fault the lecturer injects), and mark it
        on the chart. Never to a process outside the run: False, and nothing sent."""
        if self._done or pid not in self._members():
            return False
        try:
            os.kill(pid, signum)
        except (ProcessLookupError, PermissionError):
            return False
        self._change("signal_sent", pid, signal.Signals(signum).name, time.monotonic())
        return True

    def _signal_all(self, signum: int) -> None:
        if self.proc is None or self._done:
            return
        try:
            os.killpg(self.proc.pid, signum)
        except (ProcessLookupError, PermissionError):
            pass
        for pid in self._members(full=True):  # those that left the process group too
            try:
                os.kill(pid, signum)
            except (ProcessLookupError, PermissionError):
                pass

    def process_count(self) -> int:
        """Processes of the run alive at the last look."""
        return self.alive

    def stop(self, reason: str = "stopped") -> None:
        """Kill the whole tree (orphans and grandchildren too) and reap it; idempotent."""
        if self._done:
            return
        if self.proc is None:  # stopped while starting: nothing ran, nothing to kill
            if self.collector is not None:
                self.collector.close()
            self._done = True
            return
        self.stopped = True
        self.stop_reason = reason
        self.kill_tree()  # SIGKILL ends stopped (paused) processes too
        self.pump(max_seconds=0.5)
        self._finish()

    @property
    def finished(self) -> bool:
        return self._done

    def kill_tree(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + STOP_WITHIN
        while True:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            members = self._members(full=True)
            for pid in members:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            self._reap()
            if (not members and self.exitcode is not None) or time.monotonic() > deadline:
                self._reap_strays()
                return
            time.sleep(0.02)

    def _finish(self, look: list | None = None) -> None:
        self._reap()
        self._reap_strays(look)
        self.pump()
        if self.collector is not None:
            left = self.collector.close()
            self.pump()
            for item in left:
                self._apply(item)
        self._change("finish", time.monotonic())
        self._done = True
