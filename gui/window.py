"""The main window: the concepts down the side, one panel per concept, menus and exports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
)

from gui import i18n
from gui.i18n import tr
from gui.panels import layout
from gui.panels.concept import ConceptPanel
from gui.settings import ZOOM_STEPS, Settings
from gui.themes import THEMES, apply_theme, stylesheet
from gui.themes import current as current_theme
from workers.demos import registry
from workers.recording import save_recording
from workers.trace import write_trace, write_transcript

YOUR_PROGRAM = "your-program"
GROUPS = ("fork", "Process", "Pool", "Queue", "Sharing", "Threads")
SHORTCUTS = (
    ("Ctrl+R", "Start the run"), ("Ctrl+.", "Stop the run"), ("Ctrl+P", "Pause / resume"),
    ("F10", "Step: one line of the selected (or next) process"), ("Shift+F10", "Step all"),
    ("F8", "Continue: leave step mode"),
    ("F5", "Presenter view (full screen)"), ("Ctrl++  Ctrl+-  Ctrl+0", "Zoom in, out, reset"),
    ("F6", "Focus: the pane under the pointer fills the panel; again to go back"),
    ("Ctrl+PgDown  Ctrl+PgUp", "Next / previous concept"), ("Ctrl+O", "Open a program"),
    ("F1", "This list"), ("Ctrl+Q", "Quit"),
)  # fmt: skip


class MainWindow(QMainWindow):
    _zoom_before_presenting = 1.0

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("procscope")
        self._base_point_size = QApplication.font().pointSizeF()
        self.setAcceptDrops(True)
        self.settings = Settings()
        self.zoom = 1.0
        self._texts: list[tuple[object, str]] = []  # (action or menu, English text)
        self._demo_items: list = []
        i18n.set_language(self.settings.language or i18n.system_language())
        self.panels: dict[str, ConceptPanel] = {}
        self.concepts = QTreeWidget(self)
        self.concepts.setHeaderHidden(True)
        self.concepts.setMinimumWidth(200)
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
        self._fit_screen()
        # theme and zoom before the first panel: its widgets are then polished once, not
        # again by each style sheet (20 ms of the window's start)
        self.set_theme(self.settings.theme)
        self.set_zoom(self.settings.zoom)
        self.show_concept(registry.all_demos()[0].id)
        self.retranslate()

    def _fit_screen(self, width: int = 1600, height: int = 1000) -> None:
        """The first size: 1600x1000, or less on a smaller screen (a 1280x720 projector)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height() - 40)
        self.resize(width, height)

    # ---- concepts ---------------------------------------------------------------------

    def _fill_concepts(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        self._group_items = []
        for name in GROUPS:
            groups[name] = QTreeWidgetItem(self.concepts, [name])
            self._group_items.append((groups[name], name))
            groups[name].setFlags(Qt.ItemFlag.ItemIsEnabled)
        for demo in registry.all_demos():
            item = QTreeWidgetItem(groups[demo.group], [demo.title])
            self._demo_items.append((item, demo))
            item.setData(0, Qt.ItemDataRole.UserRole, demo.id)
            item.setToolTip(0, demo.id)
            if not demo.available():
                item.setDisabled(True)
                item.setToolTip(0, "needs os.fork(), which this platform does not have")
        mine = QTreeWidgetItem(self.concepts, ["Your program"])
        self._mine_item = mine
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
            demo = registry.find(key) if key != YOUR_PROGRAM else None
            panel = ConceptPanel(demo, self, settings=self.settings)
            layout.apply_zoom(panel, self.zoom)
            layout.apply_theme(panel, THEMES.get(self.settings.theme, THEMES["light"]))
            panel.retranslate()
            panel.sig_status.connect(lambda text, p=panel: self._panel_said(p, text))
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
        self.statusBar().showMessage(panel.status)  # each panel's own, not the last one's
        self._update_actions()

    def _panel_said(self, panel: ConceptPanel, text: str) -> None:
        if panel is self.current_panel():
            self.statusBar().showMessage(text)

    def open_program(self, path: str) -> bool:
        """Open PATH in the "Your program" panel: a program to run, or a recorded run to
        replay (told apart by what the file holds)."""
        return self.show_concept(YOUR_PROGRAM).open_path(path)

    # ---- actions ----------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(tr(text), self)
        self._texts.append((action, text))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menu(self, parent, text: str):
        menu = parent.addMenu(tr(text))
        self._texts.append((menu.menuAction(), text))
        return menu

    def set_language(self, code: str) -> None:
        """Switch every visible string (menus, panels, demo texts) without a restart."""
        if not i18n.set_language(code):
            self.statusBar().showMessage(tr("That translation is not available."))
        self.settings.language = i18n.current()
        self.retranslate()

    def retranslate(self) -> None:
        for holder, text in self._texts:
            holder.setText(tr(text))
        for item, demo in self._demo_items:
            item.setText(0, demo.title_zh if i18n.chinese() else demo.title)
        self._mine_item.setText(0, tr("Your program"))
        for item, name in self._group_items:  # Python's names stay (fork, Pool...)
            item.setText(0, tr(name))
        for panel in self.panels.values():
            panel.retranslate()

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file = self._menu(bar, "&File")
        self._action(file, "&Open program or recorded run…", self._choose_program,
                     QKeySequence.StandardKey.Open)  # fmt: skip
        self.save_action = self._action(file, "&Save run…", self._save_run,
                                        QKeySequence.StandardKey.Save)  # fmt: skip
        file.addSeparator()
        self.export_actions = [
            self._action(file, "Export Gantt as &PNG…", lambda: self._export("png")),
            self._action(file, "Export Gantt as &SVG…", lambda: self._export("svg")),
            self._action(file, "Export &trace (Perfetto JSON)…", lambda: self._export("json")),
            self._action(file, "Export t&ranscript…", lambda: self._export("txt")),
        ]
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        run = self._menu(bar, "&Run")
        self.start_action = self._action(run, "&Start", self._start, "Ctrl+R")
        self.stop_action = self._action(run, "S&top", self._stop, "Ctrl+.")
        self.pause_action = self._action(run, "&Pause / resume", self._pause, "Ctrl+P")
        run.addSeparator()
        self._action(run, "Step one &line", lambda: self._panel_call("step"), "F10")
        self._action(run, "Step &all", lambda: self._panel_call("step_all"), "Shift+F10")
        self._action(run, "&Continue (leave step mode)", lambda: self._panel_call("continue_run"),
                     "F8")  # fmt: skip
        run.addSeparator()
        self._action(run, "&Limits…", self._edit_limits)
        self._action(run, "&Reset everything to defaults", self.reset_to_defaults)
        view = self._menu(bar, "&View")
        self.presenter_action = self._action(view, "&Presenter view", self.toggle_presenter,
                                             "F5")  # fmt: skip
        self.presenter_action.setCheckable(True)
        self._action(view, "&Focus the pane under the pointer", self.toggle_focus, "F6")
        self._action(view, "Zoom &in", lambda: self.step_zoom(+1), QKeySequence.StandardKey.ZoomIn)
        self._action(view, "Zoom &out", lambda: self.step_zoom(-1),
                     QKeySequence.StandardKey.ZoomOut)  # fmt: skip
        self._action(view, "&Reset zoom", lambda: self.set_zoom(1.0), "Ctrl+0")
        self.arrows_action = self._action(view, "Message &arrows", self._toggle_arrows, "Ctrl+M")
        self.arrows_action.setCheckable(True)
        self.arrows_action.setChecked(True)
        themes = self._menu(view, "&Theme")
        for name in THEMES:
            self._action(themes, name.replace("-", " ").capitalize(),
                         lambda _=False, n=name: self.set_theme(n))  # fmt: skip
        languages = self._menu(view, "&Language")
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self)  # each language in its own words
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            languages.addAction(action)
        go = self._menu(bar, "&Go")
        self._action(go, "&Next concept", lambda: self.step_concept(+1), "Ctrl+PgDown")
        self._action(go, "&Previous concept", lambda: self.step_concept(-1), "Ctrl+PgUp")
        help_menu = self._menu(bar, "&Help")
        self._action(help_menu, "&Keyboard shortcuts", self._show_shortcuts, "F1")
        self._action(help_menu, "&About procscope", self._about)
        self._update_actions()

    def _update_actions(self) -> None:
        panel = self.current_panel()
        live = panel is not None and panel.live
        self.start_action.setEnabled(panel is not None and panel.program is not None and not live)
        self.stop_action.setEnabled(live)
        self.pause_action.setEnabled(live)
        finished = panel is not None and panel.run is not None and panel.run.finished
        for action in self.export_actions:
            action.setEnabled(finished)

    def _start(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.start()

    def _stop(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.stop()

    def _panel_call(self, name: str) -> None:
        if (panel := self.current_panel()) is not None:
            getattr(panel, name)()

    def _pause(self) -> None:
        if (panel := self.current_panel()) is not None and panel.live:
            panel.pause_button.toggle()

    # ---- presenting -------------------------------------------------------------------

    def _toggle_arrows(self) -> None:
        for panel in self.panels.values():
            panel.gantt.arrows.set_visible(self.arrows_action.isChecked())

    def set_zoom(self, scale: float) -> None:
        """Scale every font: widgets, the plots' axes and labels, the code and the console."""
        self.zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], scale))
        self.settings.zoom = self.zoom
        font = QApplication.font()
        font.setPointSizeF(self._base_point_size * self.zoom)
        QApplication.setFont(font)
        z = self.zoom
        self.setStyleSheet(stylesheet(current_theme(), z))
        for panel in self.panels.values():
            layout.apply_zoom(panel, self.zoom)

    def step_zoom(self, direction: int) -> None:
        steps = [s for s in ZOOM_STEPS if (s > self.zoom + 1e-6 if direction > 0
                                           else s < self.zoom - 1e-6)]  # fmt: skip
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def toggle_focus(self) -> None:
        """The pane under the pointer (else the one with the keyboard focus) fills the panel."""
        panel = self.current_panel()
        if panel is None:
            return
        widget = QApplication.widgetAt(QCursor.pos()) or QApplication.focusWidget()
        if not panel.panes.toggle_focus(widget):
            self.statusBar().showMessage(tr("Point at the chart, the code, the console or a tab, "
                                            "then press F6."))  # fmt: skip

    def toggle_presenter(self) -> None:
        """Full screen, and a zoom a room can read; again to go back."""
        if self.isFullScreen():
            self.showNormal()
            self.set_zoom(self._zoom_before_presenting)
            self.presenter_action.setChecked(False)
        else:
            self._zoom_before_presenting = self.zoom
            self.showFullScreen()
            self.set_zoom(max(self.zoom, 1.3))
            self.presenter_action.setChecked(True)

    def set_theme(self, name: str) -> None:
        theme = THEMES.get(name, THEMES["light"])
        self.settings.theme = theme.name
        apply_theme(QApplication.instance(), theme)
        self.setStyleSheet(stylesheet(theme, self.zoom))  # re-polishes every widget
        for panel in self.panels.values():
            layout.apply_theme(panel, theme)

    def step_concept(self, direction: int) -> None:
        keys = [d.id for d in registry.all_demos() if d.available()] + [YOUR_PROGRAM]
        panel = self.current_panel()
        current = YOUR_PROGRAM if panel is None or panel.demo is None else panel.demo.id
        self.show_concept(keys[(keys.index(current) + direction) % len(keys)])

    def reset_to_defaults(self) -> None:
        """Every remembered choice back to its default: each demo's parameters, zoom, theme,
        limits and the panes' sizes (the language stays: it is the user's)."""
        language = self.settings.language
        self.settings.clear()
        self.settings.language = language
        for panel in self.panels.values():
            panel.params.reset()
            panel.panes.reset()
        self.set_zoom(1.0)
        self.set_theme("light")
        self.statusBar().showMessage(tr("Everything is back to its defaults."))

    def _edit_limits(self) -> None:
        dialog = LimitsDialog(self.settings, self)
        dialog.exec()

    def _show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{keys}</b></td><td>&nbsp;&nbsp;{tr(what)}</td></tr>"
                       for keys, what in SHORTCUTS)  # fmt: skip
        QMessageBox.information(self, tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def _choose_program(self) -> None:
        self.show_concept(YOUR_PROGRAM).choose_program()

    def _save_run(self) -> None:
        panel = self.current_panel()
        if panel is None or panel.run is None or not panel.run.finished:
            self.statusBar().showMessage(tr("Save run: there is no finished run here."))
            return
        name = (panel.demo.id if panel.demo else Path(str(panel.program)).stem) + ".json"
        path, _ = QFileDialog.getSaveFileName(self, tr("Save run"), name,
                                              tr("Recorded run (*.json)"))  # fmt: skip
        if path:
            self.save_run(path)

    def save_run(self, path: str) -> bool:
        """Write the current panel's finished run to PATH, to replay it later."""
        panel = self.current_panel()
        if panel is None or panel.run is None or not panel.run.finished:
            return False
        if Path(path).suffix.lower() != ".json":
            path = f"{path}.json"
        demo = panel.demo.id if panel.demo else None
        try:
            save_recording(panel.run, path, panel.parameters(), demo,
                           {"program": str(panel.run.program)})  # fmt: skip
        except OSError as exc:
            self.statusBar().showMessage(f"could not write {path}: {exc.strerror}")
            return False
        self.statusBar().showMessage(tr("Saved the run to {0}").format(path))
        return True

    def _export(self, kind: str) -> None:
        panel = self.current_panel()
        if panel is None or panel.shown_model is None or panel.live:
            return
        filters = {"png": "PNG image (*.png)", "svg": "SVG image (*.svg)",
                   "json": "Trace (*.json)", "txt": "Transcript (*.txt)"}  # fmt: skip
        name = (panel.demo.id if panel.demo else Path(str(panel.program)).stem) + f".{kind}"
        path, _ = QFileDialog.getSaveFileName(self, "Export", name, filters[kind])
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str) -> None:
        """Write the current panel's finished run as KIND (png, svg, json or txt) to PATH
        (given another kind's ending, PATH gets KIND's: a trace never hides in a .svg)."""
        panel = self.current_panel()
        model = panel.shown_model if panel is not None else None
        if model is None:
            return
        if Path(path).suffix.lower() != f".{kind}":
            path = f"{path}.{kind}"
        try:
            if kind == "png":
                summary = panel.params.summary()
                title = f"{panel.title.text()}: {summary}" if summary else panel.title.text()
                from gui.export import export_png  # (here: the window starts sooner)

                export_png(panel.gantt, path, title=title)
            elif kind == "svg":
                from gui.export import export_svg

                export_svg(panel.gantt, path)
            elif kind == "json":
                write_trace(model, path, {"program": str(panel.program)})
            else:
                write_transcript(model, path)
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
        if urls and urls[0].toLocalFile().endswith((".py", ".json")):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls:
            self.open_program(urls[0].toLocalFile())
            event.acceptProposedAction()

    def closeEvent(self, event) -> None:  # noqa: N802
        for panel in self.panels.values():
            panel.stop()
        super().closeEvent(event)


class LimitsDialog(QDialog):
    """The process cap and the time limit for runs started from the window."""

    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Limits")
        self.settings = settings
        self.processes = QSpinBox(self)
        self.processes.setRange(2, 10_000)
        self.processes.setValue(settings.max_processes)
        self.seconds = QDoubleSpinBox(self)
        self.seconds.setRange(1, 24 * 3600)
        self.seconds.setDecimals(0)
        self.seconds.setValue(settings.time_limit)
        form = QFormLayout(self)
        form.addRow("Stop a run with more processes than", self.processes)
        form.addRow("Stop a run after (seconds)", self.seconds)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.max_processes = self.processes.value()
        self.settings.time_limit = self.seconds.value()
        super().accept()
