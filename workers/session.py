"""A panel's runs, Qt-free: the window's concept panel (a thin view) and the command line
share this. It checks the program, starts each run with the chosen options, numbers the
runs, and sums each one up when it ends, for Run history and the status line.

A run lasts until its last process ends, orphans included (fork-twice's parents leave
first); time the lecturer kept the run paused is left out and said.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workers.model import RunModel
from workers.programs import check_program
from workers.run import DEFAULT_MAX_PROCESSES, Run


@dataclass
class RunRecord:
    """One finished run, as Run history shows it."""

    number: int
    parameters: str
    start_method: str
    makespan: float  # seconds, paused time left out
    processes: int
    tasks: int
    exitcode: int | None  # None: procscope stopped it
    paused: float = 0.0  # seconds the run was paused
    stop_reason: str = ""  # why procscope stopped it ("stopped": the Stop button)
    stopped_after: float = 0.0  # seconds, when it was stopped


def span(model: RunModel) -> tuple[float, float]:
    """(makespan, paused): from the main process's start to the end of the program's last
    process, less the time paused in between."""
    main = model.main
    if main is None or main.end is None:
        return 0.0, 0.0
    ends = [p.end for p in model.processes.values() if p.end is not None and not p.helper]
    end = max([main.end, *ends])
    paused = model.paused_between(main.start, end)
    return max(0.0, end - main.start - paused), paused


class RunSession:
    def __init__(self, program: Path | None = None) -> None:
        self.program = program
        self.run: Run | None = None
        self.runs = 0  # finished so far

    def open(self, path: str) -> Path:
        """Make PATH this session's program (UsageError, saying why, if it is not one)."""
        self.program = check_program(path)
        return self.program

    def start(
        self,
        args: list[str],
        start_method: str | None = None,
        max_processes: int = DEFAULT_MAX_PROCESSES,
        slow_motion: float = 1.0,
        step: bool = False,
    ) -> Run:
        """A new run of the program, not yet started (the caller's pump starts it)."""
        if self.program is None:
            raise ValueError("no program")
        self.run = Run(self.program, args, start_method, cwd=self.program.parent,
                       max_processes=max_processes, slow_motion=slow_motion,
                       step=step)  # fmt: skip
        return self.run

    def finished(self, parameters: str, start_method: str) -> RunRecord | None:
        """The run that just ended, summed up (None if there was none)."""
        run = self.run
        if run is None:
            return None
        self.runs += 1
        model = run.model
        makespan, paused = span(model)
        return RunRecord(
            self.runs, parameters, start_method, makespan, len(model.processes),
            len(model.tasks), None if run.stopped else run.exitcode, paused,
            run.stop_reason or "" if run.stopped else "", model.finished_at or 0.0,
        )  # fmt: skip
