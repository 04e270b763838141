"""Ingest: events per second from an observed program into the run model, nothing lost,
against multiprocessing.Queue carrying the same number of small messages (unbatched and in
batches of 100), measured in the same run. Target: >= 200,000 events/s.

    python bench/ingest.py [EVENTS_PER_PROCESS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from multiprocessing import Process, Queue
from pathlib import Path

from common import report

from workers.run import Run

PROGRAM = """
import sys
from multiprocessing import Process

N = int(sys.argv[1])

def emit():
    for i in range(N):
        print(i)

if __name__ == "__main__":
    p = Process(target=emit)
    p.start()
    emit()
    p.join()
"""


def _producer(queue: Queue, count: int, batch: int) -> None:
    if batch == 1:
        for i in range(count):
            queue.put(("O", 1.0, 0, str(i)))
    else:
        for start in range(0, count, batch):
            queue.put([("O", 1.0, 0, str(i)) for i in range(start, start + batch)])
    queue.put(None)


def queue_rate(count: int, batch: int) -> float:
    queue: Queue = Queue()
    producer = Process(target=_producer, args=(queue, count, batch))
    started = time.perf_counter()
    producer.start()
    received = 0
    while (item := queue.get()) is not None:
        received += 1 if batch == 1 else len(item)
    producer.join()
    assert received == count
    return count / (time.perf_counter() - started)


def procscope_rate(count: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "emit.py"
        program.write_text(PROGRAM)
        run = Run(program, [str(count)])
        started = time.perf_counter()
        run.start()
        while not run.poll():
            run.pump()
            time.sleep(0.001)
        seconds = time.perf_counter() - started
        events = len(run.model.prints)
        lost = 2 * count - events
        return events / seconds, lost


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    rate, lost = procscope_rate(count)
    report(
        "ingest",
        events=2 * count,
        procscope_events_per_s=round(rate),
        lost=lost,
        target_events_per_s=200_000,
        mp_queue_unbatched_per_s=round(queue_rate(count, 1)),
        mp_queue_batched_100_per_s=round(queue_rate(count, 100)),
    )


if __name__ == "__main__":
    main()
