"""The program's source, highlighted, with a marker in the margin for each live process
at its current line, coloured as its lane."""

from __future__ import annotations

import keyword
import os
import re

from PySide6.QtCore import QRect, QRegularExpression, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from gui import palette, themes
from workers.model import RunModel

MARKER_SIZE = 10
MARKERS_WIDTH = 4 * (MARKER_SIZE + 2)  # room for four markers side by side


def _format(colour: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, builtins, strings, numbers and comments: enough to read a demo at a glance,
    in the theme's colours (each readable on its background: tests/test_themes.py)."""

    _PATTERNS = [  # (pattern, theme token, bold, italic)
        (r"\b(" + "|".join(keyword.kwlist) + r")\b", "keyword", True, False),
        (r"\b(print|range|len|self|super|True|False|None)\b", "builtin", False, False),
        (r"\b[0-9]+(\.[0-9]+)?\b", "number", False, False),
        (r"\bdef\s+(\w+)|\bclass\s+(\w+)", "definition", True, False),
        (r"[rbfu]?(\"[^\"\\n]*\"|'[^'\\n]*')", "string", False, False),
        (r"#[^\n]*", "comment", False, True),
    ]

    def __init__(self, document) -> None:
        super().__init__(document)
        self.set_theme(themes.current())

    def set_theme(self, theme: themes.Theme) -> None:
        self._rules = [(QRegularExpression(p), _format(getattr(theme, token), bold, italic))
                       for p, token, bold, italic in self._PATTERNS]  # fmt: skip
        self._docstring = _format(theme.string, italic=True)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        for expression, fmt in self._rules:
            matches = expression.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), fmt)
        self._triple_quotes(text)

    def _triple_quotes(self, text: str) -> None:
        inside = self.previousBlockState() == 1
        start = 0
        positions = [m.start() for m in re.finditer('"""', text)]
        for pos in positions:
            if inside:
                self.setFormat(start, pos + 3 - start, self._docstring)
            inside, start = not inside, pos
        if inside:
            self.setFormat(start, len(text) - start, self._docstring)
        self.setCurrentBlockState(1 if inside else 0)


