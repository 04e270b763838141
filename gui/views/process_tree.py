"""The Processes tab: the run's process tree, as htop's tree view shows it, a parent above
its children, with pid, name, role, state, CPU, memory and exit code.

An orphan (its parent exited first) is adopted: it moves to the top of the tree, marked
with who adopted it and when. Everything comes from the run model: CPU, memory and state as
psutil saw them a few times a second (the run samples them, so a replay shows them as they
were). The item model has named roles (roleNames), for tests and QML alike.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QByteArray, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from gui import palette, themes
from gui.i18n import process_label, tr
from workers.model import ProcessInfo, RunModel

COLUMNS = ("pid", "parent", "name", "role", "state", "CPU %", "memory", "exit code")
PID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
ADOPTED_ROLE = Qt.ItemDataRole.UserRole + 3  # (adopter pid, when) or None
ADOPTED_TIP = (  # tr() below; the same text is in the .ts
    "Its parent exited first, so it was adopted. procscope adopts the orphans of a run "
    "(as init or a subreaper would) so that it can wait for them and stop them."
)


def state_of(proc: ProcessInfo, status: str | None) -> str:
    if proc.zombie_since is not None and proc.exit_seen_by not in ("parent", "procscope"):
        return tr("zombie")  # it exited, and nobody has waited for it yet
    if not proc.alive:
        return tr("exited")
    if proc.held and proc.line:  # step mode: waiting for the class, not sleeping
        return tr("held at line {0}").format(proc.line[1])
    # psutil's STATUS_* constants are these strings (not imported: 12 ms of the window's start)
    if status in ("zombie", "dead"):
        return tr("zombie")
    if status == "running":
        return tr("running")
    if status in ("stopped", "tracing-stop"):
        return tr("paused (SIGSTOP)")
    return tr("sleeping") if status else tr("starting")


class ProcessTreeModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.run: RunModel | None = None
        self.colours = palette.ProcessColours()
        self._parent_of: dict[int, int] = {}  # pid -> its parent in the tree (0: top)
        self._children: dict[int, list[int]] = {0: []}
        self._structure: tuple = ()
        self._shown: tuple = ()  # what the rows showed at the last update

    def reset(self, run: RunModel, colours: palette.ProcessColours) -> None:
        """A new run: nothing known of it yet."""
        self.beginResetModel()
        self.run, self.colours = run, colours
        self._structure, self._parent_of, self._children = (), {}, {0: []}
        self._shown: tuple = ()
        self.endResetModel()

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802 (Qt's name)
        names = dict(super().roleNames())
        names.update({PID_ROLE: QByteArray(b"pid"), STATE_ROLE: QByteArray(b"state"),
                      ADOPTED_ROLE: QByteArray(b"adopted")})  # fmt: skip
        return names

    # ---- structure ----------------------------------------------------------------------

    def update(self) -> None:
        """Take in the run model and the latest facts: a new shape resets the tree, new
        values only repaint it."""
        if self.run is None:
            return
        parent_of = {}
        for proc in self.run.tree_order():
            adopted = proc.adopted is not None
            parent_of[proc.pid] = 0 if adopted or proc.ppid not in self.run.processes else proc.ppid
        structure = tuple(parent_of.items())
        shown = tuple((p.alive, p.exitcode, p.facts, p.adopted, p.held, p.line if p.held else None,
                       p.zombie_since, p.exit_seen_by, p.name, p.role)
                      for p in self.run.processes.values())  # fmt: skip
        if structure == self._structure and shown == self._shown:
            return  # nothing the table shows changed (a flood of prints changes nothing here)
        self._shown = shown
        if structure != self._structure:
            self.beginResetModel()
            self._structure, self._parent_of = structure, parent_of
            self._children = {0: []}
            for pid, parent in parent_of.items():
                self._children.setdefault(parent, []).append(pid)
                self._children.setdefault(pid, [])
            self.endResetModel()
        elif parent_of:
            self._changed(QModelIndex())

    def _changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(self.index(0, 0, parent),
                                  self.index(rows - 1, len(COLUMNS) - 1, parent))  # fmt: skip
            for row in range(rows):
                self._changed(self.index(row, 0, parent))

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008
        under = parent.internalId() if parent.isValid() else 0
        children = self._children.get(under, [])
        if 0 <= row < len(children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        above = self._parent_of.get(index.internalId(), 0)
        if above == 0:
            return QModelIndex()
        grand = self._parent_of.get(above, 0)
        return self.createIndex(self._children[grand].index(above), 0, above)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else 0, []))

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    # ---- cells --------------------------------------------------------------------------

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.run is None:
            return None
        pid = index.internalId()
        proc = self.run.processes.get(pid)
        if proc is None:
            return None
        status, cpu, rss = proc.facts
        if role == PID_ROLE:
            return pid
        if role == STATE_ROLE:
            return state_of(proc, status)
        if role == ADOPTED_ROLE:
            return proc.adopted
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(proc, column, status, cpu, rss)
        if role == Qt.ItemDataRole.ForegroundRole:
            theme = themes.current()
            if column in (0, 2):
                return QBrush(self.colours.text_of(pid, proc.helper))
            if column == 7:
                bad = proc.exitcode not in (None, 0)
                return QBrush(QColor(theme.error if bad else theme.foreground))
        if role == Qt.ItemDataRole.ToolTipRole and column == 1 and proc.adopted is not None:
            return tr(ADOPTED_TIP)
        return None

    def _text(self, proc: ProcessInfo, column: int, status, cpu: float, rss: int) -> str:
        live = proc.alive
        if column == 0:
            return str(proc.pid)
        if column == 1:
            if proc.adopted is not None:
                adopter, when = proc.adopted
                return tr("{0} \u2192 {1} at {2} s").format(proc.ppid, adopter, f"{when:.2f}")
            return str(proc.ppid)
        texts = (process_label(proc), tr(proc.role), state_of(proc, status),
                 f"{cpu:.0f}" if live else "", f"{rss / 2**20:.1f} MB" if live and rss else "",
                 "" if proc.exitcode is None else str(proc.exitcode))  # fmt: skip
        return texts[column - 2]


class ProcessTree(QTreeView):
    sig_process_selected = Signal(int)
    """A row was selected: the pid of its process."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tree = ProcessTreeModel(self)
        self.setModel(self.tree)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)
        self.tree.modelReset.connect(self.expandAll)
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def retranslate(self) -> None:
        self.tree.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.tree.reset(model, colours)

    def refresh(self) -> None:
        self.tree.update()

    def select_pid(self, pid: int) -> None:
        match = self._find(pid, QModelIndex())
        if match is not None:
            self.setCurrentIndex(match)

    def _find(self, pid: int, parent: QModelIndex) -> QModelIndex | None:
        for row in range(self.tree.rowCount(parent)):
            index = self.tree.index(row, 0, parent)
            if index.internalId() == pid:
                return index
            found = self._find(pid, index)
            if found is not None:
                return found
        return None

    def rows(self) -> list[tuple[int, int]]:
        """(pid, depth) of every row, top to bottom (what the tab shows)."""
        out: list[tuple[int, int]] = []

        def walk(parent: QModelIndex, depth: int) -> None:
            for row in range(self.tree.rowCount(parent)):
                index = self.tree.index(row, 0, parent)
                out.append((index.internalId(), depth))
                walk(index, depth + 1)

        walk(QModelIndex(), 0)
        return out

    def _on_selection_changed(self, *_args) -> None:
        rows = self.selectionModel().selectedRows()
        if rows:
            self.sig_process_selected.emit(int(rows[0].internalId()))
