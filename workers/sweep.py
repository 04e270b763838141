"""A speed-up sweep: the same demo run once per value of a size parameter (pool size,
processes, threads), each run's makespan, the speed-up against the first value, and the
serial fraction of Amdahl's law fitted to the makespans. Qt-free; the picture is drawn by
gui/sweep_plot.py.

Amdahl: T(n) = T1 * (f + (1 - f) / n), f the serial fraction. That is T(n) = a + b / n,
a straight line in 1/n: least squares gives a and b, and f = a / (a + b).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from workers.model import RunModel
from workers.programs import UsageError
from workers.session import span

MAX_VALUES = 32  # a sweep of more runs than this is refused (a typo like 1..100)


PHASES = ("threads", "processes")


@dataclass
class Point:
    value: int
    makespan: float
    exitcode: int | None
    # a run that did its work both in threads and in processes of their own (gil): the
    # wall time of each, from its first task's start to its last one's end
    phases: dict[str, float] = field(default_factory=dict)


def point_of(model: RunModel, value: int, exitcode: int | None) -> Point:
    return Point(value, span(model)[0], exitcode, phases(model))


def phases(model: RunModel) -> dict[str, float]:
    """Wall time of the tasks run in threads and of those run in processes of their own
    (not the main one), when the run has both; else nothing."""
    main = model.main.pid if model.main is not None else 0
    found: dict[str, list[float]] = {}
    for task in model.tasks:
        kind = "threads" if task.tid else "processes" if task.pid != main else None
        if kind is not None and task.end is not None:
            found.setdefault(kind, []).extend((task.start, task.end))
    if len(found) < len(PHASES):
        return {}
    return {kind: max(found[kind]) - min(found[kind]) for kind in PHASES}


def parse_sweep(text: str) -> tuple[str, list[int]]:
    """NAME=LO..HI -> (NAME, [LO, ..., HI]); UsageError saying what is wrong."""
    match = re.fullmatch(r"(\w+)=(\d+)\.\.(\d+)", text.strip())
    if not match:
        raise UsageError(f"--sweep needs NAME=LOW..HIGH, like pool_size=1..8, not {text!r}")
    name, low, high = match[1], int(match[2]), int(match[3])
    if not 1 <= low <= high:
        raise UsageError(f"--sweep {text}: LOW must be at least 1 and at most HIGH")
    if high - low + 1 > MAX_VALUES:
        raise UsageError(f"--sweep {text}: at most {MAX_VALUES} values, one run each")
    return name, list(range(low, high + 1))


def speedups(points: list[Point]) -> list[float]:
    base = points[0].makespan if points else 0.0
    return [base / p.makespan if p.makespan > 0 else 0.0 for p in points]


def serial_fraction(points: list[Point]) -> float | None:
    """Amdahl's serial fraction fitted to the makespans (None with fewer than 2 values)."""
    usable = [(1.0 / p.value, p.makespan) for p in points if p.makespan > 0]
    if len(usable) < 2:
        return None
    n = len(usable)
    mean_x = sum(x for x, _y in usable) / n
    mean_y = sum(y for _x, y in usable) / n
    spread = sum((x - mean_x) ** 2 for x, _y in usable)
    if spread == 0:
        return None
    b = sum((x - mean_x) * (y - mean_y) for x, y in usable) / spread
    a = mean_y - b * mean_x
    if a + b <= 0:
        return None
    return min(1.0, max(0.0, a / (a + b)))


def amdahl(fraction: float, n: float) -> float:
    """The speed-up Amdahl's law gives N workers for a serial FRACTION."""
    return 1.0 / (fraction + (1.0 - fraction) / n)


def write_csv(points: list[Point], name: str, path: str | Path) -> None:
    phased = any(p.phases for p in points)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        extra = [f"{kind}_s" for kind in PHASES] if phased else []
        writer.writerow([name, "makespan_s", "speedup", "exitcode", *extra])
        for point, speedup in zip(points, speedups(points), strict=True):
            times = [f"{point.phases[k]:.4f}" if k in point.phases else "" for k in PHASES]
            writer.writerow([point.value, f"{point.makespan:.4f}", f"{speedup:.3f}",
                             "" if point.exitcode is None else point.exitcode,
                             *(times if phased else [])])  # fmt: skip