class _Gutter(QWidget):
    def __init__(self, view: CodeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.view.paint_gutter(event)


class CodeView(QPlainTextEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # A line longer than the pane wraps (its number and markers stay on its first row):
        # on a narrow projector, or zoomed in, no code is ever cut off.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.set_font_scale(1.0)
        self._highlighter = PythonHighlighter(self.document())
        self._gutter = _Gutter(self)
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._on_update_request)
        self._update_margins()
        self.path = ""
        self.model: RunModel | None = None
        self.colours = palette.ProcessColours()
        self._markers: dict[int, list[QColor]] = {}
        # Above the code: the parameters in effect, which the source's defaults are not.
        self.banner = QLabel(self)
        self.banner.setObjectName("codeBanner")
        self.banner.setStyleSheet("QLabel#codeBanner { background: palette(alternate-base);"
                                  " padding: 2px 6px; }")  # fmt: skip
        self.banner.hide()

    def set_banner(self, text: str) -> None:
        """A line above the code (empty: none)."""
        self.banner.setText(text)
        self.banner.setToolTip(text)
        self.banner.setVisible(bool(text))
        self._update_margins()

    def set_theme(self, theme: themes.Theme) -> None:
        self._highlighter.set_theme(theme)
        self._gutter.update()

    def set_font_scale(self, scale: float) -> None:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(10.5 * scale)
        self.setFont(font)
        if hasattr(self, "_gutter"):
            self._update_margins()

    # ---- content ----------------------------------------------------------------------

    def show_file(self, path: str) -> None:
        self.path = os.path.realpath(path)
        try:
            with open(path, encoding="utf-8", errors="replace") as source:
                self.setPlainText(source.read())
        except OSError as exc:
            self.setPlainText(f"# cannot read {path}: {exc.strerror}")
        self._markers.clear()

    def show_source(self, text: str, path: str) -> None:
        """A recorded program's source, as it was when recorded (PATH: where it was)."""
        self.path = os.path.realpath(path)
        self.setPlainText(text)
        self._markers.clear()

    def set_model(self, model: RunModel, colours: palette.ProcessColours) -> None:
        self.model, self.colours = model, colours
        self._markers.clear()
        self._gutter.update()

    def markers(self) -> dict[int, list[QColor]]:
        """Line number -> colours of the processes there (what the margin shows)."""
        return {line: list(colours) for line, colours in self._markers.items()}

    def refresh(self) -> None:
        markers: dict[int, list[QColor]] = {}
        if self.model is not None:
            for proc in self.model.processes.values():
                if proc.alive and proc.line and os.path.realpath(proc.line[0]) == self.path:
                    markers.setdefault(proc.line[1], []).append(
                        self.colours.of(proc.pid, proc.helper)
                    )
        if markers != self._markers:
            self._markers = markers
            self._gutter.update()
            self._highlight_lines()
            self._bring_markers_into_view()

    def _bring_markers_into_view(self) -> None:
        """Scroll to the first marker, unless one is on screen already."""
        if not self._markers:
            return
        first = self.firstVisibleBlock().blockNumber() + 1
        rows = self.viewport().height() // max(self.fontMetrics().lineSpacing(), 1)
        if any(first <= line < first + rows for line in self._markers):
            return
        bar = self.verticalScrollBar()
        bar.setValue(max(0, min(self._markers) - 1 - rows // 3))

    # ---- the margin -------------------------------------------------------------------

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return MARKERS_WIDTH + 8 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margins(self, *_args) -> None:
        banner = getattr(self, "banner", None)
        top = banner.sizeHint().height() if banner is not None and banner.isVisible() else 0
        self.setViewportMargins(self.gutter_width(), top, 0, 0)
        self._place_children()

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_children()

    def _place_children(self) -> None:
        if not hasattr(self, "_gutter"):
            return
        cr = self.contentsRect()
        top = 0
        if getattr(self, "banner", None) is not None and self.banner.isVisible():
            top = self.banner.sizeHint().height()
            self.banner.setGeometry(QRect(cr.left(), cr.top(), cr.width(), top))
        self._gutter.setGeometry(QRect(cr.left(), cr.top() + top, self.gutter_width(),
                                       cr.height() - top))  # fmt: skip

    def paint_gutter(self, event) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), self.palette().color(self.palette().ColorRole.Window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = round(self.blockBoundingRect(block).height())
        number_width = self._gutter.width() - MARKERS_WIDTH - 6
        while block.isValid() and top <= event.rect().bottom():
            line = block.blockNumber() + 1
            if block.isVisible() and top + height >= event.rect().top():
                painter.setPen(QColor(themes.current().muted))
                painter.drawText(MARKERS_WIDTH, top, number_width, height,
                                 Qt.AlignmentFlag.AlignRight, str(line))  # fmt: skip
                for i, colour in enumerate(self._markers.get(line, [])[:4]):
                    painter.setBrush(colour)
                    painter.setPen(colour.darker(130))
                    y = top + (height - MARKER_SIZE) // 2
                    painter.drawEllipse(2 + i * (MARKER_SIZE + 2), y, MARKER_SIZE, MARKER_SIZE)
            block = block.next()
            top += height
            height = round(self.blockBoundingRect(block).height())
        painter.end()

    def _highlight_lines(self) -> None:
        selections = []
        for line, colours in self._markers.items():
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            tint = QColor(colours[0])
            tint.setAlpha(45)
            selection.format.setBackground(tint)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = self.textCursor()
            selection.cursor.setPosition(block.position())
            selection.cursor.clearSelection()
            selections.append(selection)
        self.setExtraSelections(selections)
