"""How much of a CPU each thread of a process had, as the kernel counts it: the time it
spent on a CPU (/proc/PID/task/TID/schedstat, nanoseconds) between two looks, over the
time between them. A thread's state letter (R) is no good here: a thread woken to wait for
the GIL is R too, until a CPU is free for it. CPU time says what ran: the threads of one
process doing pure-Python work share one CPU (the GIL), so their shares add up to at most 1,
and at most one of them has more than half."""

from __future__ import annotations

import os
import time

_TICK = 1e9 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 1e7


def _cpu_ns(pid: int, tid: int) -> int | None:
    base = f"/proc/{pid}/task/{tid}"
    try:
        with open(f"{base}/schedstat", "rb") as schedstat:
            return int(schedstat.read().split()[0])
    except (OSError, ValueError, IndexError):
        pass
    try:  # no schedstat in this kernel: clock ticks (coarser)
        with open(f"{base}/stat", "rb") as stat:
            text = stat.read()
        fields = text[text.rfind(b")") + 2 :].split()
        return int((int(fields[11]) + int(fields[12])) * _TICK)
    except (OSError, ValueError, IndexError):
        return None


class CpuShares:
    """Looks at threads again and again; each look gives each thread's share of a CPU since
    its previous look."""

    def __init__(self) -> None:
        self._last: dict[tuple[int, int], tuple[int, int]] = {}  # (pid, tid) -> (ns, cpu ns)

    def look(self, pid: int, tids: list[int]) -> dict[int, tuple[float, float]]:
        """tid -> (since when, share of a CPU since then: 0 to 1) for each of PID's TIDS
        seen before (a thread's first look only starts its count)."""
        shares = {}
        cpus = {tid: _cpu_ns(pid, tid) for tid in tids}
        at = time.monotonic_ns()  # one time for the look: the threads' windows are the same
        for tid, cpu in cpus.items():
            if cpu is None:
                continue
            before = self._last.get((pid, tid))
            self._last[pid, tid] = (at, cpu)
            if before is not None and at > before[0]:
                share = (cpu - before[1]) / (at - before[0])
                shares[tid] = (before[0] / 1e9, min(max(share, 0.0), 1.0))
        return shares

    def keep_only(self, pids: set[int]) -> None:
        """Forget the threads of processes that ended."""
        for key in [k for k in self._last if k[0] not in pids]:
            del self._last[key]
