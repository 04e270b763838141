"""The Gantt's vertical time grid, drawn as one curve of line pairs. pyqtgraph's own axis
grid replays every grid line through the axis's picture, without a cache, at each repaint:
about 10 ms of a 18 ms repaint with 10,000 bars (bench/arrows.py); this costs under 1 ms."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

MAJOR_ALPHA, MINOR_ALPHA = 70, 28


class TimeGrid:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self._plot = plot
        self._vb = plot.getPlotItem().getViewBox()
        self._axis = plot.getAxis("bottom")
        self._lines = []
        for _alpha in (MAJOR_ALPHA, MINOR_ALPHA):
            line = pg.PlotCurveItem(connect="pairs", antialias=False, skipFiniteCheck=True)
            line.setZValue(-20)
            plot.addItem(line, ignoreBounds=True)
            self._lines.append(line)
        self.set_colour("#000000")
        self._key: tuple = ()

    def set_colour(self, colour: str) -> None:
        for line, alpha in zip(self._lines, (MAJOR_ALPHA, MINOR_ALPHA), strict=True):
            pen_colour = QColor(colour)
            pen_colour.setAlpha(alpha)
            line.setPen(pg.mkPen(pen_colour, width=1))
        self._key = ()

    def update(self, *_args) -> None:
        (x0, x1), (y0, y1) = self._vb.viewRange()
        width = max(self._vb.sceneBoundingRect().width(), 1.0)
        key = (x0, x1, y0, y1, width)
        if key == self._key:
            return
        self._key = key
        levels = [values for _spacing, values in self._axis.tickValues(x0, x1, width)]
        major = set(levels[0]) if levels else set()
        minor = {v for values in levels[1:] for v in values} - major
        for line, values in zip(self._lines, (major, minor), strict=True):
            xs = np.array(sorted(values), dtype=float)
            line.setData(np.repeat(xs, 2), np.tile([y0, y1], len(xs)))
