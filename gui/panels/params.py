"""Controls for a demo's parameters, built from its registry entry.

Whole numbers with a range get a slider (pool size, task count), other numbers a spin
box, yes/no a check box, text a line edit.
"""

from __future__ import annotations

import shlex

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QWidget,
)

from gui.i18n import tr
from workers.demos.registry import Demo, Param, ParameterError

SLIDER_MAX_RANGE = 100  # a wider whole-number range gets a spin box


class ParamControl(QWidget):
    sig_changed = Signal()

    def __init__(self, param: Param, parent=None) -> None:
        super().__init__(parent)
        self.param = param
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(param.label + ":", self)
        layout.addWidget(self.label)
        kind = param.kind
        if kind is int and param.low is not None and param.high - param.low <= SLIDER_MAX_RANGE:
            self.editor = QSlider(Qt.Orientation.Horizontal, self)
            self.editor.setRange(int(param.low), int(param.high))
            self.editor.setValue(int(param.default))
            self.editor.setMinimumWidth(110)
            self.editor.setPageStep(1)
            self.value_label = QLabel(str(param.default), self)
            self.value_label.setMinimumWidth(22)
            self.editor.valueChanged.connect(lambda v: self.value_label.setText(str(v)))
            self.editor.valueChanged.connect(self.sig_changed)
            layout.addWidget(self.editor)
            layout.addWidget(self.value_label)
        elif kind is int:
            self.editor = QSpinBox(self)
            self.editor.setRange(int(param.low or -(10**6)), int(param.high or 10**6))
            self.editor.setValue(int(param.default))
            self.editor.valueChanged.connect(self.sig_changed)
            layout.addWidget(self.editor)
        elif kind is float:
            self.editor = QDoubleSpinBox(self)
            self.editor.setRange(param.low or 0.0, param.high or 1e6)
            self.editor.setSingleStep(0.1)
            self.editor.setDecimals(2)
            self.editor.setValue(float(param.default))
            self.editor.valueChanged.connect(self.sig_changed)
            layout.addWidget(self.editor)
        elif kind is bool:
            self.editor = QCheckBox(self)
            self.editor.setChecked(bool(param.default))
            self.editor.toggled.connect(self.sig_changed)
            layout.addWidget(self.editor)
        else:
            self.editor = QLineEdit(str(param.default), self)
            self.editor.setMaximumWidth(140)
            self.editor.textChanged.connect(self.sig_changed)
            layout.addWidget(self.editor)

    def retranslate(self) -> None:
        from gui import i18n

        self.label.setText((self.param.label_zh if i18n.chinese() else self.param.label) + ":")

    def text(self) -> str:
        """The value as --set would spell it."""
        editor = self.editor
        if isinstance(editor, QCheckBox):
            return "yes" if editor.isChecked() else "no"
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QDoubleSpinBox):
            return f"{editor.value():g}"
        return str(editor.value())

    def set_text(self, text: str) -> None:
        value = self.param.parse(text)
        editor = self.editor
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))
        else:
            editor.setValue(value)

    def reset(self) -> None:
        """Back to the demo's default."""
        self.set_text(str(self.param.default) if self.param.kind is not bool
                      else ("yes" if self.param.default else "no"))  # fmt: skip


class ParamRow(QWidget):
    """A demo's parameters in a row, with Reset to defaults; for "Your program", Open… and
    the program's arguments instead."""

    sig_reset = Signal()
    sig_changed = Signal()

    def __init__(self, demo: Demo | None, parent=None) -> None:
        super().__init__(parent)
        self.demo = demo
        self.controls = [ParamControl(param, self) for param in (demo.params if demo else [])]
        for control in self.controls:
            control.sig_changed.connect(self.sig_changed)
        self.arguments = QLineEdit(self)
        self.open_button = QPushButton(self)
        self.reset_button = QPushButton(self)
        self.reset_button.clicked.connect(self.reset)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if demo is None:
            row.addWidget(self.open_button)
            row.addWidget(self.arguments, 1)
            self.reset_button.hide()
        else:
            self.arguments.hide()
            self.open_button.hide()
            for control in self.controls:
                row.addWidget(control)
            row.addStretch(1)
            row.addWidget(self.reset_button)

    def retranslate(self) -> None:
        for control in self.controls:
            control.retranslate()
        self.open_button.setText(tr("Open…"))
        self.reset_button.setText(tr("Reset to defaults"))
        self.arguments.setPlaceholderText(tr("arguments for the program"))

    def values(self) -> dict[str, str]:
        return {c.param.name: c.text() for c in self.controls}

    def summary(self) -> str:
        """The parameters (or arguments) as Run history shows them."""
        return " ".join(f"{k}={v}" for k, v in self.values().items()) or self.arguments.text()

    def program_args(self) -> list[str]:
        if self.demo is not None:
            return self.demo.arguments(self.values())
        return shlex.split(self.arguments.text())

    def load_saved(self, settings) -> None:
        """The demo's parameters as it was last run with (no settings: the defaults)."""
        if settings is not None and self.demo is not None:
            self.restore(settings.parameters(self.demo.id))

    def save(self, settings) -> None:
        if settings is not None and self.demo is not None:
            settings.set_parameters(self.demo.id, self.values())

    def restore(self, saved: dict[str, str]) -> None:
        for control in self.controls:
            if control.param.name in saved:
                try:
                    control.set_text(saved[control.param.name])
                except ParameterError:
                    pass  # an old or edited setting: the default stays

    def reset(self) -> None:
        for control in self.controls:
            control.reset()
        self.sig_reset.emit()

    def banner(self) -> str:
        """What the source pane says above the code: the values the next run gets, which
        the defaults written in the source are not."""
        return tr("In effect: {0}").format(self.summary()) if self.controls else ""

    def set_live(self, live: bool) -> None:
        for widget in (*self.controls, self.reset_button, self.open_button, self.arguments):
            widget.setEnabled(not live)
