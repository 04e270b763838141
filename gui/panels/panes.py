"""A panel's panes: the chart above, the code on the lower left (wide enough for 80
columns of a demo at default zoom on a 1600-pixel screen), the console above the tabs on
the lower right. The splitters can be dragged; their sizes are remembered per screen size.
Focus (F6) gives the whole panel to the pane under the pointer, and gives it back."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

DEFAULT_SIZES = {"main": [430, 330], "lower": [800, 570], "right": [200, 130]}


class Panes:
    def __init__(self, parent: QWidget, chart: QWidget, code: QWidget, console: QWidget,
                 tabs: QWidget, settings=None) -> None:  # fmt: skip
        self.settings = settings
        self.right = QSplitter(Qt.Orientation.Vertical, parent)
        self.right.addWidget(console)
        self.right.addWidget(tabs)
        self.lower = QSplitter(Qt.Orientation.Horizontal, parent)
        self.lower.addWidget(code)
        self.lower.addWidget(self.right)
        self.main = QSplitter(Qt.Orientation.Vertical, parent)
        self.main.addWidget(chart)
        self.main.addWidget(self.lower)
        self.splitters = {"main": self.main, "lower": self.lower, "right": self.right}
        self.panes = [chart, code, console, tabs]
        self.focused: QWidget | None = None
        for name, splitter in self.splitters.items():
            splitter.setObjectName(f"{name}Splitter")
            splitter.setChildrenCollapsible(False)
            splitter.setSizes(DEFAULT_SIZES[name])
            splitter.splitterMoved.connect(lambda *_a, n=name: self._remember(n))
        self.restore()

    # ---- remembered sizes ---------------------------------------------------------------

    def _key(self, name: str) -> str:
        screen = QGuiApplication.primaryScreen()
        size = screen.availableGeometry().size() if screen is not None else None
        where = f"{size.width()}x{size.height()}" if size is not None else "any"
        return f"layout/{where}/{name}"

    def _remember(self, name: str) -> None:
        if self.settings is not None and self.focused is None:
            self.settings.set_value(self._key(name), self.splitters[name].saveState())

    def restore(self) -> None:
        if self.settings is None:
            return
        for name, splitter in self.splitters.items():
            state = self.settings.value(self._key(name))
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)

    def reset(self) -> None:
        for name, splitter in self.splitters.items():
            splitter.setSizes(DEFAULT_SIZES[name])

    # ---- focus --------------------------------------------------------------------------

    def pane_at(self, widget: QWidget | None) -> QWidget | None:
        while widget is not None and widget not in self.panes:
            widget = widget.parentWidget()
        return widget

    def toggle_focus(self, widget: QWidget | None) -> bool:
        """Give the panel to the pane holding WIDGET; if one has it already, give it back.
        False if WIDGET is in no pane."""
        if self.focused is not None:
            for pane in self.panes:
                pane.show()
            for splitter in (self.right, self.lower):
                splitter.show()
            self.focused = None
            return True
        pane = self.pane_at(widget)
        if pane is None:
            return False
        for other in self.panes:
            other.setVisible(other is pane)
        self.lower.setVisible(pane is not self.panes[0])
        self.right.setVisible(pane in self.panes[2:])
        self.focused = pane
        return True
