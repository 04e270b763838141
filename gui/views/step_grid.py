"""The step view: in step mode, a column per step and a row per process, each cell the line
that process ran, so the class sees the interleaving it chose. It is exported as text (for
the notes) or PNG, and "Replay on next run" makes the next stepped run repeat the same
choices (workers/steps.py names processes by their place in the tree, not by pid)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import palette
from gui.i18n import process_label, tr
from workers.model import RunModel
from workers.steps import StepLog

CELL_WIDTH = 44  # pixels: a line number per cell, so a lecture's worth of steps fits


class StepGrid(QWidget):
    sig_status = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 0, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.detail = QLabel(self)  # the last (or clicked) step, with its code
        self.detail.setObjectName("stepDetail")
        self.table.currentCellChanged.connect(lambda row, column, *_: self._show_step(column))
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_text)
        self.text_button = QPushButton(self)
        self.text_button.clicked.connect(lambda: self._save("txt"))
        self.png_button = QPushButton(self)
        self.png_button.clicked.connect(lambda: self._save("png"))
        self.replay = QCheckBox(self)
        buttons = QHBoxLayout()
        for widget in (self.copy_button, self.text_button, self.png_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.replay)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.model: RunModel | None = None
        self.steps = StepLog()
        self.colours = palette.ProcessColours()
        self.source: list[str] = []
        self.title = ""
        self._shown = -1
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.hint.setText(tr(
            "In step mode, each Step adds a column: the line the chosen process ran. "
            "Replay on next run repeats these choices."
        ))  # fmt: skip
        self.copy_button.setText(tr("Copy as text"))
        self.text_button.setText(tr("Save text…"))
        self.png_button.setText(tr("Save PNG…"))
        self.replay.setText(tr("Replay on next run"))
        self._shown = -1

    def set_run(self, model: RunModel, steps: StepLog, colours, source: list[str], title: str):
        self.model, self.steps, self.colours = model, steps, colours
        self.source, self.title = source, title
        self._shown = -1
        self.refresh()

    def sequence(self) -> list[str]:
        """The choices to replay on the next run (empty: none)."""
        return self.steps.sequence() if self.replay.isChecked() else []

    def text(self) -> str:
        if self.model is None:
            return ""
        return self.steps.as_text(self.model, self.source, self.title)

    def refresh(self) -> None:
        if self.model is None or len(self.steps) == self._shown:
            return
        self._shown = len(self.steps)
        rows = self.steps.rows(self.model)
        self.table.clearContents()  # a new process may sit between rows already drawn
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(self.steps))
        self.table.setHorizontalHeaderLabels([str(s.number) for s in self.steps.steps])
        for row, pid in enumerate(rows):
            proc = self.model.processes[pid]
            header = QTableWidgetItem(f"{pid} {process_label(proc)}")
            header.setForeground(QBrush(self.colours.text_of(pid, proc.helper)))
            self.table.setVerticalHeaderItem(row, header)
        index = {pid: row for row, pid in enumerate(rows)}
        for step in self.steps.steps:
            item = QTableWidgetItem(str(step.line))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(self._describe(step.number - 1))
            tint = QColor(self.colours.of(step.pid))
            tint.setAlpha(90)
            item.setBackground(QBrush(tint))
            self.table.setItem(index[step.pid], step.number - 1, item)
        for column in range(len(self.steps)):
            self.table.setColumnWidth(column, CELL_WIDTH)
        if self.steps.steps:
            last = self.steps.steps[-1]
            self.table.scrollToItem(self.table.item(index[last.pid], last.number - 1))
            self._show_step(last.number - 1)
        self._update_buttons()

    def _describe(self, column: int) -> str:
        step = self.steps.steps[column]
        said = tr("step {0}: process {1} ran line {2}").format(step.number, step.pid, step.line)
        return f"{said}:  {self._code(step.line)}"

    def _show_step(self, column: int) -> None:
        if 0 <= column < len(self.steps):
            self.detail.setText(self._describe(column))

    def _code(self, line: int) -> str:
        return self.source[line - 1].strip() if 0 < line <= len(self.source) else ""

    def _update_buttons(self) -> None:
        has = bool(len(self.steps))
        for widget in (self.copy_button, self.text_button, self.png_button, self.replay):
            widget.setEnabled(has)

    def cell(self, row: int, column: int) -> str:
        """The line number in a cell ("" where that process did not run that step)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    # ---- export -------------------------------------------------------------------------

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.sig_status.emit(tr("The step grid is on the clipboard."))

    def _save(self, kind: str) -> None:
        name = f"{Path(self.title).stem or 'steps'}-steps.{kind}"
        filters = {"txt": "Text (*.txt)", "png": "PNG image (*.png)"}
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the step grid"), name, filters[kind])
        if path:
            self.save(path)

    def _whole_table(self):
        """The whole grid, not only the part scrolled into view."""
        table = self.table
        width = table.verticalHeader().width() + table.horizontalHeader().length() + 4
        height = table.horizontalHeader().height() + table.verticalHeader().length() + 4
        size = table.size()
        table.resize(max(width, 200), max(height, 60))
        try:
            return table.grab()
        finally:
            table.resize(size)

    def save(self, path: str | Path) -> None:
        """Write the grid to PATH: a PNG if it ends in .png, text otherwise."""
        path = Path(path)
        try:
            if path.suffix.lower() == ".png":
                if not self._whole_table().save(str(path)):
                    raise OSError("Qt could not write the image")
            else:
                path.write_text(self.text(), encoding="utf-8")
        except OSError as exc:
            self.sig_status.emit(tr("Could not save {0}: {1}").format(path, exc))
            return
        self.sig_status.emit(tr("Saved {0}").format(path))
