"""A zombie on the Gantt: from its exit to the wait() that reaped it, the lane carries a
cross-hatched band in the error colour: the process is gone, its entry is not (state Z)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from gui import themes

BAND_HEIGHT = 0.5


class ZombieBands:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self._item = pg.BarGraphItem(x0=[], y=[], width=[], height=BAND_HEIGHT)
        self._item.setZValue(4)
        plot.addItem(self._item)
        self.shown = 0  # bands drawn (for tests)

    def update(self, spans: list[tuple[int, float, float]], lane_of: dict[int, int]) -> None:
        drawn = [(t0, lane_of[pid], t1 - t0) for pid, t0, t1 in spans if pid in lane_of]
        if not drawn and not self.shown:
            return
        self.shown = len(drawn)
        colour = QColor(themes.current().error)
        self._item.setOpts(
            x0=np.array([d[0] for d in drawn], dtype=float),
            y=np.array([d[1] for d in drawn], dtype=float),
            width=np.array([max(d[2], 0.0) for d in drawn], dtype=float),
            height=BAND_HEIGHT, pen=pg.mkPen(colour, width=1),
            brush=QBrush(colour, Qt.BrushStyle.DiagCrossPattern),
        )  # fmt: skip
        self._item.setToolTip("zombie: exited, not yet reaped by its parent's wait()")
