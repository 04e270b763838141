"""The process table: pid, parent, name, state, CPU %, memory and exit code per process.

CPU, memory and state come from psutil, sampled a few times a second (SAMPLE_PERIOD_MS)
for live processes only; the rest comes from the run model.
"""

from __future__ import annotations

import psutil
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from gui import palette, themes
from gui.i18n import process_label, tr
from workers.model import ProcessInfo, RunModel

SAMPLE_PERIOD_MS = 333
ADOPTED_TIP = (
    "Its parent exited first, so it was adopted. procscope adopts the orphans of a run "
    "(as init or a subreaper would) so that it can wait for them and stop them."
)
COLUMNS = ("pid", "parent", "name", "role", "state", "CPU %", "memory", "exit code")


def _state(proc: ProcessInfo, status: str | None) -> str:
    if not proc.alive:
        return tr("exited")
    if proc.held and proc.line:  # step mode: waiting for the class, not sleeping
        return tr("held at line {0}").format(proc.line[1])
    if status in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD):
        return tr("zombie")
    if status == psutil.STATUS_RUNNING:
        return tr("running")
    if status in (psutil.STATUS_STOPPED, psutil.STATUS_TRACING_STOP):
        return tr("paused (SIGSTOP)")
    return tr("sleeping") if status else tr("starting")


class ProcessTable(QTableWidget):
    sig_process_selected = Signal(int)
    """A row was selected: the pid of its process."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.itemSelectionChanged.connect(self._on_selection_changed)
        self.model: RunModel | None = None
        self.colours = palette.ProcessColours()
        self._psutil: dict[int, psutil.Process] = {}
        self._facts: dict[int, tuple[str | None, float, int, int]] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(SAMPLE_PERIOD_MS)
        self._timer.timeout.connect(self._sample)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.model, self.colours = model, colours
        self._psutil.clear()
        self._facts.clear()
        self.setRowCount(0)
        self._timer.start()

    def stop_sampling(self) -> None:
        self._timer.stop()

    def select_pid(self, pid: int) -> None:
        for row in range(self.rowCount()):
            if self.item(row, 0).text() == str(pid):
                self.selectRow(row)
                return

    def refresh(self) -> None:
        if self.model is None:
            return
        procs = self.model.tree_order()
        if self.rowCount() != len(procs):
            self.setRowCount(len(procs))
        for row, proc in enumerate(procs):
            status, cpu, rss, ppid_now = self._facts.get(proc.pid, (None, 0.0, 0, proc.ppid))
            live = proc.alive
            parent = str(proc.ppid)
            if live and ppid_now != proc.ppid:  # orphaned, then adopted
                parent = f"{proc.ppid} \u2192 {ppid_now}"
            values = (
                str(proc.pid), parent, process_label(proc), tr(proc.role), _state(proc, status),
                f"{cpu:.0f}" if live else "", f"{rss / 2**20:.1f} MB" if live and rss else "",
                "" if proc.exitcode is None else str(proc.exitcode),
            )  # fmt: skip
            for column, text in enumerate(values):
                item = self.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(row, column, item)
                if item.text() != text:
                    item.setText(text)
            colour = self.colours.text_of(proc.pid, proc.helper)
            self.item(row, 0).setForeground(QBrush(colour))
            self.item(row, 2).setForeground(QBrush(colour))
            bad = proc.exitcode not in (None, 0)
            theme = themes.current()
            exit_colour = QColor(theme.error if bad else theme.foreground)
            self.item(row, 7).setForeground(QBrush(exit_colour))
            self.item(row, 0).setData(Qt.ItemDataRole.UserRole, proc.pid)
            if "\u2192" in parent:
                self.item(row, 1).setToolTip(ADOPTED_TIP)

    def _sample(self) -> None:
        if self.model is None or not self.isVisible():
            return
        for proc in self.model.processes.values():
            if not proc.alive:
                self._psutil.pop(proc.pid, None)
                continue
            try:
                handle = self._psutil.get(proc.pid)
                if handle is None:
                    handle = self._psutil[proc.pid] = psutil.Process(proc.pid)
                with handle.oneshot():
                    facts = (handle.status(), handle.cpu_percent(None),
                             handle.memory_info().rss, handle.ppid())  # fmt: skip
                self._facts[proc.pid] = facts
            except psutil.Error:
                self._psutil.pop(proc.pid, None)
        self.refresh()

    def _on_selection_changed(self) -> None:
        rows = self.selectionModel().selectedRows()
        if rows:
            pid = self.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
            if pid is not None:
                self.sig_process_selected.emit(int(pid))
