"""A lane's menu (right click, in any run, presenter view too): send that process SIGTERM,
SIGKILL, SIGINT, or SIGSTOP/SIGCONT, so a lecturer can kill a Pool worker mid-task and show
what the Pool does. The chart marks where each signal was sent (SignalMarks)."""

from __future__ import annotations

import signal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from gui import themes
from gui.i18n import tr

SIGNALS = (  # (signal, what the menu says)
    (signal.SIGTERM, "Terminate (SIGTERM)"),
    (signal.SIGKILL, "Kill (SIGKILL)"),
    (signal.SIGINT, "Interrupt (SIGINT, as Ctrl+C)"),
    (signal.SIGSTOP, "Freeze (SIGSTOP)"),
    (signal.SIGCONT, "Thaw (SIGCONT)"),
)


def lane_menu(parent, pid: int, label: str, send) -> QMenu:
    """The menu of PID's lane; SEND(pid, signum) is called with the chosen signal."""
    menu = QMenu(parent)
    title = menu.addAction(tr("Process {0} ({1})").format(pid, label))
    title.setEnabled(False)
    menu.addSeparator()
    for signum, text in SIGNALS:
        action = menu.addAction(tr(text))
        action.setData(int(signum))
        action.triggered.connect(lambda _=False, s=signum: send(pid, s))
    return menu


def show_lane_menu(panel, pid: int, where: QPoint) -> QMenu | None:
    """Open PID's lane menu at WHERE (screen) for PANEL's live run."""
    run = panel.run
    if run is None or not panel.live or pid not in run.model.processes:
        return None
    proc = run.model.processes[pid]

    def send(target: int, signum: int) -> None:
        name = signal.Signals(signum).name
        if run.signal_process(target, signum):
            panel.sig_status.emit(tr("Sent {0} to process {1}.").format(name, target))
        else:
            panel.sig_status.emit(tr("Process {0} is no longer running.").format(target))

    menu = lane_menu(panel, pid, proc.name, send)
    menu.popup(where)
    return menu


class SignalMarks:
    """A mark on a lane where procscope sent its process a signal, named in its tooltip."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        self._item = pg.ScatterPlotItem(symbol="x", size=14, pen=pg.mkPen(width=2.5),
                                        brush=None, hoverable=True)  # fmt: skip
        self._item.setZValue(9)
        plot.addItem(self._item)
        self._key: tuple = ()

    def update(self, signals: list[tuple[int, float, str]], lane_of: dict[int, int]) -> None:
        key = (len(signals), tuple(lane_of))
        if key == self._key:
            return
        self._key = key
        shown = [(t, lane_of[pid], name) for pid, t, name in signals if pid in lane_of]
        colour = themes.current().error
        self._item.setData(
            x=np.array([t for t, _l, _n in shown], dtype=float),
            y=np.array([lane for _t, lane, _n in shown], dtype=float),
            data=[name for _t, _l, name in shown],
            pen=pg.mkPen(colour, width=2.5),
        )  # fmt: skip
        self._item.setToolTip("\n".join(f"{name} at {t:.2f} s" for t, _l, name in shown))
