"""A replay: a recorded run's model at any moment, made again from its journal on a fresh
model, so it is the model the window had at that moment. Never starts a process. Qt-free.

Moving forward applies the entries up to the new moment; moving back starts again from
the beginning (a run of ten thousand entries replays in milliseconds)."""

from __future__ import annotations

import bisect
import math

from workers import wire
from workers.journal import CALL, CLOSED, MESSAGE, OUTPUT, WATERMARK, call_args
from workers.model import RunModel
from workers.recording import Recording


class Replay:
    def __init__(self, recording: Recording) -> None:
        self.recording = recording
        self.times = [entry[1] - recording.t0 for entry in recording.journal]
        self.model = RunModel(recording.t0)
        self.at = -math.inf  # the moment the model shows (seconds since the run's start)
        self._next = 0

    @property
    def duration(self) -> float:
        """From the run's start to its last change (its end, if it was recorded whole)."""
        return max(self.times[-1] if self.times else 0.0, 0.0)

    def seek(self, t: float) -> RunModel:
        """The model as it was at T (seconds since the start): the same object when moving
        forward, a new one when moving back."""
        if t < self.at:
            self.model = RunModel(self.recording.t0)
            self._next = 0
        end = bisect.bisect_right(self.times, t)
        for entry in self.recording.journal[self._next : end]:
            self._apply(entry)
        self._next = max(self._next, end)
        self.at = t
        return self.model

    def now(self) -> float:
        """Where a view's now-line goes: the moment shown, or the run's end once reached."""
        model = self.model
        return model.finished_at if model.finished_at is not None else max(self.at, 0.0)

    def moments(self) -> list[float]:
        """The moments something changed (for stepping to the previous or next one)."""
        return sorted(set(self.times))

    def _apply(self, entry: list) -> None:
        kind = entry[0]
        model = self.model
        if kind == MESSAGE:
            _pid, events = wire.decode(entry[2].encode("utf-8"))
            try:
                model.apply(events)
            except Exception:
                pass  # as live: a record the model could not take was dropped then too
        elif kind == OUTPUT:
            _kind, _t, pid, t, stream, text = entry
            model.apply([wire.OutputChunk(int(pid), float(t), int(stream), text.encode("latin-1"))])
        elif kind == CLOSED:
            model.apply([wire.Disconnected(int(entry[2]), float(entry[3]))])
        elif kind == WATERMARK:
            _kind, _t, pid, t, stream, mark = entry
            model.apply([wire.Watermark(int(pid), float(t), int(stream), int(mark))])
        elif kind == CALL:
            getattr(model, entry[2])(*call_args(entry[2], entry[3]))
