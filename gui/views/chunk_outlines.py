"""Pool.map's chunks on the Gantt: the tasks of one chunk, run one after another by one
worker, outlined together, so chunksize can be seen (workers/flows.py pairs each task
with its chunk)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from gui import themes

CHUNK_HEIGHT = 0.86  # a little taller than a task bar, so the outline shows around them


class ChunkOutlines:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self._item = pg.BarGraphItem(x0=[], y=[], width=[], height=CHUNK_HEIGHT, brush=None,
                                     pen=pg.mkPen("#000000", width=2))  # fmt: skip
        self._item.setZValue(5)
        plot.addItem(self._item)
        self._key: tuple = ()
        self.shown = 0  # chunks outlined (for tests)

    def update(self, chunks: list[tuple[int, float, float, int]], lane_of: dict[int, int]):
        key = (tuple(chunks), tuple(lane_of))
        if key == self._key:
            return
        self._key = key
        drawn = [(start, lane_of[pid], end - start) for pid, start, end, _n in chunks
                 if pid in lane_of]  # fmt: skip
        self.shown = len(drawn)
        colour = QColor(themes.current().foreground)
        colour.setAlpha(200)
        self._item.setOpts(
            x0=np.array([d[0] for d in drawn], dtype=float),
            y=np.array([d[1] for d in drawn], dtype=float),
            width=np.array([d[2] for d in drawn], dtype=float),
            height=CHUNK_HEIGHT, pen=pg.mkPen(colour, width=2), brush=None,
        )  # fmt: skip
