"""Light, dark and high-contrast looks for the whole window, the plots included."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str
    background: str  # plots and text areas
    foreground: str  # text, axes
    window: str  # window chrome
    muted: str  # grid, hints


THEMES = {
    "light": Theme("light", "#FFFFFF", "#111111", "#EFEFEF", "#777777"),
    "dark": Theme("dark", "#1E1F22", "#E6E6E6", "#2B2D30", "#9A9A9A"),
    "high-contrast": Theme("high-contrast", "#FFFFFF", "#000000", "#FFFFFF", "#000000"),
}


def apply_theme(app: QApplication, theme: Theme) -> None:
    palette = QPalette()
    window, text, base = QColor(theme.window), QColor(theme.foreground), QColor(theme.background)
    for role, colour in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
    ):  # fmt: skip
        palette.setColor(role, colour)
    if theme.name == "high-contrast":
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFF00"))
    app.setPalette(palette)
