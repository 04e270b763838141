"""Soak: start and stop runs at random moments across every demo, in the window, then close
the window mid-run. Afterwards nothing of the runs may be left: processes, zombies, file
descriptors, threads; and the GUI's memory should not have grown by more than 10 %.

    QT_QPA_PLATFORM=offscreen python bench/soak_stop.py [CYCLES]   (default 200)

Prints one JSON line with the figures.
"""

from __future__ import annotations

import json
import os
import random
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WARM_UP_CYCLES = 12  # memory is measured after these (caches, fonts, first imports)


def _settle(app, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)


def main() -> None:
    cycles = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    from gui.app import create_app
    from gui.window import MainWindow
    from workers.demos import registry

    app = create_app()
    me = psutil.Process()
    demos = [d.id for d in registry.all_demos() if d.available()]
    rng = random.Random(2026)
    window = MainWindow()
    window.show()
    baseline: dict[str, float] = {}
    stop_times = []
    for cycle in range(cycles):
        panel = window.show_concept(demos[cycle % len(demos)])
        panel.start()
        _settle(app, rng.uniform(0.0, 1.2))
        started = time.monotonic()
        panel.stop()
        stop_times.append(time.monotonic() - started)
        if cycle + 1 == WARM_UP_CYCLES:
            _settle(app, 0.5)
            baseline = {"rss": me.memory_info().rss, "fds": me.num_fds(),
                        "threads": me.num_threads()}  # fmt: skip
    # the last run is left live and the window closed on it
    panel = window.show_concept("pool-async")
    panel.start()
    _settle(app, 1.0)
    window.close()
    _settle(app, 0.5)
    left = [p for p in me.children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE]
    zombies = [p for p in me.children(recursive=True) if p.status() == psutil.STATUS_ZOMBIE]
    rss = me.memory_info().rss
    stop_times.sort()
    print(json.dumps({
        "bench": "soak_stop", "cycles": cycles, "processes_left": len(left),
        "zombies_left": len(zombies),
        "fds_growth": me.num_fds() - baseline["fds"],
        "threads_growth": me.num_threads() - baseline["threads"],
        "python_threads": threading.active_count(),
        "rss_growth_percent": round(100 * (rss - baseline["rss"]) / baseline["rss"], 1),
        "stop_seconds_p50": round(stop_times[len(stop_times) // 2], 3),
        "stop_seconds_max": round(stop_times[-1], 3),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
