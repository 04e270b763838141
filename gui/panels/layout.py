"""How a concept panel is laid out, and what its status line says when a run ends."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from gui.i18n import tr
from gui.panels.panes import Panes
from gui.panels.replay_control import ReplayControl
from gui.panels.sweep_control import SweepControl
from gui.views.captions import CaptionBar
from gui.views.code_view import CodeView
from gui.views.console import ConsoleView
from gui.views.gantt import GanttView
from gui.views.history import HistoryTable
from gui.views.lane_menu import show_lane_menu
from gui.views.process_tree import ProcessTree
from gui.views.step_grid import StepGrid
from gui.views.values_table import ValuesTable
from workers.session import RunRecord

if TYPE_CHECKING:
    from gui.panels.concept import ConceptPanel


def _reason(reason: str) -> str:
    """A stop reason from workers/ (English there, where no Qt is), in the UI's language."""
    cap = re.fullmatch(r"it ran more than (\d+) processes at once \(the process cap\)", reason)
    if cap:
        return tr("it ran more than {0} processes at once (the process cap)").format(cap[1])
    return reason


def status_line(record: RunRecord) -> str:
    """The status bar's words for a run that ended."""
    if record.exitcode is None:
        if record.stop_reason in ("", "stopped"):
            return tr("Stopped after {0} s; nothing is left running.").format(
                f"{record.stopped_after:.1f}")  # fmt: skip
        return tr("Stopped after {0} s because {1}; nothing is left running.").format(
            f"{record.stopped_after:.1f}", _reason(record.stop_reason))  # fmt: skip
    said = tr("Finished in {0} s: {1} processes, {2} tasks, exit code {3}.").format(
        f"{record.makespan:.2f}", record.processes, record.tasks, record.exitcode)  # fmt: skip
    if record.paused >= 0.05:
        said += " " + tr("(paused {0} s)").format(f"{record.paused:.1f}")
    return said


def layout_panel(panel: ConceptPanel) -> None:
    """Title and explanation, a row of parameters, the run controls, then the panes: the
    chart above the code, the console and the tabs (gui/panels/panes.py)."""
    chart = QWidget(panel)
    chart_layout = QVBoxLayout(chart)
    chart_layout.setContentsMargins(0, 0, 0, 0)
    captions = QHBoxLayout()
    captions.addWidget(panel.caption, 1)
    captions.addWidget(panel.slow_label)
    chart_layout.addLayout(captions)
    chart_layout.addWidget(panel.gantt, 1)
    chart_layout.addWidget(panel.replayer)  # shown while a recorded run is replayed
    panel.panes = Panes(panel, chart, panel.code, panel.console, panel.tabs, panel.settings)
    layout = QVBoxLayout(panel)
    layout.addWidget(panel.title)
    layout.addWidget(panel.explanation)
    if panel.demo is None or panel.demo.params:
        layout.addWidget(panel.params)
    else:
        panel.params.hide()  # nothing to set: no row (and no stray Reset button)
    layout.addWidget(panel.run_controls)
    layout.addWidget(panel.panes.main, 1)


def build_views(panel: ConceptPanel) -> None:
    """The live views of a run, and how they follow each other."""
    panel.caption = CaptionBar(panel)
    panel.slow_label = QLabel(panel)
    panel.slow_label.setObjectName("slowMotion")
    panel.gantt = GanttView(panel)
    panel.follow_button.toggled.connect(panel.gantt.set_follow)
    panel.code = CodeView(panel)
    panel.console = ConsoleView(panel)
    panel.processes = ProcessTree(panel)
    panel.history = HistoryTable(panel)
    panel.values = ValuesTable(panel)
    panel.step_grid = StepGrid(panel)
    panel.step_grid.sig_status.connect(panel.sig_status)
    panel.gantt.sig_lane_clicked.connect(panel.processes.select_pid)
    panel.gantt.sig_lane_menu.connect(lambda pid, where: show_lane_menu(panel, pid, where))
    panel.processes.sig_process_selected.connect(panel.gantt.highlight)
    panel.processes.sig_process_selected.connect(panel.stepper.select)
    panel.replayer = ReplayControl(panel)
    panel.sweeper = SweepControl(panel)
    if panel.sweeper.name is not None:
        panel.run_controls.sweep_button.show()
        panel.run_controls.sweep_button.clicked.connect(lambda: panel.sweeper.start())
    panel.tabs = QTabWidget(panel)
    for view in (panel.processes, panel.values, panel.history, panel.step_grid):
        panel.tabs.addTab(view, "")


def apply_zoom(panel: ConceptPanel, scale: float) -> None:
    for view in (panel.gantt, panel.code, panel.console):
        view.set_font_scale(scale)


def apply_theme(panel: ConceptPanel, theme) -> None:
    for view in (panel.gantt, panel.code):
        view.set_theme(theme)
    panel.console.view.viewport().update()  # its colours are read as it paints
    panel.gantt.refresh(panel.gantt._now)
    if panel.shown_model is not None:
        panel.processes.refresh()
