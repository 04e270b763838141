"""Message arrows: the Gantt's repaint with 10,000 arrows between 8 lanes (target: under
16 ms), against the same chart without them, and the model's pairing of 10,000 queue
messages (done again only when a message came in). All 10,000 drawn cost about 10 ms more
per repaint and read as a smear; past MAX_DRAWN (2,000) only the selected lane's are drawn.

    QT_QPA_PLATFORM=offscreen python bench/arrows.py
"""

from __future__ import annotations

import time

from common import report
from drawing import LANES, build_model, repaint_ms

from workers import wire

ARROWS = 10_000


def add_messages(model, count: int) -> None:
    events = []
    for i in range(count):
        src, dst, t = 100 + i % LANES, 100 + (i + 3) % LANES, i * 0.0005
        events.append(wire.MessageEnd(src, t, "queue", 7, "send", 16, repr(i)))
        events.append(wire.MessageEnd(dst, t + 0.002, "queue", 7, "recv", 16, ""))
    model.apply(events)


def main() -> None:
    from gui.app import create_app
    from gui.palette import ProcessColours
    from gui.views.gantt import GanttView

    app = create_app()
    model = build_model(10_000)
    view = GanttView()
    view.resize(1400, 700)
    view.show()
    view.set_model(model, ProcessColours())
    view.refresh(5.0)
    app.processEvents()
    without = repaint_ms(view)
    add_messages(model, ARROWS)
    started = time.perf_counter()
    flows = model.flows()
    pairing_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    model.flows()
    cached_ms = (time.perf_counter() - started) * 1000
    view.refresh(5.0)
    app.processEvents()
    crowded = repaint_ms(view)  # too many to draw: none until a lane is selected
    view.highlight(100)
    app.processEvents()
    selected = repaint_ms(view)  # the selected lane's arrows (MAX_DRAWN at most)
    report("arrows", arrows=len(flows), repaint_without_ms=round(without, 1),
           repaint_crowded_ms=round(crowded, 1), repaint_selected_ms=round(selected, 1),
           drawn_selected=len(view.arrows._drawn), target_ms=16,
           pairing_ms=round(pairing_ms, 1), pairing_cached_ms=round(cached_ms, 3))  # fmt: skip


if __name__ == "__main__":
    main()
