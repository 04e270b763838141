"""A concept panel: the explanation, the program's source, its parameters, Start and Stop,
and the live views of the run (Gantt, processes, console, history).

The same panel serves a built-in demo and "Your program" (any .py file).
"""

from __future__ import annotations

import multiprocessing
import shlex
import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import i18n, palette
from gui.i18n import tr
from gui.panels.params import ParamControl
from gui.panels.step_control import StepControl
from gui.pump import RunPump
from gui.views.captions import CaptionBar
from gui.views.code_view import CodeView
from gui.views.console import ConsoleView
from gui.views.gantt import GanttView
from gui.views.history import HistoryTable, RunRecord
from gui.views.process_table import ProcessTable
from gui.views.step_grid import StepGrid
from gui.views.values_table import ValuesTable
from workers.cli import UsageError, check_program
from workers.demos.registry import Demo, ParameterError
from workers.run import DEFAULT_MAX_PROCESSES, Run

SPEEDS = (("real time", 1.0), ("sleeps ×2", 2.0), ("sleeps ×4", 4.0), ("sleeps ×10", 10.0))


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
        self.program: Path | None = demo.path if demo else None
        self.run: Run | None = None
        self.colours = palette.ProcessColours()
        self.pump = RunPump(self)
        self.pump.sig_changed.connect(self._on_run_changed)
        self.pump.sig_finished.connect(self._on_run_finished)
        self._runs = 0

        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.controls: list[ParamControl] = []
        self.arguments = QLineEdit()  # "Your program" only
        self.arguments.setPlaceholderText("arguments for the program")
        self.open_button = QPushButton("Open…")
        self.open_button.clicked.connect(self.choose_program)
        self.start_method = QComboBox(self)
        self.start_method.addItem(f"default ({multiprocessing.get_start_method()})", None)
        for method in multiprocessing.get_all_start_methods():
            self.start_method.addItem(method, method)
        self.start_button = QPushButton("▶ Start", self)
        self.start_button.setObjectName("startButton")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton("■ Stop", self)
        self.stop_button.clicked.connect(self.stop)
        self.pause_button = QPushButton("❚❚ Pause", self)
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self.set_paused)
        self.speed = QComboBox(self)
        for label, factor in SPEEDS:
            self.speed.addItem(label, factor)
        self.speed.setToolTip(
            "Slow motion: the program's own sleeps last this many times longer. "
            "Times on the chart stay real."
        )
        self.step_mode = QCheckBox("Step mode", self)
        self.step_mode.setToolTip(
            "Every process stops before each line of the program; you choose who runs next."
        )
        self.step_button = QPushButton("Step", self)
        self.step_button.setToolTip("Let the selected process (or the next in turn) run one line")
        self.step_button.clicked.connect(self.step)
        self.step_all_button = QPushButton("Step all", self)
        self.step_all_button.clicked.connect(self.step_all)
        self.continue_button = QPushButton("Continue", self)
        self.continue_button.setToolTip("Leave step mode: every process runs freely")
        self.continue_button.clicked.connect(self.continue_run)
        self.stepper = StepControl(self)
        self.stepper.sig_status.connect(self.sig_status)
        self.follow_button = QPushButton("Follow now", self)
        self.follow_button.setCheckable(True)
        self.follow_button.setChecked(True)

        self.caption = CaptionBar(self)
        self.slow_label = QLabel(self)
        self.slow_label.setObjectName("slowMotion")
        self.gantt = GanttView(self)
        self.follow_button.toggled.connect(self.gantt.set_follow)
        self.code = CodeView(self)
        self.console = ConsoleView(self)
        self.processes = ProcessTable(self)
        self.history = HistoryTable(self)
        self.values = ValuesTable(self)
        self.step_grid = StepGrid(self)
        self.step_grid.sig_status.connect(self.sig_status)
        self.gantt.sig_lane_clicked.connect(self.processes.select_pid)
        self.processes.sig_process_selected.connect(self.gantt.highlight)
        self.processes.sig_process_selected.connect(self._on_process_selected)

        self._layout()
        self._show_texts()
        if self.program is not None:
            self.code.show_file(str(self.program))
        self._restore_parameters()
        self._update_buttons()

    # ---- layout -----------------------------------------------------------------------

    def _layout(self) -> None:
        # Two rows, so the panel fits a 1280-pixel projector at presenter zoom.
        inputs = QHBoxLayout()
        if self.demo is None:
            inputs.addWidget(self.open_button)
            inputs.addWidget(self.arguments, 1)
        else:
            for param in self.demo.params:
                control = ParamControl(param, self)
                self.controls.append(control)
                inputs.addWidget(control)
            inputs.addStretch(1)
        controls = QHBoxLayout()
        self.start_method_label = QLabel(self)
        self.speed_label = QLabel(self)
        controls.addWidget(self.start_method_label)
        controls.addWidget(self.start_method)
        controls.addWidget(self.speed_label)
        controls.addWidget(self.speed)
        controls.addWidget(self.step_mode)
        controls.addStretch(1)
        for button in (self.step_button, self.step_all_button, self.continue_button,
                       self.start_button, self.pause_button, self.stop_button,
                       self.follow_button):  # fmt: skip
            controls.addWidget(button)

        tabs = QTabWidget(self)
        tabs.addTab(self.processes, "Processes")
        tabs.addTab(self.values, "Values")
        tabs.addTab(self.history, "Run history")
        tabs.addTab(self.step_grid, "Steps")
        self.tabs = tabs
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.code)
        lower.addWidget(self.console)
        lower.addWidget(tabs)
        lower.setSizes([440, 370, 620])
        chart = QWidget(self)
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        captions = QHBoxLayout()
        captions.addWidget(self.caption, 1)
        captions.addWidget(self.slow_label)
        chart_layout.addLayout(captions)
        chart_layout.addWidget(self.gantt, 1)
        main = QSplitter(Qt.Orientation.Vertical, self)
        main.addWidget(chart)
        main.addWidget(lower)
        main.setSizes([430, 330])

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        if self.demo is None or self.demo.params:
            layout.addLayout(inputs)
        layout.addLayout(controls)
        layout.addWidget(main, 1)

    def _show_texts(self) -> None:
        if self.demo is not None:
            zh = i18n.chinese()
            self.title.setText(self.demo.title_zh if zh else self.demo.title)
            self.explanation.setText(self.demo.explanation_zh if zh else self.demo.explanation)
        elif self.program is not None:
            self.title.setText(self.program.name)
            self.explanation.setText(str(self.program))
        else:
            self.title.setText(tr("Your program"))
            self.explanation.setText(tr(
                "Open any Python file (or drop it on the window) and run it: every process it "
                "creates gets a lane."
            ))  # fmt: skip

    def retranslate(self) -> None:
        """Every text of the panel in the current language."""
        self._show_texts()
        for control in self.controls:
            control.retranslate()
        texts = (
            (self.open_button, "Open…"), (self.step_mode, "Step mode"), (self.step_button, "Step"),
            (self.step_all_button, "Step all"), (self.continue_button, "Continue"),
            (self.start_button, "▶ Start"), (self.stop_button, "■ Stop"),
            (self.follow_button, "Follow now"), (self.start_method_label, "Start method:"),
            (self.speed_label, "Speed:"),
        )  # fmt: skip
        for widget, text in texts:
            widget.setText(tr(text))
        paused = self.run is not None and self.run.paused
        self.pause_button.setText(tr("▶ Resume") if paused else tr("❚❚ Pause"))
        self.arguments.setPlaceholderText(tr("arguments for the program"))
        for index, text in enumerate(("Processes", "Values", "Run history", "Steps")):
            self.tabs.setTabText(index, tr(text))
        for index, text in enumerate(SPEEDS):
            self.speed.setItemText(index, tr(text[0]))
        self.start_method.setItemText(0, tr("default") + f" ({multiprocessing.get_start_method()})")
        for view in (self.gantt, self.console, self.processes, self.history, self.step_grid):
            view.retranslate()

    # ---- program ----------------------------------------------------------------------

    def choose_program(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a Python program", "",
                                              "Python programs (*.py);;All files (*)")  # fmt: skip
        if path:
            self.load_program(path)

    def load_program(self, path: str) -> bool:
        """Show PATH as this panel's program; False (and a status message) if it is not one."""
        try:
            program = check_program(path)
        except UsageError as exc:
            self.sig_status.emit(str(exc))
            return False
        self.stop()
        self.program = program
        self.code.show_file(str(program))
        self._show_texts()
        self._update_buttons()
        return True

    def _restore_parameters(self) -> None:
        if self.settings is None or self.demo is None:
            return
        for control in self.controls:
            saved = self.settings.parameters(self.demo.id).get(control.param.name)
            if saved is not None:
                try:
                    control.set_text(saved)
                except ParameterError:
                    pass  # an old or edited setting: the default stays

    def parameters(self) -> dict[str, str]:
        return {c.param.name: c.text() for c in self.controls}

    def _program_args(self) -> list[str]:
        if self.demo is not None:
            return self.demo.arguments(self.parameters())
        return shlex.split(self.arguments.text())

    # ---- run --------------------------------------------------------------------------

    def start(self) -> None:
        if self.program is None:
            self.sig_status.emit(tr("Open a program first."))
            return
        try:
            args = self._program_args()
        except (ParameterError, ValueError) as exc:
            self.sig_status.emit(str(exc))
            return
        self.stop()
        slow = float(self.speed.currentData())
        cap = self.settings.max_processes if self.settings else DEFAULT_MAX_PROCESSES
        self.run = Run(self.program, args, self.start_method.currentData(),
                       cwd=self.program.parent, max_processes=cap, slow_motion=slow,
                       step=self.step_mode.isChecked())  # fmt: skip
        self.pump.time_limit = self.settings.time_limit if self.settings else None
        self.slow_label.setText(tr("Slow motion: sleeps last ×{0}").format(f"{slow:g}")
                                if slow != 1 else "")  # fmt: skip
        if self.settings is not None and self.demo is not None:
            self.settings.set_parameters(self.demo.id, self.parameters())
        self.colours = palette.ProcessColours()
        try:
            self.pump.start(self.run)
        except OSError as exc:
            self.sig_status.emit(f"could not start: {exc}")
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

    # ---- step mode --------------------------------------------------------------------

    def _on_process_selected(self, pid: int) -> None:
        self.stepper.selected_pid = pid

    def step(self) -> int | None:
        return self.stepper.step()

    def step_all(self) -> None:
        self.stepper.step_all()

    def continue_run(self) -> None:
        if self.stepper.continue_run():
            self._update_buttons()

    def set_paused(self, paused: bool) -> None:
        """Freeze or thaw every process of the live run."""
        run = self.run
        if run is None or not self.pump.live:
            self.pause_button.setChecked(False)
            return
        if paused and not run.paused:
            run.pause()
            self.sig_status.emit(tr("Paused: every process of the run is stopped (SIGSTOP)."))
        elif not paused and run.paused:
            run.resume()
            self.sig_status.emit(tr("Resumed."))
        self.pause_button.setText(tr("▶ Resume") if paused else tr("❚❚ Pause"))

    def apply_zoom(self, scale: float) -> None:
        self.gantt.set_font_scale(scale)
        self.code.set_font_scale(scale)
        self.console.set_font_scale(scale)

    def apply_theme(self, theme) -> None:
        self.gantt.set_theme(theme)
        self.gantt.refresh(self.gantt._now)

    @property
    def live(self) -> bool:
        return self.pump.live

    def _on_run_changed(self) -> None:
        if self.run is None or not self.isVisible():
            return
        self.refresh_views()

    def refresh_views(self) -> None:
        if self.run is None:
            return
        self.stepper.tick()
        now = self.run.model.now(time.monotonic())
        self.caption.refresh()
        self.gantt.refresh(now)
        self.console.refresh()
        self.code.refresh()
        self.processes.refresh()
        self.values.refresh()
        self.step_grid.refresh()

    def _on_run_finished(self) -> None:
        run = self.run
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(False)
        self.pause_button.setText(tr("❚❚ Pause"))
        self.pause_button.blockSignals(False)
        self.processes.stop_sampling()
        self.console.settle()
        self.refresh_views()
        self._update_buttons()
        if run is None:
            return
        self._runs += 1
        model = run.model
        main = model.main
        makespan = paused = 0.0
        if main and main.end is not None:  # paused time is the lecturer's, not the program's
            paused = model.paused_between(main.start, main.end)
            makespan = main.end - main.start - paused
        params = " ".join(f"{k}={v}" for k, v in self.parameters().items()) or self.arguments.text()
        exitcode = None if run.stopped else run.exitcode
        self.history.add(RunRecord(self._runs, params, self.start_method.currentText(), makespan,
                                   len(model.processes), len(model.tasks), exitcode,
                                   paused))  # fmt: skip
        if run.stopped:
            why = "" if run.stop_reason == "stopped" else f" because {run.stop_reason}"
            self.sig_status.emit(
                f"Stopped after {model.finished_at:.1f} s{why}; nothing is left running."
            )
        else:
            said = tr("Finished in {0} s: {1} processes, {2} tasks, exit code {3}.").format(
                f"{makespan:.2f}", len(model.processes), len(model.tasks), run.exitcode
            )
            if paused >= 0.05:
                said += " " + tr("(paused {0} s)").format(f"{paused:.1f}")
            self.sig_status.emit(said)
        self.sig_run_finished.emit()

    def _update_buttons(self) -> None:
        live = self.pump.live
        self.start_button.setEnabled(self.program is not None and not live)
        self.stop_button.setEnabled(live)
        self.pause_button.setEnabled(live)
        self.speed.setEnabled(not live)
        self.step_mode.setEnabled(not live)
        stepping = live and self.run is not None and self.run.stepping
        for button in (self.step_button, self.step_all_button, self.continue_button):
            button.setVisible(stepping)
        for control in self.controls:
            control.setEnabled(not live)
        self.start_method.setEnabled(not live)
