"""The Gantt chart: one lane per process (parent above its children), a bar per task.

Drawing follows DESIGN.md section 5: one BarGraphItem per colour, updated in place with
setOpts; never a per-bar brush list. Labels come from a small pool of TextItems placed
only on bars wide enough to hold them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QToolTip

from gui import palette
from workers.model import ProcessInfo, RunModel, Span

TASK_HEIGHT = 0.64
WAIT_HEIGHT = 0.64
LIFE_HEIGHT = 0.10
MAX_LABELS = 160  # text items reused for the bars in view
LABEL_CHAR_PX = 7.5  # rough width of one label character, to decide what fits
FOLLOW_MARGIN = 0.04  # share of the view kept free right of "now" when following


@dataclass
class _Bars:
    """Rectangles of one colour, kept as lists then handed to one BarGraphItem."""

    x0: list[float] = field(default_factory=list)
    y0: list[float] = field(default_factory=list)
    width: list[float] = field(default_factory=list)
    height: list[float] = field(default_factory=list)

    def add(self, x0: float, x1: float, y0: float, height: float) -> None:
        self.x0.append(x0)
        self.y0.append(y0)
        self.width.append(max(x1 - x0, 0.0))
        self.height.append(height)

    def opts(self) -> dict:
        return {
            "x0": np.asarray(self.x0, dtype=float),
            "y0": np.asarray(self.y0, dtype=float),
            "width": np.asarray(self.width, dtype=float),
            "height": np.asarray(self.height, dtype=float),
        }


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


@dataclass
class _Placed:
    """A bar as hover and labels see it."""

    lane: int
    start: float
    end: float
    span: Span
    kind: str  # "task" or "wait"


class GanttView(pg.PlotWidget):
    """Live Gantt of a RunModel. Call ``refresh(now)`` from the pump's tick."""

    sig_lane_clicked = Signal(int)
    """A lane was clicked: the pid of its process."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background="w", axisItems={"left": LaneAxis("left")})
        self.model: RunModel | None = None
        self.colours = palette.ProcessColours()
        self.follow = True
        self._lanes: list[ProcessInfo] = []
        self._placed: list[_Placed] = []
        self._task_colour: dict[str, int] = {}
        self._highlight_pid: int | None = None
        self._base_font = QFont()
        self._base_font.setPointSizeF(10)

        item = self.getPlotItem()
        item.showGrid(x=True, y=False, alpha=0.25)
        item.setLabel("bottom", "seconds since start")
        item.hideButtons()
        item.setMenuEnabled(False)
        self._vb = item.getViewBox()
        self._vb.invertY(True)
        self._vb.setMouseEnabled(x=True, y=False)
        self._vb.sigRangeChangedManually.connect(self._on_range_changed_by_user)
        self._vb.sigXRangeChanged.connect(lambda *_: self._place_labels())
        self.getAxis("left").setStyle(tickTextOffset=6)
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self._hint = pg.TextItem("Press \u25b6 Start: each process of the run gets a lane here.",
                                 color="#777777", anchor=(0.5, 0.5))  # fmt: skip
        self.addItem(self._hint)

        self._life_items: dict[str, pg.BarGraphItem] = {}
        self._task_items: dict[int, pg.BarGraphItem] = {}
        # Waits are hatched over whatever the lane shows: a task's sleeping part stays
        # visible as the task, hatched; a wait outside any task is a pale hatched bar.
        wait_brush = QBrush(QColor(40, 40, 40, 150), Qt.BrushStyle.BDiagPattern)
        self._wait_item = pg.BarGraphItem(
            x0=[], y0=[], width=[], height=[], brush=wait_brush,
            pen=pg.mkPen(QColor(60, 60, 60, 140), width=1),
        )  # fmt: skip
        self._wait_item.setZValue(4)
        self.addItem(self._wait_item)
        self._wait_bg = pg.BarGraphItem(
            x0=[], y0=[], width=[], height=[], brush=QColor(palette.WAIT_COLOUR).lighter(125),
            pen=pg.mkPen(None),
        )  # fmt: skip
        self._wait_bg.setZValue(1)
        self.addItem(self._wait_bg)
        self._prints = pg.ScatterPlotItem(
            symbol="|", size=9, pen=pg.mkPen("#555555", width=1.2), brush=None
        )
        self._prints.setZValue(5)
        self.addItem(self._prints)
        self._now_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(palette.NOW_COLOUR, width=1.5, style=Qt.PenStyle.DashLine)
        )
        self._now_line.setZValue(10)
        self.addItem(self._now_line)
        self._selection = pg.LinearRegionItem(
            orientation="horizontal", movable=False, brush=QColor(255, 214, 0, 60),
            pen=pg.mkPen(None),
        )  # fmt: skip
        self._selection.setZValue(-10)
        self._selection.hide()
        self.addItem(self._selection)
        self._exit_labels: list[pg.TextItem] = []
        self._labels: list[pg.TextItem] = []
        for _ in range(MAX_LABELS):
            label = pg.TextItem(color="#111111", anchor=(0.5, 0.5))
            label.setZValue(6)
            label.hide()
            self.addItem(label)
            self._labels.append(label)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.setMinimumHeight(160)
        self._show_empty()

    # ---- public -----------------------------------------------------------------------

    def _show_empty(self) -> None:
        self._hint.setPos(2.5, 0)
        self._hint.show()
        self._now_line.hide()
        self.getAxis("left").setTicks([[], []])
        self._vb.setRange(xRange=(0, 5), yRange=(-0.6, 0.6), padding=0)

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.model, self.colours = model, colours
        self._task_colour.clear()
        self._highlight_pid = None
        self._selection.hide()
        self.follow = True
        self.refresh(0.0)

    def set_follow(self, follow: bool) -> None:
        self.follow = follow
        if follow and self.model is not None:
            self._follow_now(self._now)

    def highlight(self, pid: int | None) -> None:
        self._highlight_pid = pid
        lane = self.lane_of(pid) if pid is not None else None
        if lane is None:
            self._selection.hide()
        else:
            self._selection.setRegion((lane - 0.5, lane + 0.5))
            self._selection.show()

    def lane_of(self, pid: int) -> int | None:
        return next((i for i, p in enumerate(self._lanes) if p.pid == pid), None)

    @property
    def lanes(self) -> list[ProcessInfo]:
        return list(self._lanes)

    def bars(self, kind: str = "task") -> list[tuple[int, Span]]:
        """(pid, span) of every drawn bar of KIND: what tests compare with the trace."""
        return [(self._lanes[p.lane].pid, p.span) for p in self._placed if p.kind == kind]

    def set_font_scale(self, scale: float) -> None:
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * scale)
        for axis in ("left", "bottom"):
            self.getAxis(axis).setStyle(tickFont=font)
            self.getAxis(axis).label.setFont(font)
        for label in self._labels + self._exit_labels:
            label.setFont(font)

    def refresh(self, now: float) -> None:
        self._now = now
        model = self.model
        if model is None:
            return
        tree = model.tree()
        self._lanes = [proc for proc, _depth in tree]
        self._hint.setVisible(not self._lanes)
        self._depths = [depth for _proc, depth in tree]
        lane_of = {p.pid: i for i, p in enumerate(self._lanes)}
        life: dict[str, _Bars] = {}
        tasks: dict[int, _Bars] = {}
        waits = _Bars()
        self._placed = []
        for i, proc in enumerate(self._lanes):
            colour = self.colours.of(proc.pid, proc.helper).name()
            end = proc.end if proc.end is not None else now
            life.setdefault(colour, _Bars()).add(proc.start, end, i - LIFE_HEIGHT / 2, LIFE_HEIGHT)
        for span in model.tasks:
            lane = lane_of.get(span.pid)
            if lane is None:
                continue
            end = span.end if span.end is not None else now
            index = self._task_colour.setdefault(span.name, len(self._task_colour))
            slot = index % len(palette.TASK_COLOURS)
            tasks.setdefault(slot, _Bars()).add(span.start, end, lane - TASK_HEIGHT / 2,
                                                TASK_HEIGHT)  # fmt: skip
            self._placed.append(_Placed(lane, span.start, end, span, "task"))
        for span in model.waits:
            lane = lane_of.get(span.pid)
            if lane is None:
                continue
            end = span.end if span.end is not None else now
            waits.add(span.start, end, lane - WAIT_HEIGHT / 2, WAIT_HEIGHT)
            self._placed.append(_Placed(lane, span.start, end, span, "wait"))
        self._update_items(self._life_items, life, self._life_item)
        self._update_items(self._task_items, tasks, self._task_item)
        self._wait_item.setOpts(**waits.opts())
        self._wait_bg.setOpts(**waits.opts())
        self._update_prints(model, lane_of)
        self._update_axis()
        self._update_exit_labels(now)
        self._now_line.setValue(now)
        self._now_line.setVisible(model.finished_at is None)
        self._vb.setYRange(-0.6, max(len(self._lanes), 1) - 0.4, padding=0)
        if self._highlight_pid is not None:
            self.highlight(self._highlight_pid)
        if self.follow:
            self._follow_now(now)
        self._place_labels()

    # ---- drawing helpers --------------------------------------------------------------

    def _life_item(self, key: str) -> pg.BarGraphItem:
        colour = QColor(key)
        return pg.BarGraphItem(x0=[], y0=[], width=[], height=[], brush=colour, pen=pg.mkPen(None))

    def _task_item(self, key: int) -> pg.BarGraphItem:
        colour = palette.task_colour(key)
        item = pg.BarGraphItem(
            x0=[], y0=[], width=[], height=[], brush=colour, pen=pg.mkPen(colour.darker(140))
        )
        item.setZValue(3)
        return item

    def _update_items(self, items: dict, groups: dict, make) -> None:
        for key, bars in groups.items():
            if key not in items:
                items[key] = make(key)
                self.addItem(items[key])
            items[key].setOpts(**bars.opts())
            items[key].show()
        for key, item in items.items():
            if key not in groups:
                item.hide()

    def _update_prints(self, model: RunModel, lane_of: dict[int, int]) -> None:
        xs = [p.t for p in model.prints if p.pid in lane_of]
        ys = [lane_of[p.pid] + 0.42 for p in model.prints if p.pid in lane_of]
        self._prints.setData(x=xs, y=ys)

    def _update_axis(self) -> None:
        ticks = []
        for i, (proc, depth) in enumerate(zip(self._lanes, self._depths, strict=True)):
            role = " (manager)" if proc.role == "manager" else ""
            indent = "\u2003" * (depth - 1) + "\u2514 " if depth else ""
            ticks.append((i, f"{indent}{proc.pid} {proc.label}{role}"))
        axis = self.getAxis("left")
        axis.setTicks([ticks, []])
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        widest = max((metrics.horizontalAdvance(text) for _i, text in ticks), default=60)
        axis.setWidth(widest + 24)

    def _update_exit_labels(self, now: float) -> None:
        ended = [(i, p) for i, p in enumerate(self._lanes) if p.end is not None]
        while len(self._exit_labels) < len(ended):
            label = pg.TextItem(anchor=(0, 0.5))
            label.setZValue(7)
            self.addItem(label)
            self._exit_labels.append(label)
        for label, (i, proc) in zip(self._exit_labels, ended, strict=False):
            code = proc.exitcode
            text = "exit ?" if code is None else f"exit {code}"
            colour = palette.OK_COLOUR if code == 0 else palette.ERROR_COLOUR
            if code is None:
                colour = "#666666"
            label.setText(text, color=colour)
            label.setPos(proc.end, i)
            label.show()
        for label in self._exit_labels[len(ended) :]:
            label.hide()

    def _follow_now(self, now: float) -> None:
        right = max(now, 1.0)
        self._vb.setXRange(0, right * (1 + FOLLOW_MARGIN) + 0.5, padding=0)

    def _label_text(self, placed: _Placed) -> str:
        span = placed.span
        if placed.kind == "wait":
            return span.name
        call = f"{span.name}({span.detail.strip('()').rstrip(',')})"
        return call if len(call) <= 24 else span.detail

    def _inside_task(self, placed: _Placed) -> bool:
        return any(
            p.kind == "task" and p.lane == placed.lane and p.start <= placed.start <= p.end
            for p in self._visible_tasks
        )

    def _place_labels(self) -> None:
        """Label the bars in view that are wide enough, tasks first, up to MAX_LABELS."""
        (x_min, x_max), _ = self._vb.viewRange()
        pixel = self._vb.viewPixelSize()[0] or 1.0
        in_view = [p for p in self._placed if p.end >= x_min and p.start <= x_max]
        self._visible_tasks = [p for p in in_view if p.kind == "task"]
        used = 0
        for placed in sorted(in_view, key=lambda p: p.kind != "task"):
            if used >= MAX_LABELS:
                break
            text = self._label_text(placed)
            shown = (min(placed.end, x_max) - max(placed.start, x_min)) / pixel
            if not text or shown < LABEL_CHAR_PX * len(text) + 6:
                continue
            if placed.kind == "wait" and self._inside_task(placed):
                continue
            label = self._labels[used]
            label.setText(text)
            label.setPos((max(placed.start, x_min) + min(placed.end, x_max)) / 2, placed.lane)
            label.show()
            used += 1
        for label in self._labels[used:]:
            label.hide()

    # ---- interaction ------------------------------------------------------------------

    def _on_range_changed_by_user(self, *_args) -> None:
        self.follow = False

    def _at(self, scene_pos: QPointF) -> tuple[int, float] | None:
        if not self.plotItem.sceneBoundingRect().contains(scene_pos):
            return None
        point = self._vb.mapSceneToView(scene_pos)
        lane = int(round(point.y()))
        return (lane, point.x()) if 0 <= lane < len(self._lanes) else None

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        where = self._at(scene_pos)
        if where is None:
            QToolTip.hideText()
            return
        lane, x = where
        hits = [p for p in self._placed if p.lane == lane and p.start <= x <= p.end]
        proc = self._lanes[lane]
        if hits:
            hit = max(hits, key=lambda p: p.kind == "task")
            span = hit.span
            lines = [
                f"{'task' if hit.kind == 'task' else 'wait'}: {span.name}",
                f"{'args' if hit.kind == 'task' else 'on'}: {span.detail}",
                f"start {span.start:.3f} s, duration {hit.end - hit.start:.3f} s",
                f"pid {proc.pid} ({proc.name})",
            ]
            if span.outcome:
                lines.append(f"ended with: {span.outcome}")
        else:
            state = "running" if proc.alive else f"exited ({proc.exitcode})"
            lines = [f"pid {proc.pid} {proc.name}", f"parent {proc.ppid}, {proc.role}, {state}"]
        view_pos = self.mapFromScene(scene_pos)
        QToolTip.showText(self.mapToGlobal(view_pos), "\n".join(lines), self)

    def _on_mouse_clicked(self, event) -> None:
        where = self._at(event.scenePos())
        if where is not None:
            pid = self._lanes[where[0]].pid
            self.highlight(pid)
            self.sig_lane_clicked.emit(pid)

    _now = 0.0
    _depths: list[int] = []
    _visible_tasks: list[_Placed] = []
