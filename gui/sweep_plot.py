"""The speed-up sweep's picture: speed-up against the size parameter, with the ideal line
(n workers, n times faster) and Amdahl's curve for the fitted serial fraction; the
makespans are in the CSV beside it (--sweep) or in Run history (the panel's Sweep)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workers.sweep import PHASES, Point, amdahl, serial_fraction, speedups

WIDTH, HEIGHT = 900, 560


def sweep_plot_widget(points: list[Point], name: str, parent=None):
    import pyqtgraph as pg
    from PySide6.QtCore import Qt

    from gui import themes
    from gui.palette import LANE_COLOURS

    theme = themes.current()
    plot = pg.PlotWidget(parent, background=theme.background)
    item = plot.getPlotItem()
    item.showGrid(x=True, y=True, alpha=0.25)
    item.setLabel("bottom", name)
    item.setLabel("left", "speed-up (makespan at the first value / makespan)")
    item.addLegend(offset=(-10, 10))  # top right: the lines start high on the left
    values = [p.value for p in points]
    if not values:
        return plot
    item.getAxis("bottom").setTicks([[(v, str(v)) for v in values], []])  # whole numbers
    item.getAxis("left").enableAutoSIPrefix(False)
    if all(p.phases for p in points):
        _plot_phases(item, points, theme)
        return plot
    ideal = [v / values[0] for v in values]
    item.plot(values, ideal, pen=pg.mkPen(theme.muted, width=2, style=Qt.PenStyle.DashLine),
              name="ideal")  # fmt: skip
    fraction = serial_fraction(points)
    if fraction is not None:
        fine = [values[0] + i * (values[-1] - values[0]) / 100 for i in range(101)]
        base = amdahl(fraction, values[0])
        item.plot(fine, [amdahl(fraction, v) / base for v in fine],
                  pen=pg.mkPen(LANE_COLOURS[1], width=2),
                  name=f"Amdahl, serial fraction {fraction:.2f}")  # fmt: skip
    item.plot(values, speedups(points), pen=pg.mkPen(LANE_COLOURS[0], width=3), symbol="o",
              symbolBrush=LANE_COLOURS[0], name="measured")  # fmt: skip
    for axis in ("left", "bottom"):
        item.getAxis(axis).setTextPen(theme.foreground)
        item.getAxis(axis).setPen(theme.foreground)
    return plot


def _plot_phases(item, points: list[Point], theme) -> None:
    """A run with work in threads and in processes (gil): each one's wall time against N."""
    import pyqtgraph as pg

    from gui.i18n import tr
    from gui.palette import LANE_COLOURS

    item.setLabel("left", tr("wall time (s)"))
    values = [p.value for p in points]
    for i, kind in enumerate(PHASES):
        colour = LANE_COLOURS[i * 2]
        item.plot(values, [p.phases[kind] for p in points], pen=pg.mkPen(colour, width=3),
                  symbol="o", symbolBrush=colour, name=tr(kind))  # fmt: skip
    longest = max(max(p.phases.values()) for p in points)
    item.setYRange(0, longest * 1.1, padding=0)  # from zero: the lines' heights compare
    for axis in ("left", "bottom"):
        item.getAxis(axis).setTextPen(theme.foreground)
        item.getAxis(axis).setPen(theme.foreground)


def render_sweep_png(points: list[Point], name: str, path: str | Path, title: str) -> None:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, as --png's Gantt
    from PySide6.QtCore import Qt

    from gui.app import create_app
    from gui.export import export_png

    app = create_app(sys.argv[:1])
    plot = sweep_plot_widget(points, name)
    plot.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    plot.resize(WIDTH, HEIGHT)
    plot.show()
    app.processEvents()
    export_png(plot, path, width=WIDTH, title=title)
    plot.close()
