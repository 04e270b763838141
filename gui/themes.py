"""Light, dark and high-contrast looks for the whole window, the plots and the code included,
switched live. Every text colour meets WCAG AA (a contrast of 4.5:1) on the background it is
drawn on; tests/test_themes.py computes it. Process colours (the lanes') are made readable
as text by readable(), which darkens or lightens them just enough."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

AA = 4.5  # WCAG AA contrast for text


@dataclass(frozen=True)
class Theme:
    name: str
    background: str  # plots and text areas
    foreground: str  # text, axes
    window: str  # window chrome
    muted: str  # hints, line numbers, grid (readable on background and window)
    caption: str  # the captions above the chart
    accent: str  # slow motion, warnings
    error: str  # stderr, a failed exit
    ok: str  # exit 0
    highlight: str  # a selected row
    highlighted_text: str
    keyword: str
    builtin: str
    number: str
    definition: str
    string: str
    comment: str

    @property
    def dark(self) -> bool:
        return luminance(self.background) < 0.2


THEMES = {
    "light": Theme(
        "light",
        background="#FFFFFF",
        foreground="#111111",
        window="#EFEFEF",
        muted="#5F5F5F",
        caption="#0B5394",
        accent="#8A4500",
        error="#B71C1C",
        ok="#1B5E20",
        highlight="#2F65CA",
        highlighted_text="#FFFFFF",
        keyword="#0033B3",
        builtin="#871094",
        number="#1750EB",
        definition="#00627A",
        string="#067D17",
        comment="#5F5F5F",
    ),
    "dark": Theme(
        "dark",
        background="#1E1F22",
        foreground="#E6E6E6",
        window="#2B2D30",
        muted="#A8A8A8",
        caption="#7CC4FA",
        accent="#F0B060",
        error="#FF8A80",
        ok="#81C784",
        highlight="#2F65CA",
        highlighted_text="#FFFFFF",
        keyword="#E8A07E",
        builtin="#D69BD0",
        number="#4CC3D0",
        definition="#7AB8F7",
        string="#8BC78F",
        comment="#A0A0A0",
    ),
    "high-contrast": Theme(
        "high-contrast",
        background="#FFFFFF",
        foreground="#000000",
        window="#FFFFFF",
        muted="#333333",
        caption="#00007A",
        accent="#6B3000",
        error="#8B0000",
        ok="#004D00",
        highlight="#000000",
        highlighted_text="#FFFF00",
        keyword="#00007A",
        builtin="#5A005A",
        number="#003366",
        definition="#004040",
        string="#004D00",
        comment="#3A3A3A",
    ),
}
_current = THEMES["light"]


def current() -> Theme:
    return _current


def luminance(colour: str | QColor) -> float:
    """WCAG relative luminance."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str | QColor, b: str | QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(colour: str | QColor, background: str | QColor, ratio: float = AA) -> QColor:
    """COLOUR, darkened (on a light background) or lightened (on a dark one) until it can be
    read on BACKGROUND; its hue stays, so a process keeps its colour."""
    c = QColor(colour)
    dark_background = luminance(background) < 0.2
    for _ in range(40):
        if contrast(c, background) >= ratio:
            return c
        h, s, lightness, a = c.getHslF()
        lightness = min(1.0, lightness + 0.04) if dark_background else max(0.0, lightness - 0.04)
        c = QColor.fromHslF(max(h, 0.0), s, lightness, a)
    return QColor("#FFFFFF" if dark_background else "#000000")


def on_colour(fill: str | QColor) -> QColor:
    """Black or white: whichever reads better on FILL (a bar's label)."""
    return QColor("#000000" if contrast("#000000", fill) >= contrast("#FFFFFF", fill) else
                  "#FFFFFF")  # fmt: skip


def stylesheet(theme: Theme, zoom: float) -> str:
    return f"""
QLabel#panelTitle {{ font-size: {round(17 * zoom)}pt; font-weight: 600; }}
QLabel#caption {{ font-size: {round(12 * zoom)}pt; font-weight: 600; color: {theme.caption}; }}
QLabel#slowMotion {{ font-size: {round(12 * zoom)}pt; font-weight: 600; color: {theme.accent}; }}
QPushButton#startButton {{ font-weight: 600; padding: 4px 14px; }}
QTreeWidget {{ font-size: {round(11 * zoom)}pt; }}
"""


def apply_theme(app: QApplication, theme: Theme) -> None:
    global _current
    _current = theme
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: theme.window, QPalette.ColorRole.WindowText: theme.foreground,
        QPalette.ColorRole.Base: theme.background, QPalette.ColorRole.AlternateBase: theme.window,
        QPalette.ColorRole.Text: theme.foreground, QPalette.ColorRole.Button: theme.window,
        QPalette.ColorRole.ButtonText: theme.foreground,
        QPalette.ColorRole.ToolTipBase: theme.background,
        QPalette.ColorRole.ToolTipText: theme.foreground,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Highlight: theme.highlight,
        QPalette.ColorRole.HighlightedText: theme.highlighted_text,
        QPalette.ColorRole.Link: theme.caption, QPalette.ColorRole.BrightText: theme.error,
    }  # fmt: skip
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    app.setPalette(palette)
