"""Watched values: the program's module-level variables, one column per process, so
"each process has its own copy" shows without reading the console."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from gui import palette
from gui.i18n import process_label
from workers.model import RunModel


class ValuesTable(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(0, 0, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.model: RunModel | None = None
        self.colours = palette.ProcessColours()
        self._shown: tuple = ()

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.model, self.colours = model, colours
        self._shown = ()
        self.setRowCount(0)
        self.setColumnCount(0)

    def value(self, name: str, pid: int) -> str | None:
        """What the table shows for NAME in process PID (None if nothing)."""
        procs = [int(self.horizontalHeaderItem(c).data(256)) for c in range(self.columnCount())]
        names = [self.verticalHeaderItem(r).text() for r in range(self.rowCount())]
        if name not in names or pid not in procs:
            return None
        item = self.item(names.index(name), procs.index(pid))
        return item.text() if item is not None else None

    def refresh(self) -> None:
        if self.model is None:
            return
        procs = [p for p in self.model.tree_order() if p.values]
        names: list[str] = []
        for proc in procs:
            names.extend(n for n in proc.values if n not in names)
        shown = tuple((p.pid, tuple(p.values.items())) for p in procs)
        if shown == self._shown:
            return
        self._shown = shown
        self.setColumnCount(len(procs))
        self.setRowCount(len(names))
        for column, proc in enumerate(procs):
            header = QTableWidgetItem(f"{proc.pid} {process_label(proc)}")
            header.setData(256, proc.pid)
            header.setForeground(QBrush(self.colours.text_of(proc.pid, proc.helper)))
            self.setHorizontalHeaderItem(column, header)
        for row, name in enumerate(names):
            label = QTableWidgetItem(name)
            font = QFont()
            font.setBold(True)
            label.setFont(font)
            self.setVerticalHeaderItem(row, label)
            for column, proc in enumerate(procs):
                self.setItem(row, column, QTableWidgetItem(proc.values.get(name, "")))
