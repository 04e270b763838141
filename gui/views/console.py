"""The console: every printed line, its pid coloured by process, stderr in red, filterable.

A list view over the model's lines, so painting costs only the rows on screen however much
the program prints; the newest MAX_LINES stay scrollable (the model keeps the rest).
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import palette, themes
from gui.i18n import process_label, tr
from workers.model import RunModel
from workers.prints import Printed, PrintLog

MAX_LINES = 20_000
ALL = -1


PAINTED_CHARS = 4000  # characters of a line painted (the whole line is in the model)
TOOLTIP_CHARS = 2000  # of a line shown, wrapped, when the pointer rests on it
MAX_WRAPPED_ROWS = 12  # a longer line shows its start (the tooltip has the rest)


class _Lines(QAbstractListModel):
    """The console's rows: the shown slice of the run's printed lines, as their indices in
    the model's PrintLog. A line becomes text only when it is painted: a flood adds
    thousands of rows a tick, and only a screenful is ever drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.log: PrintLog | None = None
        self.rows: list[int] = []

    def line(self, row: int) -> Printed:
        return self.log[self.rows[row]]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            line = self.line(index.row())
            return f"{line.pid}\t{line.text}"
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():  # a long line, in full
            line = self.line(index.row())
            return "\n".join(textwrap.wrap(line.text[:TOOLTIP_CHARS], 100)) or None
        return None

    def replace(self, log: PrintLog | None, rows: list[int]) -> None:
        self.beginResetModel()
        self.log, self.rows = log, list(rows[-MAX_LINES:])
        self.endResetModel()

    def extend(self, rows: list[int]) -> None:
        if not rows:
            return
        rows = rows[-MAX_LINES:]
        overflow = len(self.rows) + len(rows) - MAX_LINES
        if overflow > 0:  # the oldest lines leave the scrollback
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self.rows[:overflow]
            self.endRemoveRows()
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()


class _LineDelegate(QStyledItemDelegate):
    def __init__(self, console: ConsoleView) -> None:
        super().__init__(console)
        self.console = console

    def paint(self, painter, option, index) -> None:
        line = self.console.lines_model.line(index.row())
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        metrics = option.fontMetrics
        # as wide as the run's widest pid, not a fixed 8 digits: the text gets the rest
        pid_width = metrics.horizontalAdvance("9" * self.console.pid_digits())
        rect = option.rect.adjusted(4, 0, -4, 0)
        painter.save()
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.console.colour_of(line.pid))
        align = Qt.AlignmentFlag.AlignTop  # a wrapped line's pid stands by its first row
        rect = rect.adjusted(0, 1, 0, 0)
        painter.drawText(QRect(rect.left(), rect.top(), pid_width, rect.height()),
                         align | Qt.AlignmentFlag.AlignRight, str(line.pid))  # fmt: skip
        font.setBold(False)
        painter.setFont(font)
        normal = option.palette.color(QPalette.ColorRole.Text)
        painter.setPen(QColor(themes.current().error) if line.stream == "err" else normal)
        text_rect = rect.adjusted(pid_width + metrics.horizontalAdvance("9"), 0, 0, 0)
        # no screen shows more of a line; shaping a million characters would stall the paint
        wrap = Qt.TextFlag.TextWrapAnywhere
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignLeft | wrap,
                         line.text[:PAINTED_CHARS])  # fmt: skip
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(200, option.fontMetrics.height() + 2)


