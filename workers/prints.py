"""Every printed line of a run, kept in flat columns. Qt-free."""

from __future__ import annotations

import itertools
from array import array
from collections import namedtuple

from workers.spans import ColumnSequence


class Printed(namedtuple("Printed", "pid t stream text")):
    """A printed line, as PrintLog hands it out: pid, t, stream ("out" or "err"), text.
    (A namedtuple: typing.NamedTuple's import costs every --run's start 2 ms.)"""

    __slots__ = ()


class PrintLog(ColumnSequence):
    """Every printed line of a run, kept in flat columns (the text as UTF-8 in one buffer):
    compact, and nothing the garbage collector walks. A list of a million lines made each
    full collection take 60-200 ms and stalled the window. Reads like a list of Printed."""

    def __init__(self) -> None:
        self._pid = array("q")
        self._t = array("d")
        self._err = bytearray()
        self._text = bytearray()
        self._ends = array("q", [0])

    def append(self, pid: int, t: float, err: bool, text: str) -> None:
        self.append_bytes(pid, t, err, text.encode("utf-8", "backslashreplace"))

    def append_bytes(self, pid: int, t: float, err: bool, data: bytes) -> None:
        """A line as the process wrote it (UTF-8, or not: decoded with escapes when read)."""
        self._pid.append(pid)
        self._t.append(t)
        self._err.append(1 if err else 0)
        self._text += data
        self._ends.append(len(self._text))

    def extend_bytes(self, pid: int, t: float, err: bool, lines: list[bytes]) -> None:
        """Many lines of one process at once (a chunk of a flood)."""
        count = len(lines)
        self._pid.extend(itertools.repeat(pid, count))
        self._t.extend(itertools.repeat(t, count))
        self._err.extend(itertools.repeat(1 if err else 0, count))
        start = len(self._text)
        self._text += b"".join(lines)
        self._ends.extend(itertools.accumulate(map(len, lines), initial=start))
        del self._ends[-count - 1]  # START was there already (the end of the line before)

    def __len__(self) -> int:
        return len(self._pid)

    def _one(self, i: int) -> Printed:
        text = self._text[self._ends[i] : self._ends[i + 1]].decode("utf-8", "backslashreplace")
        return Printed(self._pid[i], self._t[i], "err" if self._err[i] else "out", text)

    def size(self, i: int) -> int:
        """Bytes of line I (at least its number of characters)."""
        return self._ends[i + 1] - self._ends[i]

    def times(self) -> array:
        """Every line's time, as one array (shared, not a copy)."""
        return self._t

    def pids(self) -> array:
        """Every line's pid, as one array (shared, not a copy)."""
        return self._pid
