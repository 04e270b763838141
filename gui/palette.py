"""Colours: one per lane (process) and one per task function, readable on a projector.

Okabe-Ito plus a few Tableau hues: distinct for colour-blind viewers and on white.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

LANE_COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
    "#D55E00", "#8C6D31", "#7F3C8D", "#3969AC", "#11A579",
)  # fmt: skip
TASK_COLOURS = (
    "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#EDC948",
    "#76B7B2", "#FF9DA7", "#9C755F", "#E15759", "#BAB0AC",
)  # fmt: skip
HELPER_COLOUR = "#9A9A9A"
WAIT_COLOUR = "#B8B8B8"
ERROR_COLOUR = "#C62828"
OK_COLOUR = "#2E7D32"
NOW_COLOUR = "#C62828"


def lane_colour(index: int) -> QColor:
    return QColor(LANE_COLOURS[index % len(LANE_COLOURS)])


def task_colour(index: int) -> QColor:
    return QColor(TASK_COLOURS[index % len(TASK_COLOURS)])


class ProcessColours:
    """A stable colour per process for one run, shared by every view of the run."""

    def __init__(self) -> None:
        self._index: dict[int, int] = {}
        self._text: dict[tuple, QColor] = {}  # (pid, helper, background) -> text colour

    def text_of(self, pid: int, helper: bool = False) -> QColor:
        """The process's colour for text: readable on the current theme's background
        (worked out once per background: every console row and table cell asks)."""
        from gui import themes

        background = themes.current().background
        key = (pid, helper, background)
        colour = self._text.get(key)
        if colour is None:
            colour = self._text[key] = themes.readable(self.of(pid, helper), background)
        return QColor(colour)

    def of(self, pid: int, helper: bool = False) -> QColor:
        if helper:
            return QColor(HELPER_COLOUR)
        index = self._index.setdefault(pid, len(self._index))
        return lane_colour(index)
