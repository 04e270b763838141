"""Bars kept as numpy columns, appended incrementally from the run model.

Each pump tick adds only the spans that are new and updates only the ones still open, so
the cost of a tick follows what changed, not how much the run has drawn so far. No Qt here.
"""

from __future__ import annotations

import numpy as np

from workers.spans import SpanLog

INITIAL = 1024
TID_SHIFT = 23  # a thread's lane key: its tid above the pid (pids and tids are < 2**22)


def lane_key(pid: int, tid: int = 0) -> int:
    """What a bar's lane is looked up by: its process, or its thread of the program's own."""
    return pid if not tid else (tid << TID_SHIFT) | pid


def lanes_for(pids: np.ndarray, lane_of: dict[int, int]) -> np.ndarray:
    """The lane of each pid or lane key (-1 for one without a lane), vectorised."""
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
        self.log: SpanLog | None = None  # where the spans themselves are (labels, hover)
        self._start = np.empty(INITIAL)
        self._end = np.empty(INITIAL)
        self._pid = np.empty(INITIAL, dtype=np.int64)
        self._key = np.empty(INITIAL, dtype=np.int64)  # lane_key(pid, tid)
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
        for name in ("_start", "_end", "_pid", "_key", "_lane", "_slot"):
            old = getattr(self, name)
            new = np.empty(size, dtype=old.dtype)
            new[: self.n] = old[: self.n]
            setattr(self, name, new)

    def sync(self, log: SpanLog, slot_of_name: np.ndarray, now: float) -> set[int]:
        """Take in LOG's spans added since the last call (colour slot by name index);
        returns the slots that changed."""
        self.log = log
        first, count = self.n, len(log)
        if count == first:
            return set()
        self._grow(count)
        pids, starts, ends, names = (
            np.frombuffer(column, dtype=dtype)[first:count].copy()
            for column, dtype in zip(log.columns(), (np.int64, np.float64, np.float64, np.int32),
                                     strict=True)
        )  # fmt: skip
        tids = np.frombuffer(log.tids(), dtype=np.int64)[first:count]
        open_now = np.isnan(ends)
        self._start[first:count] = starts
        self._end[first:count] = np.where(open_now, now, ends)
        self._pid[first:count] = pids
        self._key[first:count] = np.where(tids > 0, (tids << TID_SHIFT) | pids, pids)
        self._slot[first:count] = slot_of_name[names]
        self._lane[first:count] = -1
        self._open.extend(int(i) + first for i in np.flatnonzero(open_now))
        self.n = count
        return {int(s) for s in np.unique(self._slot[first:count])}

    def update_open(self, now: float) -> set[int]:
        """Stretch open bars to NOW, close the ones that ended; returns the slots touched."""
        touched = set()
        still_open = []
        for i in self._open:
            end = self.log.end_of(i)
            self._end[i] = end if end is not None else now
            if end is None:
                still_open.append(i)
            touched.add(int(self._slot[i]))
        self._open = still_open
        return touched

    def assign_lanes(self, lane_of: dict[int, int], everything: bool) -> None:
        """Lane of each bar from its lane key: all bars when the lane order changed, else
        new ones."""
        if not self.n:
            return
        todo = np.arange(self.n) if everything else np.flatnonzero(self.lane < 0)
        if not len(todo):
            return
        self._lane[todo] = lanes_for(self._key[todo], lane_of)

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
