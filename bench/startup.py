"""Start-up: from launching the process to the first painted window, procscope's main window
against a bare PySide6 + pyqtgraph window on the same machine (target <= 1.15x, issue 17).

    python bench/startup.py [REPEAT]      (offscreen unless DISPLAY is set)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from common import ROOT, report

# Each child prints the moment of its first paint (monotonic); the parent started the clock.
FIRST_PAINT = """
import time
from PySide6.QtCore import QObject, QEvent
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.monotonic(), flush=True)
            app.quit()
        return False
first = First()
"""

BARE = """
from PySide6.QtWidgets import QApplication
import pyqtgraph as pg
app = QApplication([])
window = pg.PlotWidget()
window.resize(1600, 1000)
PLOT = window
"""

PROCSCOPE = """
import sys
sys.path.insert(0, ROOT)
from gui.app import create_app
from gui.window import MainWindow
app = create_app()
window = MainWindow()
PLOT = window.current_panel().gantt
"""

SHOW = """
PLOT.viewport().installEventFilter(first)
window.show()
app.exec()
"""


def first_paint(source: str) -> float:
    started = time.monotonic()
    source = f"ROOT = {str(ROOT)!r}\n{source}{FIRST_PAINT}{SHOW}"
    done = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    return float(done.stdout.split()[0]) - started


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    bare, ours = [], []
    for _ in range(repeat):
        bare.append(first_paint(BARE))
        ours.append(first_paint(PROCSCOPE))
    ratio = statistics.median(ours) / statistics.median(bare)
    report("startup", bare_window_s=round(statistics.median(bare), 3),
           procscope_window_s=round(statistics.median(ours), 3), ratio=round(ratio, 2),
           target_ratio=1.15)  # fmt: skip


if __name__ == "__main__":
    main()
