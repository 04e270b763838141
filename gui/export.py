"""Pictures of the Gantt chart (PNG, SVG), from the window or headless (--png)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workers.model import RunModel

PNG_WIDTH = 1600
LANE_PX = 46
CHROME_PX = 110  # axes and margins around the lanes
TITLE_PX = 30


def export_png(gantt, path: str | Path, width: int = PNG_WIDTH, title: str = "") -> None:
    """The chart as a picture, with TITLE above it (what ran, with which parameters), so
    a picture in the lecture notes says what it shows."""
    from pyqtgraph.exporters import ImageExporter

    plot = gantt.getPlotItem()
    if title:
        plot.setTitle(title, size="11pt")
        plot.layout.activate()  # the title takes its room before the picture is taken
    try:
        exporter = ImageExporter(plot)
        exporter.parameters()["width"] = width
        _save(exporter.export, path)
    finally:
        if title:
            plot.setTitle(None)


def export_svg(gantt, path: str | Path) -> None:
    """The chart as drawn, through Qt's SVG painter (pyqtgraph's SVGExporter fails on some
    of our paths: hatched brushes and tick symbols)."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    def write(target: str) -> None:
        generator = QSvgGenerator()
        generator.setFileName(target)
        generator.setSize(QSize(gantt.width(), gantt.height()))
        generator.setViewBox(QRect(0, 0, gantt.width(), gantt.height()))
        generator.setTitle("procscope Gantt chart")
        painter = QPainter(generator)
        gantt.render(painter)
        painter.end()

    _save(write, path)


def _save(write, path: str | Path) -> None:
    """Write to a temporary file, then rename: never half a picture."""
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    write(str(tmp))
    os.replace(tmp, path)


def render_png(
    model: RunModel, path: str | Path, title: str = "", now: float | None = None
) -> None:
    """The Gantt picture of a finished run (or of a replayed one at NOW), without a window
    on screen (for --png)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt

    from gui.app import create_app
    from gui.palette import ProcessColours
    from gui.views.gantt import GanttView

    app = create_app(sys.argv[:1])
    gantt = GanttView()
    gantt.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    lanes = max(len(model.processes), 1)
    gantt.resize(PNG_WIDTH, CHROME_PX + TITLE_PX + LANE_PX * lanes)
    gantt.set_model(model, ProcessColours())
    gantt.show()
    app.processEvents()
    at = now if now is not None else model.finished_at or 0.0
    gantt.refresh(at)
    gantt.set_follow(False)  # the whole run, edge to edge
    gantt.getPlotItem().getViewBox().setXRange(0, (at or 1.0) * 1.04, padding=0)
    app.processEvents()
    export_png(gantt, path, title=f"{title or 'procscope'} ({at:.2f} s)")
    gantt.close()
