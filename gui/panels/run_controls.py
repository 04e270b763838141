"""A panel's row of run controls: start method, speed, step mode, the step buttons, Start,
Pause, Stop and Follow now. The buttons sit at the right end, so they stay put from panel
to panel (a demo's parameters have a row of their own)."""

from __future__ import annotations

import multiprocessing

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from gui.i18n import tr

SPEEDS = (("real time", 1.0), ("sleeps ×2", 2.0), ("sleeps ×4", 4.0), ("sleeps ×10", 10.0))


class RunControls(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.start_method = QComboBox(self)
        self.start_method.addItem("", None)
        for method in multiprocessing.get_all_start_methods():
            self.start_method.addItem(method, method)
        self.speed = QComboBox(self)
        for _label, factor in SPEEDS:
            self.speed.addItem("", factor)
        self.step_mode = QCheckBox(self)
        self.step_button = QPushButton(self)
        self.step_all_button = QPushButton(self)
        self.continue_button = QPushButton(self)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("startButton")
        self.pause_button = QPushButton(self)
        self.pause_button.setCheckable(True)
        self.stop_button = QPushButton(self)
        self.follow_button = QPushButton(self)
        self.follow_button.setCheckable(True)
        self.follow_button.setChecked(True)
        self.sweep_button = QPushButton(self)  # shown on demos with a size parameter
        self.sweep_button.hide()
        self.start_method_label = QLabel(self)
        self.speed_label = QLabel(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.start_method_label, self.start_method, self.speed_label, self.speed,
                       self.step_mode):  # fmt: skip
            row.addWidget(widget)
        row.addStretch(1)
        for button in (self.step_button, self.step_all_button, self.continue_button,
                       self.sweep_button, self.start_button, self.pause_button,
                       self.stop_button, self.follow_button):  # fmt: skip
            row.addWidget(button)
        self.retranslate(paused=False)

    def retranslate(self, paused: bool) -> None:
        texts = (
            (self.step_mode, "Step mode"), (self.step_button, "Step"),
            (self.step_all_button, "Step all"), (self.continue_button, "Continue"),
            (self.start_button, "▶ Start"), (self.stop_button, "■ Stop"),
            (self.follow_button, "Follow now"), (self.start_method_label, "Start method:"),
            (self.speed_label, "Speed:"), (self.sweep_button, "Sweep 1..N"),
        )  # fmt: skip
        for widget, text in texts:
            widget.setText(tr(text))
        self.show_paused(paused)
        for index, (label, _factor) in enumerate(SPEEDS):
            self.speed.setItemText(index, tr(label))
        self.start_method.setItemText(0, tr("default") + f" ({multiprocessing.get_start_method()})")
        self.speed.setToolTip(tr(
            "Slow motion: the program's own sleeps last this many times longer. "
            "Times on the chart stay real."
        ))  # fmt: skip
        self.step_mode.setToolTip(
            tr("Every process stops before each line of the program; you choose who runs next.")
        )
        self.step_button.setToolTip(
            tr("Let the selected process (or the next in turn) run one line")
        )
        self.continue_button.setToolTip(tr("Leave step mode: every process runs freely"))
        self.sweep_button.setToolTip(tr(
            "Run the demo once for each size from 1 to the one set, then plot the speed-up"
        ))  # fmt: skip

    def show_paused(self, paused: bool) -> None:
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(paused)
        self.pause_button.setText(tr("▶ Resume") if paused else tr("❚❚ Pause"))
        self.pause_button.blockSignals(False)

    def update_for(self, has_program: bool, live: bool, stepping: bool) -> None:
        self.start_button.setEnabled(has_program and not live)
        self.stop_button.setEnabled(live)
        self.pause_button.setEnabled(live)
        self.sweep_button.setEnabled(has_program and not live)
        for widget in (self.speed, self.step_mode, self.start_method):
            widget.setEnabled(not live)
        for button in (self.step_button, self.step_all_button, self.continue_button):
            button.setVisible(stepping)

    def pause_run(self, run, paused: bool) -> str:
        """Freeze or thaw every process of RUN (None: no live run); what to tell the user."""
        said = ""
        if run is not None and paused and not run.paused:
            run.pause()
            said = tr("Paused: every process of the run is stopped (SIGSTOP).")
        elif run is not None and not paused and run.paused:
            run.resume()
            said = tr("Resumed.")
        self.show_paused(paused and run is not None)
        return said
