"""Captions: one line in words that follows the run ("4412 called fork(): it now has a
child, 4415"), generated from what the model gained since the last refresh."""

from __future__ import annotations

import signal

from PySide6.QtWidgets import QLabel

from gui.i18n import process_label, tr
from workers.model import ProcessInfo, RunModel


def _began(proc: ProcessInfo) -> str:
    if proc.role == "fork":
        return tr("{0} called fork(): it now has a child, {1}.").format(proc.ppid, proc.pid)
    if proc.role == "pool-worker":
        return tr("The Pool started worker {0} as process {1}.").format(proc.name, proc.pid)
    if proc.role == "manager":
        return tr("The Manager started its server process, {0}.").format(proc.pid)
    if proc.helper:
        return tr("multiprocessing started its {0}, {1}.").format(proc.role, proc.pid)
    if proc.role == "program":
        return tr("{0} started the program {1}: process {2}.").format(
            proc.ppid, proc.name, proc.pid
        )
    if proc.role == "process":
        how = f" ({proc.start_method})" if proc.start_method else ""
        return tr("{0} started {1}{2}: process {3}.").format(proc.ppid, proc.name, how, proc.pid)
    return tr("The program started: process {0}.").format(proc.pid)


def _ended(proc: ProcessInfo) -> str:
    code = proc.exitcode
    if code is None:
        return tr("{0} ({1}) ended.").format(proc.pid, process_label(proc))
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return tr("{0} ({1}) was killed by {2}: exit code {3}.").format(
            proc.pid, process_label(proc), name, code
        )
    return tr("{0} ({1}) exited with code {2}.").format(proc.pid, process_label(proc), code)


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
            new.append(tr("{0} waits: {1} {2}.").format(wait.pid, wait.name, wait.detail))
            self._waits = len(model.waits)
        if len(model.tasks) > self._tasks:
            task = model.tasks[-1]
            new.append(tr("{0} runs {1}{2}.").format(task.pid, task.name, _call(task.detail)))
            self._tasks = len(model.tasks)
        for proc in model.processes.values():
            if proc.pid not in self._begun and proc.ppid:
                self._begun.add(proc.pid)
                new.append(_began(proc))
        for proc in model.processes.values():
            if proc.held and proc.line and proc.line != self._held_at.get(proc.pid):
                self._held_at[proc.pid] = proc.line
                new.append(
                    tr("{0} waits for a step before line {1}.").format(proc.pid, proc.line[1])
                )
        for proc in model.processes.values():
            if proc.end is not None and proc.pid not in self._ended:
                self._ended.add(proc.pid)
                new.append(_ended(proc))
        if new:
            self.history.extend(new)
            self.setText("\n".join(self.history[-2:]))


def _call(detail: str) -> str:
    return detail if detail.startswith("(") else f"({detail})"
