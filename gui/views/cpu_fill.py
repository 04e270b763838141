"""How much of a CPU each thread had, drawn in its lane: at each look, a shade rising
from the lane's bottom edge, as high as the share of a CPU since the look before (full
height: a whole CPU). Threads of one process taking turns on the GIL show as shades that
alternate and never add up to more than one lane; processes run at full height together.
One BarGraphItem, redrawn only when there are new looks or the lanes moved."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from gui.views.span_columns import TID_SHIFT, lanes_for
from workers.threads import ThreadLog

FULL = 0.64  # a whole CPU fills the lane's bar height


class CpuFill:
    def __init__(self, view: pg.PlotWidget) -> None:
        self._item = pg.BarGraphItem(x0=[], y0=[], width=[], height=[],
                                     brush=QColor(0, 0, 0, 60), pen=pg.mkPen(None))  # fmt: skip
        self._item.setZValue(3.5)  # over the task bars, under the waits' hatching
        view.addItem(self._item)
        self._drawn: tuple = ()

    def set_colour(self, colour: QColor) -> None:
        shade = QColor(colour)
        shade.setAlpha(70)
        self._item.setOpts(brush=shade)

    def update(self, log: ThreadLog, lane_of: dict[int, int], relaned: bool) -> None:
        key = (len(log), relaned or self._drawn == ())
        if not len(log) or (key[0] == (self._drawn[0] if self._drawn else -1) and not relaned):
            return
        self._drawn = key
        pids = np.frombuffer(log.pid, dtype=np.int64)
        tids = np.frombuffer(log.tid, dtype=np.int64)
        keys = np.where(tids == pids, pids, (tids << TID_SHIFT) | pids)  # main thread: the process
        lanes = lanes_for(keys, lane_of)
        keep = lanes >= 0
        t0 = np.frombuffer(log.t0, dtype=np.float64)[keep]
        t1 = np.frombuffer(log.t1, dtype=np.float64)[keep]
        height = np.frombuffer(log.share, dtype=np.float64)[keep] * FULL
        self._item.setOpts(x0=t0, width=np.maximum(t1 - t0, 0), height=height,
                           y0=lanes[keep] + FULL / 2 - height)  # fmt: skip
