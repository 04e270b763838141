"""Latency: from a print in a child process to its line in the model (target p95 <= 35 ms),
with the model fed at the window's pump period,
with the child printing now and then between bursts of CPU work and sleeps, as a demo does.
Each line carries the moment it was printed (time.monotonic(), one clock for all
processes); a line's latency is from then to the pump that brought it into the model.

    python bench/latency.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import percentile, report

from gui.pump import PUMP_PERIOD_MS
from workers.run import Run

PROGRAM = """
import time
from multiprocessing import Process

def child():
    for i in range(60):
        print(i, time.monotonic())
        if i % 2:
            time.sleep(0.03)
        else:
            end = time.monotonic() + 0.03
            while time.monotonic() < end:
                pass

if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    p.join()
"""


def main() -> None:
    delays: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "latency.py"
        program.write_text(PROGRAM)
        run = Run(program)
        run.start()
        seen = 0
        while not run.poll():  # at the window's pace
            run.pump()
            now = time.monotonic()
            for line in run.model.prints[seen:]:
                parts = line.text.split()
                if len(parts) == 2:
                    delays.append(now - float(parts[1]))
            seen = len(run.model.prints)
            time.sleep(PUMP_PERIOD_MS / 1000)
    delays_ms = [d * 1000 for d in delays]
    report("latency", lines=len(delays_ms), p50_ms=round(percentile(delays_ms, 0.5), 1),
           p95_ms=round(percentile(delays_ms, 0.95), 1), max_ms=round(max(delays_ms), 1),
           target_p95_ms=35)  # fmt: skip


if __name__ == "__main__":
    main()
