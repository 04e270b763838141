"""Message arrows on the Gantt: one line per message from the moment it left one process's
lane to the moment another received it, a dot where it arrived. All arrows of a kind are one
PlotCurveItem (connect="pairs") and one ScatterPlotItem, so thousands cost one draw each."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from workers.flows import Flow

KINDS = {  # kind -> colour: what passes between processes
    "queue": "#0072B2",
    "pipe": "#56B4E9",
    "manager": "#CC79A7",
    "joined": "#D55E00",
    "submit": "#E69F00",
    "result": "#009E73",
    "start": "#888888",
    "exit": "#888888",
}
HIT_PX = 6  # how near the pointer must be to an arrow for its tooltip
MAX_DRAWN = 2000  # more arrows than this: only the selected process's are drawn


class ArrowLayer:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self._plot = plot
        self._lines: dict[str, pg.PlotCurveItem] = {}
        self._heads: dict[str, pg.ScatterPlotItem] = {}
        for kind, colour in KINDS.items():
            pen_colour = QColor(colour)
            pen_colour.setAlpha(190)
            # width 1 without antialiasing: a wider or smoothed pen made 10,000 arrows take
            # 18 s to paint (bench/arrows.py)
            line = pg.PlotCurveItem(pen=pg.mkPen(pen_colour, width=1), connect="pairs",
                                    antialias=False, skipFiniteCheck=True)  # fmt: skip
            head = pg.ScatterPlotItem(size=6, pen=pg.mkPen(None), brush=pg.mkBrush(colour))
            for item in (line, head):
                item.setZValue(8)
                plot.addItem(item)
            self._lines[kind], self._heads[kind] = line, head
        self.flows: list[Flow] = []
        self._points = np.empty((0, 4))  # x0, y0, x1, y1 of every drawn arrow
        self._drawn: list[Flow] = []
        self._key: tuple = ()
        self.visible = True
        self.crowded = False  # too many to draw them all: the selected process's only

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        for item in (*self._lines.values(), *self._heads.values()):
            item.setVisible(visible)

    def update(self, flows: list[Flow], lane_of: dict[int, int], selected: int | None) -> None:
        key = (len(flows), tuple(lane_of), selected)
        if key == self._key:
            return
        self._key = key
        drawn = [f for f in flows if f.from_pid in lane_of and f.to_pid in lane_of]
        self.crowded = len(drawn) > MAX_DRAWN
        if self.crowded:  # thousands of lines read as a smear and cost the frame rate
            drawn = [f for f in drawn if selected in (f.from_pid, f.to_pid)][-MAX_DRAWN:]
        self._drawn = drawn
        points = np.array([(f.t0, lane_of[f.from_pid], f.t1, lane_of[f.to_pid]) for f in drawn],
                          dtype=float).reshape(-1, 4)  # fmt: skip
        self._points = points
        kinds = np.array([f.kind for f in drawn])
        for kind in KINDS:
            mine = points[kinds == kind] if len(drawn) else points
            xs = np.column_stack((mine[:, 0], mine[:, 2])).ravel()
            ys = np.column_stack((mine[:, 1], mine[:, 3])).ravel()
            self._lines[kind].setData(xs, ys)
            self._heads[kind].setData(mine[:, 2], mine[:, 3])

    def hit(self, x: float, y: float, x_per_px: float, y_per_px: float) -> Flow | None:
        """The arrow under the pointer (view coordinates), if any."""
        if not self.visible or not len(self._points):
            return None
        x0, y0, x1, y1 = (self._points[:, i] for i in range(4))
        dx, dy = (x1 - x0) / x_per_px, (y1 - y0) / y_per_px  # in pixels
        px, py = (x - x0) / x_per_px, (y - y0) / y_per_px
        length = np.maximum(dx * dx + dy * dy, 1e-9)
        along = np.clip((px * dx + py * dy) / length, 0, 1)
        distance = np.hypot(px - along * dx, py - along * dy)
        best = int(np.argmin(distance))
        return self._drawn[best] if distance[best] <= HIT_PX else None


def describe(flow: Flow) -> list[str]:
    """Tooltip lines for an arrow."""
    lines = [f"{flow.kind}: {flow.from_pid} \u2192 {flow.to_pid}"]
    if flow.label:
        lines.append(f"what: {flow.label}")
    if flow.size:
        lines.append(f"size: {flow.size} bytes")
    lines.append(f"sent {flow.t0:.3f} s, received {flow.t1:.3f} s "
                 f"({(flow.t1 - flow.t0) * 1000:.1f} ms on the way)")  # fmt: skip
    return lines
