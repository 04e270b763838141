"""The Gantt chart: one lane per process (parent above its children), a bar per task.

Drawing follows DESIGN.md section 5: one BarGraphItem per colour, updated in place with
setOpts; never a per-bar brush list. Labels come from a small pool of TextItems placed
only on bars wide enough to hold them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QToolTip

from gui import palette, themes
from gui.i18n import process_label, tr
from gui.views.arrows import ArrowLayer, describe
from gui.views.chunk_outlines import ChunkOutlines
from gui.views.cpu_fill import CpuFill
from gui.views.lane_menu import SignalMarks
from gui.views.lane_window import LaneAxis, LaneWindow
from gui.views.lanes import Lane, build_lanes, lane_index
from gui.views.span_columns import SpanColumns, lane_key, lanes_for
from gui.views.time_grid import TimeGrid
from gui.views.zombie_bands import ZombieBands
from workers.model import ProcessInfo, RunModel, Span

TASK_HEIGHT = 0.64
WAIT_HEIGHT = 0.64
LIFE_HEIGHT = 0.10
MAX_LABELS = 160  # text items reused for the bars in view
HELD_HEIGHT = 0.5  # a held stretch, drawn over the lane's life line
LABEL_CHAR_PX = 7.5  # rough width of one label character, to decide what fits
FOLLOW_MARGIN = 0.04  # share of the view kept free right of "now" when following
OUTLINE_LIMIT = 3_000  # bars of one colour drawn with an outline
MAX_PRINT_TICKS = 4_000  # the newest prints get a tick (more is a solid band); the console has all


class GanttView(pg.PlotWidget):
    """Live Gantt of a RunModel. Call ``refresh(now)`` from the pump's tick."""

    sig_lane_clicked = Signal(int)
    """A lane was clicked: the pid of its process."""
    sig_lane_menu = Signal(int, QPoint)
    """A lane was right-clicked: the pid of its process, where (on the screen)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background="w", axisItems={"left": LaneAxis("left")})
        self.model: RunModel | None = None
        self.colours = palette.ProcessColours()
        self.follow = True
        self._lanes: list[Lane] = []
        self._task_colour: dict[str, int] = {}
        self._outlined: dict[int, bool] = {}
        self._reset_columns()
        self._highlight_pid: int | None = None
        self._base_font = QFont()
        self._base_font.setPointSizeF(10)

        item = self.getPlotItem()
        item.setLabel("bottom", "seconds since start")
        item.hideButtons()
        item.setMenuEnabled(False)
        self._vb = item.getViewBox()
        self._vb.invertY(True)
        self._vb.setMouseEnabled(x=True, y=False)
        self._grid = TimeGrid(self)
        self._vb.sigRangeChanged.connect(self._grid.update)  # (a lambda would leak the view)
        self._vb.sigRangeChangedManually.connect(self._on_range_changed_by_user)
        self._vb.sigXRangeChanged.connect(self._on_x_range_changed)
        self.getAxis("left").setStyle(tickTextOffset=6)
        self.lane_window = LaneWindow(self)  # lanes keep a readable height; a scroll bar
        self.getAxis("left").on_wheel = self.lane_window.scroll
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
        self._wait_fill = QColor(palette.WAIT_COLOUR).lighter(125)  # a wait outside any task
        self._wait_bg = pg.BarGraphItem(
            x0=[], y0=[], width=[], height=[], brush=self._wait_fill, pen=pg.mkPen(None),
        )  # fmt: skip
        self._wait_bg.setZValue(1)
        self.addItem(self._wait_bg)
        # Print ticks as line segments (pairs of points): far cheaper than scatter symbols.
        self._prints = pg.PlotCurveItem(
            pen=pg.mkPen("#555555", width=1.2), connect="pairs", antialias=False,
            skipFiniteCheck=True,
        )  # fmt: skip
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
        self._labels: list[pg.TextItem] = []  # made as needed, then reused
        self.arrows = ArrowLayer(self)
        self.signal_marks = SignalMarks(self)
        self.chunks = ChunkOutlines(self)
        self.zombies = ZombieBands(self)
        self.cpu = CpuFill(self)
        # step mode: time a process spent waiting for the class to press Step
        pattern = QBrush(QColor("#9e9e9e"), Qt.BrushStyle.Dense5Pattern)
        self._held_item = pg.BarGraphItem(x0=[], y=[], width=[], height=HELD_HEIGHT,
                                          pen=pg.mkPen("#7f7f7f"), brush=pattern)  # fmt: skip
        self._held_item.setZValue(4)
        self.addItem(self._held_item)
        self._pause_bands: list[pg.LinearRegionItem] = []
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

    def _reset_columns(self) -> None:
        self._tasks = SpanColumns()
        self._waits = SpanColumns()
        self._print_x = np.empty(0)
        self._print_pid = np.empty(0, dtype=np.int64)
        self._prints_seen = 0
        self._lane_key: tuple[int, ...] = ()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if getattr(self, "plotItem", None) is not None and hasattr(self, "lane_window"):
            self.lane_window.update(len(self._lanes))  # (not while the widget is closing)

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.model, self.colours = model, colours
        for band in self._pause_bands:
            self.removeItem(band)
        self._pause_bands = []
        self._task_colour.clear()
        self._reset_columns()
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
        if self.model is not None and self._lanes:
            self.arrows.update(self.model.flows(), lane_index(self._lanes), pid)
        lane = self.lane_of(pid) if pid is not None else None
        if lane is None:
            self._selection.hide()
        else:
            self._selection.setRegion((lane - 0.5, lane + 0.5))
            self._selection.show()
            self.lane_window.bring_into_view(lane)

    def lane_of(self, pid: int, tid: int = 0) -> int | None:
        """The lane of process PID (or of its thread TID)."""
        return lane_index(self._lanes).get(lane_key(pid, tid))

    @property
    def lanes(self) -> list[ProcessInfo]:
        """The processes, a lane each, in lane order (their threads' sub-lanes aside)."""
        return [lane.proc for lane in self._lanes if lane.thread is None]

    @property
    def thread_lanes(self) -> list[tuple[int, int, str]]:
        """(pid, tid, name) of each thread's sub-lane, in lane order."""
        return [(lane.proc.pid, lane.thread.tid, lane.thread.name)
                for lane in self._lanes if lane.thread is not None]  # fmt: skip

    def bars(self, kind: str = "task") -> list[tuple[int, Span]]:
        """(pid, span) of every drawn bar of KIND: what tests compare with the trace."""
        columns = self._tasks if kind == "task" else self._waits
        return [(columns.log[i].pid, columns.log[i]) for i in np.flatnonzero(columns.lane >= 0)]

    def retranslate(self) -> None:
        self.getPlotItem().setLabel("bottom", tr("seconds since start"))
        self._hint.setText(tr("Press ▶ Start: each process of the run gets a lane here."))

    def set_theme(self, theme) -> None:
        """Colours of the plot itself (the bars keep theirs, their labels follow them)."""
        self.setBackground(theme.background)
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setPen(theme.foreground)
            axis.setTextPen(theme.foreground)
        self._hint.setColor(theme.muted)
        self._prints.setPen(pg.mkPen(theme.muted, width=1.2))
        self._grid.set_colour(theme.foreground)
        self.cpu.set_colour(theme.foreground)
        light_fill = QColor(palette.WAIT_COLOUR).lighter(125)
        self._wait_fill = QColor("#4A4C50") if theme.dark else light_fill
        self._wait_bg.setOpts(brush=self._wait_fill)
        for label in self._exit_labels:
            label.setText("")  # recoloured at the next refresh

    def set_font_scale(self, scale: float) -> None:
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * scale)
        for axis in ("left", "bottom"):
            self.getAxis(axis).setStyle(tickFont=font)
            self.getAxis(axis).label.setFont(font)
        self._label_font = font
        for label in self._labels + self._exit_labels:
            label.setFont(font)
        self.lane_window.update(len(self._lanes))

    def refresh(self, now: float) -> None:
        """Take in what the model gained since the last call and redraw what changed."""
        self._now = now
        if self.model is None:
            return
        self._refreshing = True
        try:
            self._refresh(self.model, now)
        finally:
            self._refreshing = False
        self._place_labels()

    def _refresh(self, model: RunModel, now: float) -> None:
        self._lanes = build_lanes(model)
        self._hint.setVisible(not self._lanes)
        lane_of = lane_index(self._lanes)
        lane_key = tuple(lane_of)
        relaned = lane_key != self._lane_key
        self._lane_key = lane_key

        slot_of_name = np.array([self._slot_of(name) for name in model.tasks.names], dtype=np.int64)
        changed = self._tasks.update_open(now) if self._tasks.log is not None else set()
        changed |= self._tasks.sync(model.tasks, slot_of_name, now)
        self._tasks.assign_lanes(lane_of, everything=relaned)
        for slot in set(range(len(palette.TASK_COLOURS))) if relaned else changed:
            rects = self._tasks.rects(self._tasks.slot == slot, TASK_HEIGHT)
            self._task_bars(slot).setOpts(**rects, **self._outline(slot, len(rects["x0"])))
        waits_changed = self._waits.update_open(now) if self._waits.log is not None else set()
        no_colours = np.zeros(max(len(model.waits.names), 1), dtype=np.int64)
        waits_changed |= self._waits.sync(model.waits, no_colours, now)
        self._waits.assign_lanes(lane_of, everything=relaned)
        if waits_changed or relaned:
            rects = self._waits.rects(np.ones(self._waits.n, dtype=bool), WAIT_HEIGHT)
            self._wait_item.setOpts(**rects)
            self._wait_bg.setOpts(**rects)

        self._update_lifetimes(now)
        self._update_prints(model, lane_of, relaned)
        self.arrows.update(model.flows(), lane_of, self._highlight_pid)
        self.signal_marks.update(model.signals, lane_of)
        self.chunks.update(model.chunk_groups(), lane_of)
        self.zombies.update(model.zombie_spans(now), lane_of)
        self.cpu.update(model.threads, lane_of, relaned)
        self._update_pauses(model, now)
        self._update_held(model, lane_of, now)
        self._update_axis()
        self._update_exit_labels(now)
        self._now_line.setValue(now)
        self._now_line.setVisible(model.finished_at is None)
        self.lane_window.update(len(self._lanes))
        if self._highlight_pid is not None:
            self.highlight(self._highlight_pid)
        if self.follow:
            self._follow_now(now)

    # ---- drawing helpers --------------------------------------------------------------

    def _update_held(self, model: RunModel, lane_of: dict[int, int], now: float) -> None:
        """Held stretches (step mode) in their own pattern: waiting for a step is not
        running. Few (one per step), so redrawn whole."""
        held = [h for h in model.held_spans if h.pid in lane_of]
        if not held and not len(self._held_item.opts["x0"]):
            return
        x0 = np.array([h.start for h in held], dtype=float)
        x1 = np.array([h.end if h.end is not None else now for h in held], dtype=float)
        y = np.array([lane_of[h.pid] for h in held], dtype=float)
        self._held_item.setOpts(x0=x0, width=np.maximum(x1 - x0, 0), y=y, height=HELD_HEIGHT)

    def _update_pauses(self, model: RunModel, now: float) -> None:
        """A band across every lane for each time the run was paused (it froze, the clock
        did not)."""
        while len(self._pause_bands) < len(model.pauses):
            grey = QColor(128, 128, 128, 70)
            band = pg.LinearRegionItem(orientation="vertical", movable=False, brush=grey,
                                       pen=pg.mkPen(None))  # fmt: skip
            band.setZValue(-5)
            self.addItem(band)
            self._pause_bands.append(band)
        for band, (began, ended) in zip(self._pause_bands, model.pauses, strict=False):
            band.setRegion((began, ended if ended is not None else now))

    def _slot_of(self, name: str) -> int:
        index = self._task_colour.setdefault(name, len(self._task_colour))
        return index % len(palette.TASK_COLOURS)

    def _task_bars(self, slot: int) -> pg.BarGraphItem:
        if slot not in self._task_items:
            colour = palette.task_colour(slot)
            item = pg.BarGraphItem(x0=[], y0=[], width=[], height=[], brush=colour,
                                   pen=pg.mkPen(colour.darker(140)))  # fmt: skip
            item.setZValue(3)
            self.addItem(item)
            self._task_items[slot] = item
        return self._task_items[slot]

    def _outline(self, slot: int, count: int) -> dict:
        """Bars get a darker outline while they are few enough to tell apart; thousands of
        outlines cost more to paint than the bars (DESIGN.md section 5) and show nothing."""
        wanted = count <= OUTLINE_LIMIT
        if self._outlined.get(slot) == wanted:
            return {}
        self._outlined[slot] = wanted
        colour = palette.task_colour(slot).darker(140)
        return {"pen": pg.mkPen(colour) if wanted else pg.mkPen(None)}

    def _update_lifetimes(self, now: float) -> None:
        """The thin bar of each process's life, one item per lane colour (few processes)."""
        groups: dict[str, list[tuple[float, float, int]]] = {}
        for i, lane in enumerate(self._lanes):
            colour = self.colours.of(lane.proc.pid, lane.proc.helper).name()
            end = lane.end if lane.end is not None else now
            groups.setdefault(colour, []).append((lane.start, end, i))
        for colour, bars in groups.items():
            if colour not in self._life_items:
                item = pg.BarGraphItem(x0=[], y0=[], width=[], height=[], brush=QColor(colour),
                                       pen=pg.mkPen(None))  # fmt: skip
                self.addItem(item)
                self._life_items[colour] = item
            start, end, lane = (np.array(column, dtype=float) for column in zip(*bars, strict=True))
            self._life_items[colour].setOpts(
                x0=start, width=np.maximum(end - start, 0), y0=lane - LIFE_HEIGHT / 2,
                height=np.full(len(start), LIFE_HEIGHT),
            )  # fmt: skip
            self._life_items[colour].show()
        for colour, item in self._life_items.items():
            if colour not in groups:
                item.hide()

    def _update_prints(self, model: RunModel, lane_of: dict[int, int], relaned: bool) -> None:
        count = len(model.prints)
        first = max(self._prints_seen, count - MAX_PRINT_TICKS)
        if first == count and not relaned:
            return
        self._prints_seen = count
        if first < count:
            times = np.frombuffer(model.prints.times(), dtype=np.float64)[first:count]
            pids = np.frombuffer(model.prints.pids(), dtype=np.int64)[first:count]
            self._print_x = np.concatenate([self._print_x, times])[-MAX_PRINT_TICKS:]
            self._print_pid = np.concatenate([self._print_pid, pids])[-MAX_PRINT_TICKS:]
        lanes = lanes_for(self._print_pid, lane_of)
        keep = lanes >= 0
        x, lane = self._print_x[keep], lanes[keep].astype(float)
        self._prints.setData(
            x=np.repeat(x, 2), y=np.column_stack([lane + 0.36, lane + 0.48]).ravel()
        )

    def _update_axis(self) -> None:
        ticks = []
        for i, lane in enumerate(self._lanes):
            proc, depth = lane.proc, lane.depth
            indent = "\u2003" * (depth - 1) + "\u2514 " if depth else ""
            if lane.thread is not None:  # a thread: its tid and name, in a process's colour
                ticks.append((i, f"{indent}{lane.thread.tid} {tr('thread')} {lane.thread.name}"))
                continue
            role = " (manager)" if proc.role == "manager" else ""
            ticks.append((i, f"{indent}{proc.pid} {process_label(proc)}{role}"))
        axis = self.getAxis("left")
        axis.setTicks([ticks, []])
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        widest = max((metrics.horizontalAdvance(text) for _i, text in ticks), default=60)
        axis.setWidth(widest + 24)

    def _update_exit_labels(self, now: float) -> None:
        ended = [(i, lane.proc) for i, lane in enumerate(self._lanes)
                 if lane.thread is None and lane.proc.end is not None]  # fmt: skip
        while len(self._exit_labels) < len(ended):
            label = pg.TextItem(anchor=(0, 0.5))
            label.setZValue(7)
            self.addItem(label)
            self._exit_labels.append(label)
        for label, (i, proc) in zip(self._exit_labels, ended, strict=False):
            code = proc.exitcode
            text = "exit ?" if code is None else f"exit {code}"
            theme = themes.current()
            colour = theme.ok if code == 0 else theme.error
            if code is None:
                colour = theme.muted
            label.setText(text, color=colour)
            label.setPos(proc.end, i)
            label.show()
        for label in self._exit_labels[len(ended) :]:
            label.hide()

    def _follow_now(self, now: float) -> None:
        right = max(now, 1.0)
        self._vb.setXRange(0, right * (1 + FOLLOW_MARGIN) + 0.5, padding=0)

    def _label_text(self, span: Span, kind: str) -> str:
        if kind == "wait":
            return span.name
        call = f"{span.name}({span.detail})"
        return call if len(call) <= 24 else f"{span.name}(\u2026)"

    def _new_label(self) -> pg.TextItem:
        label = pg.TextItem(color="#111111", anchor=(0.5, 0.5))
        label.setZValue(6)
        if self._label_font is not None:
            label.setFont(self._label_font)
        self.addItem(label)
        return label

    def _place_labels(self) -> None:
        """Label the bars in view that are wide enough, tasks first, up to MAX_LABELS."""
        (x_min, x_max), _ = self._vb.viewRange()
        pixel = self._vb.viewPixelSize()[0] or 1.0
        min_width = pixel * (LABEL_CHAR_PX * 3 + 6)
        used = 0
        for kind, columns in (("task", self._tasks), ("wait", self._waits)):
            for i in columns.in_view(x_min, x_max, min_width)[: MAX_LABELS * 2]:
                if used >= MAX_LABELS:
                    break
                span, lane = columns.log[i], int(columns.lane[i])
                start, end = max(columns.start[i], x_min), min(columns.end[i], x_max)
                text = self._label_text(span, kind)
                if not text or (end - start) / pixel < LABEL_CHAR_PX * len(text) + 6:
                    continue
                if kind == "wait" and self._tasks.at(lane, float(columns.start[i])):
                    continue  # a wait inside a task: the task's label says enough
                if used == len(self._labels):
                    self._labels.append(self._new_label())
                label = self._labels[used]
                fill = (palette.task_colour(self._slot_of(span.name)) if kind == "task"
                        else self._wait_fill)  # fmt: skip
                colour = themes.on_colour(fill)
                if label.toPlainText() != text or label.color != colour:
                    label.setText(text, color=colour)
                label.setPos((start + end) / 2, lane)
                if not label.isVisible():
                    label.show()
                used += 1
        for label in self._labels[used:]:
            if label.isVisible():
                label.hide()

    # ---- interaction ------------------------------------------------------------------

    def _on_x_range_changed(self, *_args) -> None:
        if not self._refreshing:  # refresh() places the labels once at its end
            self._place_labels()

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
        proc, thread = self._lanes[lane].proc, self._lanes[lane].thread
        point = self._vb.mapSceneToView(scene_pos)
        x_px, y_px = (abs(v) for v in self._vb.viewPixelSize())
        flow = self.arrows.hit(point.x(), point.y(), x_px, y_px)
        if flow is not None:
            view_pos = self.mapFromScene(scene_pos)
            QToolTip.showText(self.mapToGlobal(view_pos), "\n".join(describe(flow)), self)
            return
        hit = None
        for kind, columns in (("wait", self._waits), ("task", self._tasks)):
            found = columns.at(lane, x)
            if found:
                hit = kind, columns.log[found[-1]], float(columns.end[found[-1]])
                break
        if hit is not None:
            kind, span, end = hit
            lines = [
                f"{kind}: {span.name}",
                f"{'args' if kind == 'task' else 'on'}: {span.detail}",
                f"start {span.start:.3f} s, duration {end - span.start:.3f} s",
                *self._paused_line(span.start, end),
                f"pid {proc.pid} ({proc.name})",
                *([f"thread {thread.tid} ({thread.name})"] if thread else []),
            ]
            if span.outcome:
                lines.append(f"ended with: {span.outcome}")
        elif thread is not None:
            state = "running" if thread.end is None else f"ended at {thread.end:.3f} s"
            lines = [f"thread {thread.tid} {thread.name}",
                     f"of pid {proc.pid} {proc.name}, {state}"]  # fmt: skip
        else:
            state = "running" if proc.alive else f"exited ({proc.exitcode})"
            lines = [f"pid {proc.pid} {proc.name}", f"parent {proc.ppid}, {proc.role}, {state}"]
        view_pos = self.mapFromScene(scene_pos)
        QToolTip.showText(self.mapToGlobal(view_pos), "\n".join(lines), self)

    def _paused_line(self, start: float, end: float) -> list[str]:
        paused = self.model.paused_between(start, end, self._now) if self.model else 0.0
        return [f"of which paused {paused:.3f} s"] if paused > 0 else []

    def _on_mouse_clicked(self, event) -> None:
        where = self._at(event.scenePos())
        if where is not None:
            pid = self._lanes[where[0]].proc.pid
            self.highlight(pid)
            self.sig_lane_clicked.emit(pid)
            if event.button() == Qt.MouseButton.RightButton:
                self.sig_lane_menu.emit(pid, event.screenPos().toPoint())

    _now = 0.0
    _label_font: QFont | None = None
    _refreshing = False
