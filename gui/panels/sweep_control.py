"""The panel's Sweep: on a demo with a size parameter (pool size, processes, threads), run it
once for each value 1..N in turn (each run lands in Run history), then plot makespan's
speed-up against the ideal line and Amdahl's curve (gui/sweep_plot.py draws the same for
--sweep). The plot can be saved as PNG or SVG."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout

from gui.i18n import tr
from workers.sweep import Point, point_of

SIZE_PARAMETERS = ("pool_size", "processes", "workers", "threads")


def size_parameter(demo) -> str | None:
    """The demo's parameter a sweep varies, if it has one."""
    names = {p.name: p for p in demo.params} if demo is not None else {}
    return next((n for n in SIZE_PARAMETERS if n in names and names[n].kind is int), None)


class SweepControl(QObject):
    sig_done = Signal()

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.name = size_parameter(panel.demo)
        self.values: list[int] = []
        self.points: list[Point] = []
        self.dialog: QDialog | None = None
        panel.sig_run_finished.connect(self._on_run_finished)

    @property
    def running(self) -> bool:
        return bool(self.values)

    def start(self, high: int | None = None) -> bool:
        """Run the demo for 1..HIGH (default: the parameter's value now)."""
        control = self._control()
        if control is None or self.panel.live:
            return False
        high = high or int(control.text())
        self.values, self.points = list(range(1, max(high, 1) + 1)), []
        self._next()
        return True

    def _control(self):
        return next((c for c in self.panel.controls if c.param.name == self.name), None)

    def _next(self) -> None:
        control = self._control()
        control.set_text(str(self.values[len(self.points)]))
        self.panel.sig_status.emit(tr("Sweep: {0} = {1} of {2}…").format(
            self.name, self.values[len(self.points)], self.values[-1]))  # fmt: skip
        self.panel.start()

    def _on_run_finished(self) -> None:
        if not self.running or self.panel.run is None:
            return
        run = self.panel.run
        if run.stopped:  # the lecturer stopped it: the sweep stops too
            self.values = []
            return
        value = self.values[len(self.points)]
        self.points.append(point_of(run.model, value, run.exitcode))
        if len(self.points) < len(self.values):
            self._next()
            return
        self.values = []
        self.show_plot()
        self.sig_done.emit()

    def show_plot(self) -> QDialog:
        from gui.sweep_plot import sweep_plot_widget

        dialog = QDialog(self.panel)
        dialog.setWindowTitle(tr("Speed-up sweep"))
        plot = sweep_plot_widget(self.points, self.name, dialog)
        save = QPushButton(tr("Save PNG or SVG…"), dialog)
        save.clicked.connect(lambda: self._save(plot))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        layout = QVBoxLayout(dialog)
        layout.addWidget(plot, 1)
        layout.addLayout(buttons)
        dialog.resize(820, 560)
        dialog.show()
        self.dialog = dialog
        return dialog

    def _save(self, plot) -> None:
        from gui.export import export_png, export_svg

        path, _ = QFileDialog.getSaveFileName(self.panel, tr("Save the sweep"), "sweep.png",
                                              "PNG (*.png);;SVG (*.svg)")  # fmt: skip
        if path.endswith(".svg"):
            export_svg(plot, path)
        elif path:
            export_png(plot, path if path.endswith(".png") else f"{path}.png")