class ConsoleView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lines_model = _Lines()
        # A table of one column: fixed row heights keep scrolling and appends O(1), where a
        # list view lays out every row again.
        self.view = QTableView(self)
        self.view.setModel(self.lines_model)
        self.view.setItemDelegate(_LineDelegate(self))
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 2)
        self.filter = QComboBox(self)
        # as wide as its longest entry ("4242 ForkPoolWorker-12"), never a cut-off name
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter.addItem("all processes", ALL)
        self.filter.currentIndexChanged.connect(self._rebuild)
        bar = QHBoxLayout()
        self.show_label = QLabel("Show:", self)
        bar.addWidget(self.show_label)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.model: RunModel | None = None
        self.colours = palette.ProcessColours()
        self._shown = 0  # how many of model.prints have been considered
        self._known: set[int] = set()
        # A line wider than the console wraps: its row grows (only such rows: the others
        # keep the fixed height that keeps appends cheap). Widths change: measured again.
        self._rewrap = QTimer(self)
        self._rewrap.setSingleShot(True)
        self._rewrap.setInterval(120)
        self._rewrap.timeout.connect(lambda: self._wrap_rows(0, again=True))
        self.view.viewport().installEventFilter(self)
        self.lines_model.rowsInserted.connect(lambda _p, first, _last: self._wrap_rows(first))
        self.lines_model.modelReset.connect(lambda: self._wrap_rows(0, again=True))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._rewrap.start()
        return False

    def _wrap_rows(self, first: int, again: bool = False) -> None:
        """Give rows from FIRST on the height their wrapped text needs. New rows have the
        fixed height already: only long ones are measured (a flood stays cheap). AGAIN
        (the width changed): every row, grown ones may shrink."""
        rows, log = self.lines_model.rows, self.lines_model.log
        metrics = self.view.fontMetrics()
        char = max(metrics.horizontalAdvance("x"), 1)
        header = self.view.verticalHeader()
        base = header.defaultSectionSize()
        room = self.view.viewport().width() - 8 - char * (self.pid_digits() + 1)
        if room < char * 8:
            return
        short = room // char // 2  # characters that surely fit (a wide one takes two)
        for row in range(first, len(rows)):
            if log.size(rows[row]) <= short and not again:
                continue  # (its bytes are at least as many as its characters)
            text = log[rows[row]].text
            wanted = base
            if len(text) > short:
                width = metrics.horizontalAdvance(text[:PAINTED_CHARS])
                wanted = base * min(MAX_WRAPPED_ROWS, max(1, -(-width // room)))
            if header.sectionSize(row) != wanted:
                self.view.setRowHeight(row, wanted)

    def retranslate(self) -> None:
        self.show_label.setText(tr("Show:"))
        self.filter.setItemText(0, tr("all processes"))

    def set_font_scale(self, scale: float) -> None:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * scale)
        self.view.setFont(font)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 2)
        self._rewrap.start()

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.model, self.colours = model, colours
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(tr("all processes"), ALL)
        self.filter.blockSignals(False)
        self._known.clear()
        self._rebuild()

    def pid_digits(self) -> int:
        """Digits of the run's widest pid (at least 4)."""
        widest = max(self.model.processes, default=0) if self.model is not None else 0
        return max(4, len(str(widest)))

    def colour_of(self, pid: int) -> QColor:
        proc = self.model.processes.get(pid) if self.model else None
        return self.colours.text_of(pid, proc.helper if proc else False)

    def refresh(self) -> None:
        if self.model is None:
            return
        for pid, proc in self.model.processes.items():
            if pid not in self._known:
                self._known.add(pid)
                self.filter.addItem(f"{pid} {process_label(proc)}", pid)
        prints = self.model.prints
        self.lines_model.log = prints
        new = range(max(self._shown, len(prints) - MAX_LINES), len(prints))
        self._shown = len(prints)
        wanted = self.filter.currentData()
        if wanted not in (ALL, None):
            pids = prints.pids()
            new = [i for i in new if pids[i] == wanted]
        if new:
            bar = self.view.verticalScrollBar()
            at_bottom = bar.value() >= bar.maximum() - 2
            self.lines_model.extend(new)
            if at_bottom:
                self.view.scrollToBottom()

    def settle(self) -> None:
        """The run is over: show every line in the order it was printed."""
        if self.model is not None:
            self._shown = len(self.model.prints)
            wanted = self.filter.currentData()
            pids = self.model.prints.pids()
            if wanted in (ALL, None):
                rows = self.model.print_order(last=MAX_LINES)
            else:
                rows = [i for i in self.model.print_order() if pids[i] == wanted]
            self.lines_model.replace(self.model.prints, rows)
            self.view.scrollToBottom()

    def lines(self) -> list[str]:
        return [self.lines_model.line(row).text for row in range(len(self.lines_model.rows))]

    def _rebuild(self) -> None:
        self._shown = 0
        self.lines_model.replace(self.model.prints if self.model else None, [])
        if self.model is not None and self.model.finished_at is not None:
            self.settle()
        else:
            self.refresh()
