"""Step mode's buttons and replay, for a concept panel: Step lets one held process run one
line (the selected one, else the next in turn), Step all lets every held one, Continue
leaves step mode. A replay repeats the previous run's choices, one step per REPLAY_EVERY
seconds so the class can follow, then hands the steps back to the lecturer."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from gui.i18n import tr
from workers.run import Run
from workers.steps import Replay

REPLAY_EVERY = 0.4  # seconds between replayed steps
REPLAY_PATIENCE = 10.0  # seconds a replay waits for the process it names to be held


class StepControl(QObject):
    sig_status = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.run: Run | None = None
        self.selected_pid: int | None = None
        self.replay: Replay | None = None
        self._last_stepped = 0
        self._last_replayed = 0.0

    def set_run(self, run: Run, sequence: list[str]) -> None:
        self.run, self._last_stepped = run, 0
        self.replay = Replay(sequence) if sequence and run.stepping else None
        self._last_replayed = time.monotonic()
        if self.replay is not None:
            self.sig_status.emit(tr("Replaying {0} steps…").format(len(sequence)))

    def select(self, pid: int) -> None:
        """The lecturer selected PID (its lane or its row): Step lets it go next."""
        self.selected_pid = pid

    def step(self) -> int | None:
        """Let one held process run one line. Returns its pid."""
        run = self.run
        if run is None or not run.stepping:
            return None
        held = sorted(p.pid for p in run.model.held())
        if not held:
            self.sig_status.emit(tr("No process is waiting for a step yet."))
            return None
        if self.selected_pid in held:
            pid = self.selected_pid
        else:
            pid = next((p for p in held if p > self._last_stepped), held[0])
        self._last_stepped = pid
        self.replay = None  # the lecturer took over
        run.step(pid)
        return pid

    def step_all(self) -> None:
        if self.run is not None and self.run.stepping:
            self.replay = None
            for proc in self.run.model.held():
                self.run.step(proc.pid)

    def continue_run(self) -> bool:
        if self.run is None or not self.run.stepping:
            return False
        self.replay = None
        self.run.continue_all()
        self.sig_status.emit(tr("Step mode off: every process runs freely."))
        return True

    def tick(self) -> None:
        """On each update of the live run: the replay's next step, when it is due."""
        replay, run = self.replay, self.run
        if replay is None or run is None or not run.stepping:
            return
        now = time.monotonic()
        if now - self._last_replayed < REPLAY_EVERY:
            return
        pid = replay.next_pid(run.model)
        if pid is not None:
            run.step(pid)
            self._last_replayed = now
            if replay.done:
                self.replay = None
                self.sig_status.emit(tr("Replayed {0} steps: step on by hand.").format(
                    len(replay.sequence)))  # fmt: skip
        elif now - self._last_replayed > REPLAY_PATIENCE:
            self.replay = None
            self.sig_status.emit(tr(
                "Replay stopped at step {0}: process {1} of the tree never waited there. "
                "The program did something else this time; step on by hand."
            ).format(replay.position + 1, replay.waiting_for))  # fmt: skip
