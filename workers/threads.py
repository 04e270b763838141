"""The program's threads in the run model: which threads each process has (announced by
the probe, workers/probe/threads.py), and how much of a CPU each one had, looked at again
and again by the host (workers/thread_states.py). Qt-free.

Times are seconds since the run's start, as everywhere in the model."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

RUNNING = 0.5  # a thread that had more than half a CPU since the last look was running...


def running_of(shares: dict[int, float]) -> set[int]:
    """...but no more threads than the CPUs they had together allow. Threads that take
    turns on the GIL also spend a little CPU at once (waking to ask for it, handing it
    over): two at 0.53 each had 1.06 CPUs together, so one of them, not both, was running.
    Two that release the GIL (0.95 each) had two CPUs: both were."""
    total = sum(shares.values())
    busy = sorted((t for t, share in shares.items() if share > RUNNING), key=shares.get)
    return set(busy[-round(total) :]) if round(total) else set()


@dataclass(slots=True)
class ThreadInfo:
    tid: int
    name: str
    start: float
    end: float | None = None


class ThreadLog:
    """Every program thread of the run, and each look at its CPU."""

    def __init__(self) -> None:
        self.of: dict[int, dict[int, ThreadInfo]] = {}  # pid -> tid -> thread, by start
        # one row per thread per look: its share of a CPU between t0 and t1
        self.pid, self.tid = array("q"), array("q")
        self.t0, self.t1, self.share = array("d"), array("d"), array("d")

    def began(self, pid: int, tid: int, name: str, t: float) -> None:
        threads = self.of.setdefault(pid, {})
        known = threads.get(tid)
        if known is None or known.end is not None:  # a tid can be reused by a new thread
            threads.pop(tid, None)
            threads[tid] = ThreadInfo(tid, name, t)

    def ended(self, pid: int, tid: int, t: float) -> None:
        thread = self.of.get(pid, {}).get(tid)
        if thread is not None and thread.end is None:
            thread.end = max(t, thread.start)

    def process_ended(self, pid: int, t: float) -> None:
        """Its threads end with it (a thread never outlives its process)."""
        for tid in list(self.of.get(pid, {})):
            self.ended(pid, tid, t)

    def live(self, pid: int) -> list[int]:
        """The tids to look at for a live process PID: its main thread (tid = pid) and its
        live threads."""
        return [pid, *(tid for tid, th in self.of.get(pid, {}).items() if th.end is None)]

    def sampled(self, pid: int, t: float, shares: dict[int, tuple[float, float]]) -> None:
        for tid, (since, share) in shares.items():
            self.pid.append(pid)
            self.tid.append(tid)
            self.t0.append(since)
            self.t1.append(t)
            self.share.append(share)

    def __len__(self) -> int:
        return len(self.pid)

    def looks(self, pid: int) -> dict[float, dict[int, float]]:
        """PID's looks: when -> tid -> share of a CPU since the look before."""
        out: dict[float, dict[int, float]] = {}
        for i in range(len(self.pid)):
            if self.pid[i] == pid:
                out.setdefault(self.t1[i], {})[self.tid[i]] = self.share[i]
        return out

    def running(self, pid: int) -> list[tuple[float, set[int]]]:
        """Each look at PID: when, and which of its threads were running (running_of)."""
        return [(t, running_of(shares)) for t, shares in sorted(self.looks(pid).items())]
