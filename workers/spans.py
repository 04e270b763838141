"""Tasks and waits of a run, kept in columns (like the printed lines): a million bars cost
about 50 bytes each instead of a Python object each, and the garbage collector never walks
them. Reads like a list of Span."""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass


@dataclass(slots=True)
class Span:
    """A task or a wait as handed out by SpanLog (a copy: the log is the truth)."""

    pid: int
    name: str
    start: float
    detail: str = ""  # a task's args, a wait's object
    end: float | None = None
    outcome: str | None = None  # a task's error, a wait's exception or "timeout"
    line: int = 0
    tid: int = 0  # the thread of the program's own it ran on; 0: the main thread


class ColumnSequence:
    """Read access, like a list, to records kept in columns: subclasses give __len__ and
    _one(i), which builds record I."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _one(self, i: int):
        raise NotImplementedError

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._one(i) for i in range(*index.indices(len(self)))]
        return self._one(index if index >= 0 else len(self) + index)

    def __iter__(self):
        return (self._one(i) for i in range(len(self)))


class SpanLog(ColumnSequence):
    def __init__(self) -> None:
        self._pid = array("q")
        self._start = array("d")
        self._end = array("d")  # NaN while open
        self._name = array("i")
        self._line = array("i")
        self._tid = array("q")
        self._detail = bytearray()
        self._detail_ends = array("q", [0])
        self._outcome: dict[int, str] = {}  # rare: errors, exceptions, timeouts
        self.names: list[str] = []  # distinct names, in order of first use
        self._name_index: dict[str, int] = {}

    def add(
        self, pid: int, name: str, start: float, detail: str = "", line: int = 0, tid: int = 0
    ) -> int:
        """A new, open span; returns its index."""
        index = self._name_index.get(name)
        if index is None:
            index = self._name_index[name] = len(self.names)
            self.names.append(name)
        self._pid.append(pid)
        self._start.append(start)
        self._end.append(math.nan)
        self._name.append(index)
        self._line.append(line)
        self._tid.append(tid)
        self._detail += detail.encode("utf-8", "backslashreplace")
        self._detail_ends.append(len(self._detail))
        return len(self._pid) - 1

    def set_outcome(self, index: int, outcome: str) -> None:
        self._outcome[index] = outcome

    def close(self, index: int, end: float, outcome: str | None = None) -> None:
        self._end[index] = end
        if outcome is not None:
            self._outcome[index] = outcome

    def start_of(self, index: int) -> float:
        return self._start[index]

    def is_open(self, index: int) -> bool:
        return math.isnan(self._end[index])

    def end_of(self, index: int) -> float | None:
        end = self._end[index]
        return None if math.isnan(end) else end

    def columns(self) -> tuple[array, array, array, array]:
        """pid, start, end (NaN if open) and name index of every span (shared arrays)."""
        return self._pid, self._start, self._end, self._name

    def tids(self) -> array:
        """The thread of every span (0: its process's main thread), a shared array."""
        return self._tid

    def __len__(self) -> int:
        return len(self._pid)

    def _one(self, i: int) -> Span:
        detail = self._detail[self._detail_ends[i] : self._detail_ends[i + 1]]
        return Span(
            self._pid[i], self.names[self._name[i]], self._start[i],
            detail.decode("utf-8", "backslashreplace"), self.end_of(i), self._outcome.get(i),
            self._line[i], self._tid[i],
        )  # fmt: skip
