"""Bytes read from a process's stdout or stderr, cut into lines. Qt-free.

Each (pid, stream) keeps its partial line; a chunk is scanned once, so a program that
prints one character at a time costs linear time. A line longer than MAX_TEXT characters is
kept up to MAX_TEXT and says how much was cut, never silently.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from workers.wire import MAX_TEXT

MAX_LINE_BYTES = 4 * MAX_TEXT  # MAX_TEXT characters of at most 4 bytes each
_CONTINUATION = bytes(range(0x80, 0xC0))

LineSink = Callable[[int, float, int, bytes], None]  # pid, t, stream, one line (no newline)
# pid, t, stream, whole lines of one chunk (none too long), the pipe's byte count past each
ManySink = Callable[[int, float, int, list, list], None]


def _characters(data: bytes) -> int:
    """Characters in UTF-8 DATA (invalid bytes count one each), without decoding it."""
    return len(data.translate(None, _CONTINUATION))


class _Partial:
    __slots__ = ("data", "more")

    def __init__(self) -> None:
        self.data = bytearray()
        self.more = 0  # characters past MAX_LINE_BYTES, counted, not kept


class LineSplitter:
    def __init__(self, sink: LineSink, many: ManySink | None = None) -> None:
        self._sink = sink
        self._many = many  # the lines of a chunk at once: a flood costs a call per chunk
        self._partial: dict[tuple[int, int], _Partial] = {}
        self._fed: dict[tuple[int, int], int] = {}  # bytes of each pipe taken in so far
        self.line_end = 0  # during a sink call: the pipe's byte count just past that line

    def feed(self, pid: int, t: float, stream: int, data: bytes) -> None:
        """DATA read from the pipe at time T; empty DATA means the pipe closed."""
        key = (pid, stream)
        partial = self._partial.get(key)
        base = self._fed.get(key, 0)
        self._fed[key] = base + len(data)
        self.line_end = base + len(data)  # a partial line flushed at EOF or close ends here
        if not data:
            if partial is not None:
                del self._partial[key]
                if partial.data or partial.more:
                    self._line(pid, t, stream, partial, b"")
            return
        first = data.find(b"\n")
        if first < 0:
            if partial is None:
                partial = self._partial[key] = _Partial()
            self._keep(partial, data)
            return
        end = self.line_end = base + first + 1
        if partial is not None:
            del self._partial[key]
            self._line(pid, t, stream, partial, data[:first])
        else:
            self._emit(pid, t, stream, data[:first])
        rest = data[first + 1 :]
        if not rest:
            return
        lines = rest.split(b"\n")
        tail = lines.pop()
        if self._many is not None and lines and len(rest) <= MAX_TEXT:
            ends = list(itertools.accumulate((len(line) + 1 for line in lines), initial=end))
            self.line_end = ends[-1]
            self._many(pid, t, stream, lines, ends[1:])  # (none can be too long to keep)
        else:
            for line in lines:
                end += len(line) + 1
                self.line_end = end
                self._emit(pid, t, stream, line)
        if tail:
            partial = self._partial[key] = _Partial()
            self._keep(partial, tail)

    def close(self, t: float) -> None:
        """The run is over: partial lines are lines."""
        for (pid, stream), partial in list(self._partial.items()):
            self.line_end = self._fed.get((pid, stream), 0)
            self._line(pid, t, stream, partial, b"")
        self._partial.clear()

    def _keep(self, partial: _Partial, data: bytes) -> None:
        room = MAX_LINE_BYTES - len(partial.data)
        if room > 0:
            partial.data += data[:room]
        if len(data) > room:
            partial.more += _characters(data[max(room, 0) :])

    def _line(self, pid: int, t: float, stream: int, partial: _Partial, end: bytes) -> None:
        self._keep(partial, end)
        if partial.more:
            self._emit_cut(pid, t, stream, bytes(partial.data), partial.more)
        else:
            self._emit(pid, t, stream, bytes(partial.data))

    def _emit(self, pid: int, t: float, stream: int, line: bytes) -> None:
        if len(line) > MAX_TEXT and _characters(line) > MAX_TEXT:
            self._emit_cut(pid, t, stream, line, 0)
        else:
            self._sink(pid, t, stream, line)

    def _emit_cut(self, pid: int, t: float, stream: int, kept: bytes, more: int) -> None:
        text = kept.decode("utf-8", "backslashreplace")
        more += max(0, len(text) - MAX_TEXT)
        text = f"{text[:MAX_TEXT]}... [{more} more characters]"
        self._sink(pid, t, stream, text.encode("utf-8", "backslashreplace"))
