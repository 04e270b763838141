"""How a concept panel is laid out, and what its status line says when a run ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from gui.i18n import tr
from workers.session import RunRecord

if TYPE_CHECKING:
    from gui.panels.concept import ConceptPanel


def status_line(record: RunRecord) -> str:
    """The status bar's words for a run that ended."""
    if record.exitcode is None:
        if record.stop_reason in ("", "stopped"):
            return tr("Stopped after {0} s; nothing is left running.").format(
                f"{record.stopped_after:.1f}")  # fmt: skip
        return tr("Stopped after {0} s because {1}; nothing is left running.").format(
            f"{record.stopped_after:.1f}", record.stop_reason)  # fmt: skip
    said = tr("Finished in {0} s: {1} processes, {2} tasks, exit code {3}.").format(
        f"{record.makespan:.2f}", record.processes, record.tasks, record.exitcode)  # fmt: skip
    if record.paused >= 0.05:
        said += " " + tr("(paused {0} s)").format(f"{record.paused:.1f}")
    return said


def layout_panel(panel: ConceptPanel) -> None:
    """Title and explanation, a row of parameters, the run controls, then the chart above
    code, console and the tabs. Two rows, so the panel fits a 1280-pixel projector."""
    inputs = QHBoxLayout()
    if panel.demo is None:
        inputs.addWidget(panel.open_button)
        inputs.addWidget(panel.arguments, 1)
    else:
        for control in panel.controls:
            inputs.addWidget(control)
        inputs.addStretch(1)
    lower = QSplitter(Qt.Orientation.Horizontal, panel)
    for widget in (panel.code, panel.console, panel.tabs):
        lower.addWidget(widget)
    lower.setSizes([440, 370, 620])
    chart = QWidget(panel)
    chart_layout = QVBoxLayout(chart)
    chart_layout.setContentsMargins(0, 0, 0, 0)
    captions = QHBoxLayout()
    captions.addWidget(panel.caption, 1)
    captions.addWidget(panel.slow_label)
    chart_layout.addLayout(captions)
    chart_layout.addWidget(panel.gantt, 1)
    main = QSplitter(Qt.Orientation.Vertical, panel)
    main.addWidget(chart)
    main.addWidget(lower)
    main.setSizes([430, 330])
    layout = QVBoxLayout(panel)
    layout.addWidget(panel.title)
    layout.addWidget(panel.explanation)
    if panel.demo is None or panel.demo.params:
        layout.addLayout(inputs)
    layout.addWidget(panel.run_controls)
    layout.addWidget(main, 1)
