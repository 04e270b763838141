"""Bars kept as numpy columns, appended incrementally from the run model.

Each pump tick adds only the spans that are new and updates only the ones still open, so
the cost of a tick follows what changed, not how much the run has drawn so far. No Qt here.
"""

from __future__ import annotations

import numpy as np

from workers.model import Span

INITIAL = 1024


def lanes_for(pids: np.ndarray, lane_of: dict[int, int]) -> np.ndarray:
    """The lane of each pid (-1 for a pid without one), vectorised."""
    if not len(pids) or not lane_of:
        return np.full(len(pids), -1, dtype=np.int64)
    keys = np.fromiter(sorted(lane_of), dtype=np.int64)
    values = np.array([lane_of[k] for k in keys], dtype=np.int64)
    where = np.clip(np.searchsorted(keys, pids), 0, len(keys) - 1)
    return np.where(keys[where] == pids, values[where], -1)


class SpanColumns:
    """start, end, pid, lane and colour slot of every bar of one kind (tasks or waits)."""

    def __init__(self) -> None:
        self.n = 0
        self.spans: list[Span] = []
        self._start = np.empty(INITIAL)
        self._end = np.empty(INITIAL)
        self._pid = np.empty(INITIAL, dtype=np.int64)
        self._lane = np.empty(INITIAL, dtype=np.int64)
        self._slot = np.empty(INITIAL, dtype=np.int64)
        self._open: list[int] = []  # bars whose span has not ended yet

    @property
    def start(self) -> np.ndarray:
        return self._start[: self.n]

    @property
    def end(self) -> np.ndarray:
        return self._end[: self.n]

    @property
    def pid(self) -> np.ndarray:
        return self._pid[: self.n]

    @property
    def lane(self) -> np.ndarray:
        return self._lane[: self.n]

    @property
    def slot(self) -> np.ndarray:
        return self._slot[: self.n]

    def _grow(self, needed: int) -> None:
        size = len(self._start)
        if needed <= size:
            return
        while size < needed:
            size *= 2
        for name in ("_start", "_end", "_pid", "_lane", "_slot"):
            old = getattr(self, name)
            new = np.empty(size, dtype=old.dtype)
            new[: self.n] = old[: self.n]
            setattr(self, name, new)

    def append(self, spans: list[Span], slots: list[int], now: float) -> set[int]:
        """Add SPANS (with their colour slots); returns the slots that changed."""
        if not spans:
            return set()
        first, count = self.n, len(spans)
        self._grow(first + count)
        self._start[first : first + count] = [s.start for s in spans]
        self._end[first : first + count] = [s.end if s.end is not None else now for s in spans]
        self._pid[first : first + count] = [s.pid for s in spans]
        self._slot[first : first + count] = slots
        self._lane[first : first + count] = -1
        self._open.extend(first + i for i, s in enumerate(spans) if s.end is None)
        self.spans.extend(spans)
        self.n += count
        return set(slots)

    def update_open(self, now: float) -> set[int]:
        """Stretch open bars to NOW, close the ones that ended; returns the slots touched."""
        touched = set()
        still_open = []
        for i in self._open:
            span = self.spans[i]
            self._end[i] = span.end if span.end is not None else now
            if span.end is None:
                still_open.append(i)
            touched.add(int(self._slot[i]))
        self._open = still_open
        return touched

    def assign_lanes(self, lane_of: dict[int, int], everything: bool) -> None:
        """Lane of each bar from its pid: all bars when the lane order changed, else new ones."""
        if not self.n:
            return
        todo = np.arange(self.n) if everything else np.flatnonzero(self.lane < 0)
        if not len(todo):
            return
        self._lane[todo] = lanes_for(self._pid[todo], lane_of)

    def rects(self, mask: np.ndarray, height: float) -> dict:
        """BarGraphItem options for the bars in MASK (bars without a lane are left out)."""
        mask = mask & (self.lane >= 0)
        start = self.start[mask]
        return {
            "x0": start,
            "y0": self.lane[mask] - height / 2,
            "width": np.maximum(self.end[mask] - start, 0.0),
            "height": np.full(len(start), height),
        }

    def at(self, lane: int, x: float) -> list[int]:
        """Indices of the bars on LANE that cover time X."""
        hits = (self.lane == lane) & (self.start <= x) & (self.end >= x)
        return [int(i) for i in np.flatnonzero(hits)]

    def in_view(self, x_min: float, x_max: float, min_width: float) -> np.ndarray:
        """Indices of bars in [x_min, x_max] at least MIN_WIDTH wide there."""
        shown = np.minimum(self.end, x_max) - np.maximum(self.start, x_min)
        return np.flatnonzero((shown >= min_width) & (self.lane >= 0))
