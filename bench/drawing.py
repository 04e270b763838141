"""Drawing: the Gantt's repaint with 100,000 bars (target <= 16 ms), a pan frame with
1,000,000 bars (<= 50 ms), a live tick that appends 1,000 bars against a full rebuild, and
the GUI process's memory holding 1,000,000 bars (<= 300 MB).

    QT_QPA_PLATFORM=offscreen python bench/drawing.py
"""

from __future__ import annotations

import gc
import time

import psutil
from common import percentile, report

from workers import wire
from workers.model import RunModel

LANES = 8


def build_model(bars: int) -> RunModel:
    model = RunModel(0.0)
    model.apply([wire.ProcessBegin(100 + i, 0.0, 100 if i else 1, f"Worker-{i}", "pool-worker",
                                   "fork") for i in range(LANES)])  # fmt: skip
    events: list = []
    for i in range(bars):
        pid, t = 100 + i % LANES, (i // LANES) * 0.001
        events.append(wire.TaskBegin(pid, t, i, f"f{i % 5}", str(i)))
        events.append(wire.TaskEnd(pid, t + 0.0008, i, None))
        if len(events) >= 20_000:
            model.apply(events)
            events = []
    model.apply(events)
    return model


def append(model: RunModel, first: int, count: int) -> None:
    events: list = []
    for i in range(first, first + count):
        pid, t = 100 + i % LANES, (i // LANES) * 0.001
        events += [wire.TaskBegin(pid, t, i, f"f{i % 5}", str(i)),
                   wire.TaskEnd(pid, t + 0.0008, i, None)]  # fmt: skip
    model.apply(events)


def repaint_ms(view, times: int = 15) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        view.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
    return percentile(samples, 0.5)


def main() -> None:
    from gui.app import create_app
    from gui.palette import ProcessColours
    from gui.views.gantt import GanttView

    app = create_app()
    me = psutil.Process()
    rss_before = me.memory_info().rss

    view = GanttView()
    view.resize(1600, 700)
    view.show()
    app.processEvents()
    model = build_model(100_000)
    started = time.perf_counter()
    view.set_model(model, ProcessColours())
    view.refresh(100.0)
    full_refresh_100k = (time.perf_counter() - started) * 1000
    repaint_100k = repaint_ms(view)

    ticks, rebuilds = [], []
    for k in range(10):  # live: 1,000 more bars per tick, against building all bars again
        append(model, 100_000 + k * 1000, 1000)
        started = time.perf_counter()
        view.refresh(110.0)
        ticks.append((time.perf_counter() - started) * 1000)
        view.viewport().repaint()  # the same for both, so not counted
        rebuild = GanttView()
        rebuild.resize(1600, 700)
        started = time.perf_counter()
        rebuild.set_model(model, ProcessColours())
        rebuild.refresh(110.0)
        rebuilds.append((time.perf_counter() - started) * 1000)
        rebuild.close()
    full_rebuild = percentile(rebuilds, 0.5)
    del model, rebuild
    gc.collect()

    big = build_model(1_000_000)
    view.set_model(big, ProcessColours())
    view.refresh(1000.0)
    view.set_follow(False)
    frames = []
    for k in range(12):  # pan across the run, one frame per step
        left = k * 40.0
        started = time.perf_counter()
        view.getPlotItem().getViewBox().setXRange(left, left + 200.0, padding=0)
        view.viewport().repaint()
        frames.append((time.perf_counter() - started) * 1000)
    app.processEvents()
    rss = me.memory_info().rss
    report(
        "drawing",
        repaint_100k_ms=round(repaint_100k, 1),
        target_repaint_100k_ms=16,
        first_refresh_100k_ms=round(full_refresh_100k, 1),
        live_tick_1k_more_ms=round(percentile(ticks, 0.5), 1),
        full_rebuild_101k_ms=round(full_rebuild, 1),
        note="tick and rebuild: model to drawing items, without the (equal) repaint",
        pan_frame_1m_ms_p50=round(percentile(frames, 0.5), 1),
        pan_frame_1m_ms_max=round(max(frames), 1),
        target_pan_frame_ms=50,
        gui_rss_mb_with_1m_bars=round(rss / 2**20),
        rss_mb_before=round(rss_before / 2**20),
        target_rss_mb=300,
    )


if __name__ == "__main__":
    main()
