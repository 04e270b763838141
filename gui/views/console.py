"""The console: every printed line, coloured by process, stderr in red, filterable.

The scrollback is bounded (MAX_LINES); the model and the transcript keep everything.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from gui import palette
from workers.model import RunModel

MAX_LINES = 5000
ALL = -1


class ConsoleView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(MAX_LINES)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.filter = QComboBox(self)
        self.filter.addItem("all processes", ALL)
        self.filter.currentIndexChanged.connect(self._rebuild)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Show:", self))
        bar.addWidget(self.filter)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.text)
        self.model: RunModel | None = None
        self.colours = palette.ProcessColours()
        self._shown = 0  # how many of model.prints have been considered
        self._known: set[int] = set()

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.model, self.colours = model, colours
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("all processes", ALL)
        self.filter.blockSignals(False)
        self._known.clear()
        self._rebuild()

    def refresh(self) -> None:
        if self.model is None:
            return
        for pid, proc in self.model.processes.items():
            if pid not in self._known:
                self._known.add(pid)
                self.filter.addItem(f"{pid} {proc.label}", pid)
        prints = self.model.prints_in_order() if self.model.finished_at else self.model.prints
        wanted = self.filter.currentData()
        lines = [
            self._html(p.pid, p.stream, p.text)
            for p in prints[self._shown :]
            if wanted in (ALL, None) or p.pid == wanted
        ]
        self._shown = len(prints)
        if lines:
            bar = self.text.verticalScrollBar()
            at_bottom = bar.value() >= bar.maximum() - 2
            for line in lines[-MAX_LINES:]:
                self.text.appendHtml(line)
            if at_bottom:
                bar.setValue(bar.maximum())

    def settle(self) -> None:
        """The run is over: show every line in the order it was printed."""
        self._rebuild()

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()

    def _rebuild(self) -> None:
        self.text.clear()
        self._shown = 0
        self.refresh()

    def _html(self, pid: int, stream: str, text: str) -> str:
        proc = self.model.processes.get(pid) if self.model else None
        colour = self.colours.of(pid, proc.helper if proc else False).name()
        body_colour = palette.ERROR_COLOUR if stream == "err" else "#111111"
        body = html.escape(text).replace(" ", "&nbsp;") or "&nbsp;"
        return (
            f'<span style="color:{colour}; font-weight:600">{pid:>7}</span>&nbsp;'
            f'<span style="color:{body_colour}; white-space:pre">{body}</span>'
        )
