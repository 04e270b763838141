"""A run's journal: every change made to its model, in order, each with the moment it was
made (time.monotonic()). Made again on a fresh model, the journal gives back the model as
the window had it at any moment of the run: what a replay shows (workers/replay.py).

What is kept: the probes' messages as they came (compact JSON, decoded again on replay),
the collector's own events (output read from a pipe, a connection closing, a watermark) and
the host's calls (a process exited, was found, adopted, sampled ...). A journal past
MAX_BYTES stops growing and says so: such a run can no longer be saved whole.
"""

from __future__ import annotations

from workers import wire

MAX_BYTES = 256 * 2**20

# the model's methods the host calls, with how their arguments are stored (JSON)
CALLS = frozenset({
    "process_exited", "process_found", "process_gone", "process_zombie", "process_facts",
    "process_adopted", "threads_sampled", "release", "pause_began", "pause_ended",
    "signal_sent", "finish",
})  # fmt: skip

MESSAGE, OUTPUT, CLOSED, WATERMARK, CALL = "m", "o", "d", "w", "c"


class Journal:
    def __init__(self) -> None:
        self.entries: list[list] = []  # [kind, t, ...] as they will be written (JSON-able)
        self.size = 0
        self.full = False  # past MAX_BYTES: what follows was not kept

    def _add(self, entry: list, size: int) -> None:
        if self.full:
            return
        self.size += size
        if self.size > MAX_BYTES:
            self.full = True
            return
        self.entries.append(entry)

    def message(self, t: float, data: bytes) -> None:
        self._add([MESSAGE, t, data.decode("utf-8", "replace")], len(data) + 24)

    def event(self, t: float, event) -> None:
        if isinstance(event, wire.OutputChunk):
            text = event.data.decode("latin-1")  # bytes as they were, one char each
            self._add([OUTPUT, t, event.pid, event.t, event.stream, text], len(text) + 48)
        elif isinstance(event, wire.Disconnected):
            self._add([CLOSED, t, event.pid, event.t], 32)
        elif isinstance(event, wire.Watermark):
            self._add([WATERMARK, t, event.pid, event.t, event.stream, event.mark], 40)

    def call(self, t: float, name: str, args: tuple) -> None:
        if name == "threads_sampled":  # pid, t, {tid: (since, share)}: JSON keys are text
            pid, when, shares = args
            args = (pid, when, [[tid, *value] for tid, value in shares.items()])
        self._add([CALL, t, name, list(args)], 64)


def call_args(name: str, args: list) -> tuple:
    """A stored call's arguments as the model takes them."""
    if name == "threads_sampled":
        pid, when, shares = args
        return pid, when, {int(tid): (since, share) for tid, since, share in shares}
    return tuple(args)
