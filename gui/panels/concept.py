"""A concept panel: the explanation, the program's source, its parameters, Start and Stop,
and the live views of the run (Gantt, processes, console, history).

The same panel serves a built-in demo and "Your program" (any .py file).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from gui import i18n, palette
from gui.i18n import tr
from gui.panels.layout import build_views, layout_panel, status_line
from gui.panels.params import ParamRow
from gui.panels.run_controls import RunControls
from gui.panels.step_control import StepControl
from gui.panels.texts import show_texts
from gui.pump import RunPump
from workers.demos.registry import Demo, ParameterError
from workers.model import RunModel
from workers.programs import UsageError
from workers.recording import is_recording_path
from workers.run import DEFAULT_MAX_PROCESSES, Run
from workers.session import RunSession


class ConceptPanel(QWidget):
    sig_run_started = Signal()
    """A run of this panel's program started."""
    sig_run_finished = Signal()
    """This panel's run ended (by itself or stopped)."""
    sig_status = Signal(str)
    """A line for the status bar."""

    def __init__(self, demo: Demo | None = None, parent=None, settings=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.demo = demo
        self.session = RunSession(demo.path if demo else None)
        self.run: Run | None = None
        self.colours = palette.ProcessColours()
        self.pump = RunPump(self)
        self.pump.sig_changed.connect(self._on_run_changed)
        self.pump.sig_finished.connect(self._on_run_finished)
        self.status = ""  # this panel's last status line (the window shows the current one's)
        self.sig_status.connect(self._remember_status)

        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.params = ParamRow(demo, self)
        self.controls, self.arguments = self.params.controls, self.params.arguments
        self.params.open_button.clicked.connect(self.choose_program)
        self.params.sig_reset.connect(self._save_parameters)
        self.params.sig_changed.connect(lambda: self.code.set_banner(self.params.banner()))
        self.run_controls = RunControls(self)
        rc = self.run_controls
        self.start_method, self.speed, self.step_mode = rc.start_method, rc.speed, rc.step_mode
        self.start_button, self.stop_button = rc.start_button, rc.stop_button
        self.pause_button, self.follow_button = rc.pause_button, rc.follow_button
        self.step_button, self.step_all_button = rc.step_button, rc.step_all_button
        self.continue_button = rc.continue_button
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.pause_button.toggled.connect(self.set_paused)
        self.step_button.clicked.connect(self.step)
        self.step_all_button.clicked.connect(self.step_all)
        self.continue_button.clicked.connect(self.continue_run)
        self.stepper = StepControl(self)
        self.stepper.sig_status.connect(self.sig_status)

        build_views(self)
        layout_panel(self)
        self.retranslate()
        if self.program is not None:
            self.code.show_file(str(self.program))
        self.params.load_saved(self.settings)
        self.code.set_banner(self.params.banner())
        self._update_buttons()

    @property
    def program(self) -> Path | None:
        return self.session.program

    def _remember_status(self, text: str) -> None:
        self.status = text

    def retranslate(self) -> None:
        """Every text of the panel in the current language."""
        show_texts(self)
        self.params.retranslate()
        self.replayer.retranslate()
        self.run_controls.retranslate(paused=self.run is not None and self.run.paused)
        for index, text in enumerate(("Processes", "Values", "Run history", "Steps")):
            self.tabs.setTabText(index, tr(text))
        for view in (self.gantt, self.console, self.processes, self.history, self.step_grid):
            view.retranslate()

    # ---- program ----------------------------------------------------------------------

    def choose_program(self) -> None:
        kinds = tr("Python programs and recorded runs (*.py *.json);;All files (*)")
        title = tr("Open a Python program or a recorded run")
        path, _ = QFileDialog.getOpenFileName(self, title, "", kinds)
        if path:
            self.open_path(path)

    def load_program(self, path: str) -> bool:
        """Show PATH as this panel's program; False (and a status message) if it is not one."""
        self.stop()
        self.replayer.close_replay()
        try:
            program = self.session.open(path)
        except UsageError as exc:
            self.sig_status.emit(i18n.say(str(exc)))
            return False
        self.code.show_file(str(program))
        show_texts(self)
        self._update_buttons()
        return True

    def open_path(self, path: str) -> bool:
        """A program to run or a recorded run to replay, told apart by what PATH holds."""
        if path.endswith(".json") or is_recording_path(path):
            return self.replayer.open_file(path)
        return self.load_program(path)

    @property
    def shown_model(self) -> RunModel | None:
        """The model the views show: the run's, or the replay's at its moment."""
        replay = self.replayer.replay
        return replay.model if replay else self.run.model if self.run else None

    def _save_parameters(self) -> None:
        self.params.save(self.settings)

    def parameters(self) -> dict[str, str]:
        return self.params.values()

    # ---- run --------------------------------------------------------------------------

    def start(self) -> None:
        if self.program is None:
            self.sig_status.emit(tr("Open a program first."))
            return
        try:
            args = self.params.program_args()
        except (ParameterError, ValueError) as exc:
            self.sig_status.emit(i18n.say(str(exc)))
            return
        self.stop()
        self.replayer.close_replay()
        slow = float(self.speed.currentData())
        cap = self.settings.max_processes if self.settings else DEFAULT_MAX_PROCESSES
        self.run = self.session.start(args, self.start_method.currentData(), cap, slow,
                                      self.step_mode.isChecked())  # fmt: skip
        self.pump.time_limit = self.settings.time_limit if self.settings else None
        self.slow_label.setText(tr("Slow motion: sleeps last ×{0}").format(f"{slow:g}")
                                if slow != 1 else "")  # fmt: skip
        self._save_parameters()
        self.colours = palette.ProcessColours()
        try:
            self.pump.start(self.run)
        except OSError as exc:
            self.sig_status.emit(tr("Could not start: {0}").format(exc))
            return
        for view in (self.gantt, self.code, self.console, self.processes, self.values):
            view.set_model(self.run.model, self.colours)  # the run's fresh model
        self.stepper.set_run(self.run, self.step_grid.sequence())
        source = self.program.read_text(encoding="utf-8", errors="replace").splitlines()
        self.step_grid.set_run(self.run.model, self.run.steps, self.colours, source,
                               self.program.name)  # fmt: skip
        if self.run.stepping:
            self.tabs.setCurrentWidget(self.step_grid)
        self.caption.set_model(self.run.model)
        self.follow_button.setChecked(True)
        self._update_buttons()
        self.sig_status.emit(tr("Running {0}…").format(self.title.text()))
        self.sig_run_started.emit()

    def stop(self) -> None:
        if self.pump.live:
            self.pump.stop()

    def step(self) -> int | None:
        return self.stepper.step()

    def step_all(self) -> None:
        self.stepper.step_all()

    def continue_run(self) -> None:
        if self.stepper.continue_run():
            self._update_buttons()

    def set_paused(self, paused: bool) -> None:
        """Freeze or thaw every process of the live run."""
        said = self.run_controls.pause_run(self.run if self.pump.live else None, paused)
        if said:
            self.sig_status.emit(said)

    @property
    def live(self) -> bool:
        return self.pump.live

    def _on_run_changed(self) -> None:
        if self.run is not None and self.isVisible():
            self.refresh_views()

    def refresh_views(self) -> None:
        if self.run is None:
            return
        self.stepper.tick()
        self.caption.refresh()
        model = self.run.model
        self.gantt.refresh(model.now(time.monotonic()))  # its clock moves on regardless
        if getattr(self, "_seen", None) != (seen := (id(model), model.revision)):
            self._seen = seen  # the other views change only with the model
            for view in (self.console, self.code, self.processes, self.values, self.step_grid):
                view.refresh()

    def _on_run_finished(self) -> None:
        self.run_controls.show_paused(False)
        self.console.settle()
        self.refresh_views()
        self._update_buttons()
        record = self.session.finished(self.params.summary(), self.start_method.currentText())
        if record is not None:
            self.history.add(record)
            self.sig_status.emit(status_line(record))
        self.sig_run_finished.emit()

    def _update_buttons(self) -> None:
        live = self.pump.live
        stepping = live and self.run is not None and self.run.stepping
        self.run_controls.update_for(self.program is not None, live, stepping)
        self.params.set_live(live)
