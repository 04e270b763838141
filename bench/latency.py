"""Latency: from a print in a child process to its line in the model (target p95 <= 50 ms),
with the model fed at the window's pump period,
with the child printing now and then between bursts of CPU work and sleeps, as a demo does.

    python bench/latency.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import percentile, report

from gui.pump import PUMP_PERIOD_MS
from workers import wire
from workers.run import Run

PROGRAM = """
import time
from multiprocessing import Process

def child():
    for i in range(60):
        print(i)
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
        apply = run.model.apply

        def timed_apply(events):  # when each printed line reaches the model
            now = time.monotonic()
            delays.extend(now - e.t for e in events if isinstance(e, wire.Output))
            apply(events)

        run.start()
        run.model.apply = timed_apply
        while not run.poll():  # at the window's pace
            run.pump()
            time.sleep(PUMP_PERIOD_MS / 1000)
    delays_ms = [d * 1000 for d in delays]
    report("latency", lines=len(delays_ms), p50_ms=round(percentile(delays_ms, 0.5), 1),
           p95_ms=round(percentile(delays_ms, 0.95), 1), max_ms=round(max(delays_ms), 1),
           target_p95_ms=50)  # fmt: skip


if __name__ == "__main__":
    main()
