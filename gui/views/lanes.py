"""The Gantt's lanes: a lane per process, parent above its children, and under a process
with threads of its own a sub-lane per thread (the process's lane is its main thread's).
Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

from gui.views.span_columns import lane_key
from workers.model import ProcessInfo, RunModel
from workers.threads import ThreadInfo


@dataclass(slots=True)
class Lane:
    proc: ProcessInfo
    depth: int
    thread: ThreadInfo | None = None

    @property
    def key(self) -> int:
        return lane_key(self.proc.pid, self.thread.tid if self.thread else 0)

    @property
    def start(self) -> float:
        return self.thread.start if self.thread else self.proc.start

    @property
    def end(self) -> float | None:
        return self.thread.end if self.thread else self.proc.end


def build_lanes(model: RunModel) -> list[Lane]:
    lanes = []
    for proc, depth in model.tree():
        lanes.append(Lane(proc, depth))
        lanes.extend(Lane(proc, depth + 1, t) for t in model.threads.of.get(proc.pid, {}).values())
    return lanes


def lane_index(lanes: list[Lane]) -> dict[int, int]:
    """lane key -> lane: a process's pid finds its own lane, a thread's key its sub-lane."""
    return {lane.key: i for i, lane in enumerate(lanes)}
