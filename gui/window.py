"""The main window: the concepts down the side, one panel per concept, menus and exports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
)

from gui.export import export_png, export_svg
from gui.panels.concept import ConceptPanel
from workers.demos import registry
from workers.trace import write_trace, write_transcript

YOUR_PROGRAM = "your-program"
GROUPS = ("fork", "Process", "Pool", "Queue")
STYLE = """
QLabel#panelTitle { font-size: 17pt; font-weight: 600; }
QPushButton#startButton { font-weight: 600; padding: 4px 14px; }
QTreeWidget { font-size: 11pt; }
"""


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("procscope")
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE)
        self.panels: dict[str, ConceptPanel] = {}
        self.concepts = QTreeWidget(self)
        self.concepts.setHeaderHidden(True)
        self.concepts.setMinimumWidth(250)
        self.stack = QStackedWidget(self)
        self._fill_concepts()
        self.concepts.currentItemChanged.connect(self._on_concept_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.concepts)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 1330])
        self.setCentralWidget(splitter)
        self._make_actions()
        self.resize(1600, 1000)
        self.show_concept(registry.all_demos()[0].id)

    # ---- concepts ---------------------------------------------------------------------

    def _fill_concepts(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for name in GROUPS:
            groups[name] = QTreeWidgetItem(self.concepts, [name])
            groups[name].setFlags(Qt.ItemFlag.ItemIsEnabled)
        for demo in registry.all_demos():
            item = QTreeWidgetItem(groups[demo.group], [demo.title])
            item.setData(0, Qt.ItemDataRole.UserRole, demo.id)
            item.setToolTip(0, demo.id)
            if not demo.available():
                item.setDisabled(True)
                item.setToolTip(0, "needs os.fork(), which this platform does not have")
        mine = QTreeWidgetItem(self.concepts, ["Your program"])
        mine.setData(0, Qt.ItemDataRole.UserRole, YOUR_PROGRAM)
        self.concepts.expandAll()

    def _item(self, key: str) -> QTreeWidgetItem | None:
        iterator = [self.concepts.topLevelItem(i) for i in range(self.concepts.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                return item
            iterator.extend(item.child(i) for i in range(item.childCount()))
        return None

    def panel(self, key: str) -> ConceptPanel:
        """The panel of a demo id (or YOUR_PROGRAM), made the first time it is asked for."""
        if key not in self.panels:
            panel = ConceptPanel(registry.find(key) if key != YOUR_PROGRAM else None, self)
            panel.sig_status.connect(lambda text: self.statusBar().showMessage(text))
            panel.sig_run_started.connect(self._update_actions)
            panel.sig_run_finished.connect(self._update_actions)
            self.panels[key] = panel
            self.stack.addWidget(panel)
        return self.panels[key]

    def show_concept(self, key: str) -> ConceptPanel:
        item = self._item(key)
        if item is not None and self.concepts.currentItem() is not item:
            self.concepts.setCurrentItem(item)  # calls back _on_concept_changed
        return self.panel(key)

    def current_panel(self) -> ConceptPanel | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, ConceptPanel) else None

    def _on_concept_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        key = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        if key is None:
            return
        old = self.current_panel()
        if old is not None and old.live:
            old.stop()  # a run belongs to the panel on screen
        panel = self.panel(key)
        self.stack.setCurrentWidget(panel)
        panel.refresh_views()
        self._update_actions()

    def open_program(self, path: str) -> bool:
        panel = self.show_concept(YOUR_PROGRAM)
        return panel.load_program(path)

    # ---- actions ----------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&Open program…", self._choose_program, QKeySequence.StandardKey.Open)
        file.addSeparator()
        self.export_actions = [
            self._action(file, "Export Gantt as &PNG…", lambda: self._export("png")),
            self._action(file, "Export Gantt as &SVG…", lambda: self._export("svg")),
            self._action(file, "Export &trace (Perfetto JSON)…", lambda: self._export("json")),
            self._action(file, "Export t&ranscript…", lambda: self._export("txt")),
        ]
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        run = bar.addMenu("&Run")
        self.start_action = self._action(run, "&Start", self._start, "Ctrl+R")
        self.stop_action = self._action(run, "S&top", self._stop, "Ctrl+.")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About procscope", self._about)
        self._update_actions()

    def _update_actions(self) -> None:
        panel = self.current_panel()
        live = panel is not None and panel.live
        self.start_action.setEnabled(panel is not None and panel.program is not None and not live)
        self.stop_action.setEnabled(live)
        finished = panel is not None and panel.run is not None and panel.run.finished
        for action in self.export_actions:
            action.setEnabled(finished)

    def _start(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.start()

    def _stop(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.stop()

    def _choose_program(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a Python program", "",
                                              "Python programs (*.py);;All files (*)")  # fmt: skip
        if path:
            self.open_program(path)

    def _export(self, kind: str) -> None:
        panel = self.current_panel()
        if panel is None or panel.run is None or not panel.run.finished:
            return
        filters = {"png": "PNG image (*.png)", "svg": "SVG image (*.svg)",
                   "json": "Trace (*.json)", "txt": "Transcript (*.txt)"}  # fmt: skip
        name = (panel.demo.id if panel.demo else Path(str(panel.program)).stem) + f".{kind}"
        path, _ = QFileDialog.getSaveFileName(self, "Export", name, filters[kind])
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str) -> None:
        """Write the current panel's finished run as KIND (png, svg, json or txt) to PATH."""
        panel = self.current_panel()
        if panel is None or panel.run is None:
            return
        try:
            if kind == "png":
                export_png(panel.gantt, path)
            elif kind == "svg":
                export_svg(panel.gantt, path)
            elif kind == "json":
                write_trace(panel.run.model, path, {"program": str(panel.program)})
            else:
                write_transcript(panel.run.model, path)
        except OSError as exc:
            self.statusBar().showMessage(f"could not write {path}: {exc.strerror}")
            return
        self.statusBar().showMessage(f"Wrote {path}")

    def _about(self) -> None:
        QMessageBox.about(self, "About procscope",
                          "procscope makes Python multiprocessing visible: real programs, real "
                          "processes, live.")  # fmt: skip

    # ---- window events ------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if urls and urls[0].toLocalFile().endswith(".py"):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls:
            self.open_program(urls[0].toLocalFile())
            event.acceptProposedAction()

    def closeEvent(self, event) -> None:  # noqa: N802
        for panel in self.panels.values():
            panel.stop()
            panel.processes.stop_sampling()
        super().closeEvent(event)
