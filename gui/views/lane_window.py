"""The Gantt's lanes: their axis (labels aligned left, so the tree's indentation shows),
and which lanes are in view. Every lane keeps a height its label fits in (so
no lane ever loses its label, at any zoom); when they do not all fit, a scroll bar at the
chart's right edge moves through them, and the wheel over the lane labels does too."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QScrollBar

MIN_LANE_LINES = 1.6  # a lane is at least this many label lines high


class LaneAxis(pg.AxisItem):
    """The left axis, with lane labels aligned left so the tree's indentation shows."""

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph's name)
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        left = self.boundingRect().left() + 4
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        aligned = [
            (QRectF(left, rect.top(), rect.right() - left, rect.height()),
             flags | Qt.TextFlag.TextDontClip, text)
            for rect, _flags, text in texts
        ]  # fmt: skip
        return axis, ticks, aligned

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Over the labels, the wheel moves through the lanes (when they do not all fit)."""
        scroll = getattr(self, "on_wheel", None)
        if scroll is not None and scroll(1 if event.delta() > 0 else -1):
            event.accept()
        else:
            event.ignore()


class LaneWindow(QObject):
    def __init__(self, plot) -> None:
        super().__init__(plot)
        self._plot = plot
        self._vb = plot.getPlotItem().getViewBox()
        self.bar = QScrollBar(Qt.Orientation.Vertical, plot)
        self.bar.setSingleStep(1)
        # a bound method, not a lambda: Qt would hold a lambda (and the chart) forever
        self.bar.valueChanged.connect(self._on_scrolled)
        self.bar.hide()
        self.lanes = 0

    def min_lane_px(self) -> float:
        axis = self._plot.getAxis("left")
        font = axis.style.get("tickFont") or self._plot.font()
        return QFontMetrics(font).lineSpacing() * MIN_LANE_LINES

    def fitting(self) -> int:
        """How many lanes fit the chart's height at their minimum height."""
        height = self._vb.sceneBoundingRect().height() or self._plot.height() * 0.7
        return max(1, int(height // self.min_lane_px()))

    def update(self, lanes: int) -> None:
        self.lanes = lanes
        shown = min(self.fitting(), max(lanes, 1))
        hidden = max(0, lanes - shown)
        self.bar.blockSignals(True)
        self.bar.setRange(0, hidden)
        self.bar.setPageStep(shown)
        self.bar.blockSignals(False)
        self.bar.setVisible(hidden > 0)
        self.place()
        self._apply()

    def _on_scrolled(self, _value: int) -> None:
        self._apply()

    def first(self) -> int:
        return self.bar.value() if self.bar.isVisible() else 0

    def shown(self) -> int:
        return min(self.fitting(), max(self.lanes, 1))

    def _apply(self) -> None:
        top = self.first()
        self._vb.setYRange(top - 0.6, top + self.shown() - 0.4, padding=0)

    def bring_into_view(self, lane: int) -> None:
        if self.bar.isVisible() and not self.first() <= lane < self.first() + self.shown():
            self.bar.setValue(max(0, lane - self.shown() // 2))

    def scroll(self, steps: int) -> bool:
        """Wheel steps over the labels: True if the lanes moved."""
        if not self.bar.isVisible():
            return False
        self.bar.setValue(self.bar.value() - steps)
        return True

    def place(self) -> None:
        width = self.bar.sizeHint().width()
        self.bar.setGeometry(self._plot.width() - width, 0, width, self._plot.height())
