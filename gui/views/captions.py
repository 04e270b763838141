"""Captions: one line in words that follows the run ("4412 called fork(): it now has a
child, 4415"), generated from what the model gained since the last refresh."""

from __future__ import annotations

import signal

from PySide6.QtWidgets import QLabel

from workers.model import ProcessInfo, RunModel


def _began(proc: ProcessInfo) -> str:
    if proc.role == "fork":
        return f"{proc.ppid} called fork(): it now has a child, {proc.pid}."
    if proc.role == "pool-worker":
        return f"The Pool started worker {proc.name} as process {proc.pid}."
    if proc.role == "manager":
        return f"The Manager started its server process, {proc.pid}."
    if proc.helper:
        return f"multiprocessing started its {proc.role}, {proc.pid}."
    if proc.role == "process":
        how = f" ({proc.start_method})" if proc.start_method else ""
        return f"{proc.ppid} started {proc.name}{how}: process {proc.pid}."
    return f"The program started: process {proc.pid}."


def _ended(proc: ProcessInfo) -> str:
    code = proc.exitcode
    if code is None:
        return f"{proc.pid} ({proc.label}) ended."
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"{proc.pid} ({proc.label}) was killed by {name}: exit code {code}."
    return f"{proc.pid} ({proc.label}) exited with code {code}."


class CaptionBar(QLabel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("caption")
        self.setWordWrap(True)
        self.model: RunModel | None = None
        self._begun: set[int] = set()
        self._ended: set[int] = set()
        self._tasks = self._waits = 0
        self.history: list[str] = []  # every caption of the run, oldest first
        self._held_at: dict[int, tuple[str, int]] = {}

    def set_model(self, model: RunModel) -> None:
        self.model = model
        self._begun, self._ended = set(), set()
        self._tasks = self._waits = 0
        self.history = []
        self._held_at = {}
        self.setText("")

    def refresh(self) -> None:
        """Add what is new to the captions and show the two newest (fast events stay
        readable a little longer); process births and deaths come before tasks and waits."""
        model = self.model
        if model is None:
            return
        new: list[str] = []
        if len(model.waits) > self._waits:
            wait = model.waits[-1]
            new.append(f"{wait.pid} waits: {wait.name} {wait.detail}.")
            self._waits = len(model.waits)
        if len(model.tasks) > self._tasks:
            task = model.tasks[-1]
            new.append(f"{task.pid} runs {task.name}{_call(task.detail)}.")
            self._tasks = len(model.tasks)
        for proc in model.processes.values():
            if proc.pid not in self._begun and proc.ppid:
                self._begun.add(proc.pid)
                new.append(_began(proc))
        for proc in model.processes.values():
            if proc.held and proc.line and proc.line != self._held_at.get(proc.pid):
                self._held_at[proc.pid] = proc.line
                new.append(f"{proc.pid} waits for a step before line {proc.line[1]}.")
        for proc in model.processes.values():
            if proc.end is not None and proc.pid not in self._ended:
                self._ended.add(proc.pid)
                new.append(_ended(proc))
        if new:
            self.history.extend(new)
            self.setText("\n".join(self.history[-2:]))


def _call(detail: str) -> str:
    return detail if detail.startswith("(") else f"({detail})"
