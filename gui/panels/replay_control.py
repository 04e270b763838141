"""A recorded run, replayed in a panel's own views: a time slider under the Gantt, play and
pause at 0.5x to 4x, and the keys Left/Right (the previous or next moment something
changed), Home and End. At each moment the views show the model as the window had it then
(workers/replay.py); a replay never starts a process."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from gui import i18n, palette
from gui.i18n import tr
from gui.panels.texts import show_texts
from workers.recording import Recording, RecordingError, load_recording
from workers.replay import Replay

if TYPE_CHECKING:
    from gui.panels.concept import ConceptPanel

SPEEDS = (0.5, 1.0, 2.0, 4.0)
TICK_MS = 33
SLIDER_STEPS_PER_SECOND = 1000  # the slider counts milliseconds


class ReplayControl(QWidget):
    def __init__(self, panel: ConceptPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.replay: Replay | None = None
        self.play_button = QPushButton(self)
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._on_play)
        self.speed = QComboBox(self)
        for factor in SPEEDS:
            self.speed.addItem(f"{factor:g}×", factor)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.valueChanged.connect(self._on_slider)
        self.clock = QLabel(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.play_button, 0), (self.speed, 0), (self.slider, 1),
                                (self.clock, 0)):  # fmt: skip
            row.addWidget(widget, stretch)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last_tick = 0.0
        self._model = None
        keys = ((Qt.Key.Key_Left, self.previous), (Qt.Key.Key_Right, self.next),
                (Qt.Key.Key_Home, self.to_start), (Qt.Key.Key_End, self.to_end))  # fmt: skip
        self._shortcuts = []  # on in a replay only: elsewhere the keys are the widgets'
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), panel)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            shortcut.setEnabled(False)
            self._shortcuts.append(shortcut)
        self.retranslate()
        self.hide()

    @property
    def active(self) -> bool:
        return self.replay is not None

    def retranslate(self) -> None:
        self.play_button.setText(tr("❚❚ Pause") if self.play_button.isChecked() else tr("▶ Play"))
        self._show_clock()

    # ---- loading ------------------------------------------------------------------------

    def open_file(self, path: str) -> bool:
        """Replay the run recorded in PATH; False (and why, in the status line) if it is not
        one."""
        panel = self.panel
        try:
            recording = load_recording(path)
        except RecordingError as exc:
            panel.sig_status.emit(i18n.say(str(exc)))
            return False
        panel.stop()
        panel.run = None
        panel.session.program = None
        self.load(recording)
        panel._update_buttons()
        panel.sig_status.emit(tr("Replaying {0}: nothing runs.").format(recording.program))
        return True

    def load(self, recording: Recording) -> None:
        """Replay RECORDING in the panel's views, its code as it was recorded."""
        self.replay = Replay(recording)
        self.panel.code.show_source(recording.source, recording.path or recording.program)
        show_texts(self.panel)
        self.panel.colours = palette.ProcessColours()
        self._model = None
        self.slider.blockSignals(True)
        self.slider.setRange(0, round(self.replay.duration * SLIDER_STEPS_PER_SECOND))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.show()
        self.panel.params.hide()  # nothing to set or start: a replay only moves in time
        self.panel.run_controls.hide()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        self.panel.gantt.set_follow(False)
        self.seek(0.0)
        self.panel.gantt.getPlotItem().getViewBox().setXRange(
            0, max(self.replay.duration, 0.1) * 1.04, padding=0
        )  # the whole run: the now-line moves through it

    def close_replay(self) -> None:
        self.play_button.setChecked(False)
        if self.replay is not None:
            panel = self.panel
            panel.params.setVisible(panel.demo is None or bool(panel.demo.params))
            panel.run_controls.show()
        self.replay = None
        self._model = None
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        self.hide()

    # ---- moving -------------------------------------------------------------------------

    @property
    def at(self) -> float:
        return max(self.replay.at, 0.0) if self.replay else 0.0

    def seek(self, t: float) -> None:
        """Show the run as it was T seconds after its start."""
        if self.replay is None:
            return
        t = min(max(t, 0.0), self.replay.duration)
        model = self.replay.seek(t)
        panel = self.panel
        if model is not self._model:  # a new model (moving back): the views start over
            self._model = model
            box = panel.gantt.getPlotItem().getViewBox()
            shown = box.viewRange()[0]
            for view in (panel.gantt, panel.code, panel.console, panel.processes, panel.values):
                view.set_model(model, panel.colours)
            panel.caption.set_model(model)
            panel.gantt.set_follow(False)  # the chart stays where the class was looking
            box.setXRange(*shown, padding=0)
        panel.caption.refresh()
        panel.gantt.refresh(self.replay.now())
        for view in (panel.console, panel.code, panel.processes, panel.values):
            view.refresh()
        if model.finished_at is not None:
            panel.console.settle()  # as live at the run's end: lines in the order printed
        self.slider.blockSignals(True)
        self.slider.setValue(round(t * SLIDER_STEPS_PER_SECOND))
        self.slider.blockSignals(False)
        self._show_clock()

    def previous(self) -> None:
        if self.replay is not None:
            earlier = [m for m in self.replay.moments() if m < self.at - 1e-9]
            self.seek(earlier[-1] if earlier else 0.0)

    def next(self) -> None:
        if self.replay is not None:
            later = [m for m in self.replay.moments() if m > self.at + 1e-9]
            self.seek(later[0] if later else self.replay.duration)

    def to_start(self) -> None:
        self.seek(0.0)

    def to_end(self) -> None:
        if self.replay is not None:
            self.seek(self.replay.duration)

    def _on_slider(self, value: int) -> None:
        self.seek(value / SLIDER_STEPS_PER_SECOND)

    def _on_play(self, playing: bool) -> None:
        self.retranslate()
        if playing and self.replay is not None:
            if self.at >= self.replay.duration:
                self.seek(0.0)  # from the start again
            self._last_tick = time.monotonic()
            self._timer.start()
        else:
            self._timer.stop()

    def _tick(self) -> None:
        if self.replay is None:
            self._timer.stop()
            return
        now = time.monotonic()
        step = (now - self._last_tick) * float(self.speed.currentData())
        self._last_tick = now
        self.seek(self.at + step)
        if self.at >= self.replay.duration:
            self.play_button.setChecked(False)

    def _show_clock(self) -> None:
        if self.replay is not None:
            self.clock.setText(f"{self.at:.2f} s / {self.replay.duration:.2f} s")
