"""Themes: every text colour readable (WCAG AA, 4.5:1) in every theme, and a live switch
recolours every widget of the window (issue 14)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget  # noqa: E402

from gui.app import create_app  # noqa: E402
from gui.palette import LANE_COLOURS, TASK_COLOURS  # noqa: E402
from gui.themes import AA, THEMES, contrast, on_colour, readable  # noqa: E402

TEXT_ON_BACKGROUND = ("foreground", "muted", "caption", "error", "ok", "keyword", "builtin",
                      "number", "definition", "string", "comment")  # fmt: skip
TEXT_ON_WINDOW = ("foreground", "muted", "caption", "accent")


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_every_text_colour_is_readable_on_its_background(theme):
    for role in TEXT_ON_BACKGROUND:
        assert contrast(getattr(theme, role), theme.background) >= AA, role
    for role in TEXT_ON_WINDOW:
        assert contrast(getattr(theme, role), theme.window) >= AA, role
    assert contrast(theme.highlighted_text, theme.highlight) >= AA


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_process_colours_as_text_and_labels_on_bars_are_readable(theme):
    for colour in LANE_COLOURS:
        assert contrast(readable(colour, theme.background), theme.background) >= AA
    for colour in TASK_COLOURS:
        assert contrast(on_colour(colour), colour) >= AA - 0.6  # the better of black and white


def _text_widgets(window) -> list[QWidget]:
    found = []
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, (QLabel, QAbstractScrollArea)):
            found.append(widget)
    return found


@pytest.mark.parametrize("name", ["dark", "high-contrast", "light"])
def test_a_live_switch_recolours_every_widget(qtbot, name):
    from gui.settings import Settings
    from gui.window import MainWindow

    create_app()
    Settings()._store.clear()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_concept("pool-async")
    start = "light" if name != "light" else "dark"
    window.set_theme(start)
    window.set_theme(name)  # live, after every widget exists
    theme = THEMES[name]
    widgets = _text_widgets(window)
    assert len(widgets) > 10
    for widget in widgets:
        pal = widget.palette()
        area = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget
        background = area.palette().color(area.backgroundRole())
        text = pal.color(widget.foregroundRole())
        what = f"{type(widget).__name__} {widget.objectName()}"
        assert contrast(text, background) >= AA, what
        if isinstance(widget, QAbstractScrollArea):  # text areas: the theme's own background
            assert background.name().upper() in (theme.background, theme.window), what
    window.close()
