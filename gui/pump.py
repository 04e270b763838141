"""The pump: one QTimer drains the collector's queue into the run model in bounded slices.

A flooding program fills the queue faster than PUMP_MAX_BATCHES per tick; the collector
then stops reading and the program blocks on its own output (DESIGN.md rule 2), while the
window keeps its frame rate. Never a blocking call here (rule 7).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer, Signal

from gui.i18n import tr
from workers.run import Run

PUMP_PERIOD_MS = 33  # about 30 updates a second
PUMP_BUDGET_SECONDS = 0.006  # of each tick, at most this much ingesting events
PUMP_MAX_BATCHES = 400


_frozen = False


def _freeze_the_app() -> None:
    """Once, at the first run: what exists then (Qt, pyqtgraph, the window) lives as long as
    the app, so take it out of the garbage collector's full passes, which a flood of events
    would otherwise make walk it again and again (15-20 ms each). Later runs' objects stay
    collectable."""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True


class RunPump(QObject):
    sig_changed = Signal()
    """New events reached the model (or time moved on while the run is live)."""
    sig_finished = Signal()
    """The run is over: ended by itself, stopped, or timed out."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.run: Run | None = None
        self.time_limit: float | None = None
        self._started = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(PUMP_PERIOD_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def live(self) -> bool:
        return self.run is not None and not self.run.finished

    def start(self, run: Run) -> None:
        self.stop()
        _freeze_the_app()
        self.run = run
        self._started = time.monotonic()
        run.start()
        self._timer.start()

    def stop(self) -> None:
        """Stop the live run (if any): its whole process tree is gone when this returns."""
        if self.live:
            self.run.stop()
            self._end()

    def _tick(self) -> None:
        run = self.run
        if run is None:
            self._timer.stop()
            return
        run.pump(PUMP_MAX_BATCHES, PUMP_BUDGET_SECONDS)
        over_time = self.time_limit and time.monotonic() - self._started > self.time_limit
        if over_time:
            run.stop(tr("it ran past the time limit of {0} s").format(f"{self.time_limit:g}"))
        if run.poll() or over_time:
            self._end()
        else:
            self.sig_changed.emit()

    def _end(self) -> None:
        self._timer.stop()
        self.sig_changed.emit()
        self.sig_finished.emit()
