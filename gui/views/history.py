"""Run history of one panel: each finished run's parameters and makespan, side by side."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from gui.i18n import tr
from workers.session import RunRecord

COLUMNS = ("run", "parameters", "start method", "makespan (s)", "processes", "tasks", "exit")


class HistoryTable(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.records: list[RunRecord] = []

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])

    def add(self, record: RunRecord) -> None:
        self.records.append(record)
        row = self.rowCount()
        self.insertRow(row)
        exit_text = "stopped" if record.exitcode is None else str(record.exitcode)
        makespan = f"{record.makespan:.2f}"
        if record.paused >= 0.05:
            makespan += " " + tr("(paused {0} s)").format(f"{record.paused:.1f}")
        values = (
            str(record.number), record.parameters, record.start_method, makespan,
            str(record.processes), str(record.tasks), exit_text,
        )  # fmt: skip
        for column, text in enumerate(values):
            self.setItem(row, column, QTableWidgetItem(text))
        self.scrollToBottom()
