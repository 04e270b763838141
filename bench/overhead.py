"""Probe overhead: each program run plain (``python prog.py``) and under ``procscope --run``,
in pairs (plain, then observed, REPEAT times, so the machine's noise hits both alike).
Figures are the medians of the per-pair ratios (or differences) with their range:

| case | figure | target |
|---|---|---|
| tiny_map_20000: Pool(2).map of 20,000 tiny tasks, chunksize 1 | procscope / plain | <= 1.3 |
| hello_print: a one-line program, print("hi") | procscope - plain, ms | <= 40 |
| ppe_map_10000: ProcessPoolExecutor.map, 10,000 items, chunksize 500 | procscope / plain | <= 2 |
| fib_pool: Pool(2).map(fib, [32] * 4), millions of small calls | procscope / plain | <= 1.15 |
| print_1m_lines: 1,000,000 prints, stdout to a file both ways | procscope / plain | <= 2 |
| sleep_bound_pool: Pool(4), 40 tasks of sleep(0.1) (issue 7) | procscope / plain | <= 1.05 |
| tiny_apply_2000: 2,000 Pool.apply_async of a tiny task (issue 7) | procscope / plain | <= 1.2 |

Each ratio case also says ``ratio_less_startup``: the same with the median extra time of
hello_print (procscope's fixed cost per run) taken off the observed time.

    python bench/overhead.py [REPEAT] [CASE ...]      (REPEAT >= 5 for the table; about 3 min)

On 2026-11-29 (2 noisy shared cores, Python 3.11.7, commit ca9d706, n=5, median and range):
hello_print +147 ms (140-187), tiny_map_20000 4.0x (3.5-4.5), ppe_map_10000 9.4x (9.2-9.7),
fib_pool 1.17x (0.99-1.46), print_1m_lines 4.8x (4.6-6.5), sleep_bound_pool 1.12x
(1.11-1.13), tiny_apply_2000 2.9x (2.4-4.1): no target met. Where the time goes: one
message per task (a send at every task's end, read, decoded and applied one by one), the
start-up (procscope's imports before the program starts, the probe's imports, the poll loop
and interpreter teardown at the end), and a write per printed line (stdout made
line-buffered).

On 2026-12-06 (same machine, n=5): hello_print +39 ms (38-41), tiny_map_20000 2.45x
(2.12-2.58), ppe_map_10000 2.82x (2.71-3.33), fib_pool 1.14x (1.13-1.21), print_1m_lines
4.72x (4.29-4.88), sleep_bound_pool 1.06x (1.03-1.07), tiny_apply_2000 1.75x (1.60-2.15).
Where the time went, found with strace (-c, and -e execve,exit_group for a timeline),
py-spy, cProfile inside the workers (a Pool initializer with a Finalize that dumps) and
getrusage of the parent and its workers:
- hello: the host's imports ran before the program started (65-90 ms to the spawn);
  now the program starts first, at about 30 ms, and the rest (about 30 ms of imports)
  runs on the other core while it boots. The probe's imports were 14 ms of the program's
  start (socket.py, json, threading, linecache...), now 7.
- tiny tasks: the workers' CPU was 4x plain (1.2-1.5 s against 0.33 s), half of it the
  send before every wait (a syscall, and Connection.poll's selector to decide it): now a
  post in the shared page. A collector that drops everything shows the probe's floor:
  0.74 s against 0.52 s plain. The rest is procscope decoding 80,000 records on the same
  two cores.
- ppe_map_10000: each of the 10,000 items is a task bar; the workers did two FIONREAD per
  item (12,000 ioctls in one worker), now none.
- print_1m_lines: a million line-buffered writes (2.3 s to a file against 0.57 s
  block-buffered, whoever reads them): the floor, see docs/design.md.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import PROCSCOPE, report, spread, timed

TINY_MAP = """
from multiprocessing import Pool

def tiny(i):
    return i + 1

if __name__ == "__main__":
    with Pool(2) as pool:
        print(sum(pool.map(tiny, range(20_000), chunksize=1)))
"""

HELLO = 'print("hi")\n'

PPE_MAP = """
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        print(sum(executor.map(square, range(10_000), chunksize=500)))
"""

FIB_POOL = """
from multiprocessing import Pool

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

if __name__ == "__main__":
    with Pool(2) as pool:
        print(sum(pool.map(fib, [32] * 4)))
"""

MILLION_LINES = """
for i in range(1_000_000):
    print(i)
"""

SLEEP_POOL = """
import time
from multiprocessing import Pool

def work(i):
    time.sleep(0.1)

if __name__ == "__main__":
    with Pool(4) as pool:
        pool.map(work, range(40))
"""

TINY_APPLY = """
from multiprocessing import Pool

def tiny(i):
    return i + 1

if __name__ == "__main__":
    with Pool(2) as pool:
        results = [pool.apply_async(tiny, (i,)) for i in range(2000)]
        print(sum(r.get() for r in results))
"""


@dataclass(frozen=True)
class Case:
    source: str
    target: float
    extra_ms: bool = False  # the figure is procscope - plain in ms, not a ratio
    to_file: bool = False  # stdout into a file (both ways), not /dev/null


CASES = {
    "hello_print": Case(HELLO, 40, extra_ms=True),  # first: the others use its figure
    "tiny_map_20000": Case(TINY_MAP, 1.3),
    "ppe_map_10000": Case(PPE_MAP, 2),
    "fib_pool": Case(FIB_POOL, 1.15),
    "print_1m_lines": Case(MILLION_LINES, 2, to_file=True),
    "sleep_bound_pool": Case(SLEEP_POOL, 1.05),
    "tiny_apply_2000": Case(TINY_APPLY, 1.2),
}


def paired(program: Path, repeat: int, stdout: Path | None) -> tuple[list[float], list[float]]:
    """REPEAT pairs of wall times: plain, then under procscope."""
    plain: list[float] = []
    observed: list[float] = []
    for _ in range(repeat):
        plain.append(timed([sys.executable, str(program)], stdout))
        observed.append(timed([*PROCSCOPE, str(program)], stdout))
    return plain, observed


def measure(name: str, case: Case, folder: Path, repeat: int, startup: float | None) -> float:
    """Report one case; returns the median extra seconds procscope took."""
    program = folder / f"{name}.py"
    program.write_text(case.source)
    stdout = folder / f"{name}.out" if case.to_file else None
    plain, observed = paired(program, repeat, stdout)
    extra = [o - p for p, o in zip(plain, observed, strict=True)]
    figures: dict = {"plain_s": spread(plain), "procscope_s": spread(observed)}
    if case.extra_ms:
        figure = spread([e * 1000 for e in extra], 1)
        figures["extra_ms"] = figure
    else:
        figure = spread([o / p for p, o in zip(plain, observed, strict=True)], 2)
        figures["ratio"] = figure
        if startup is not None:
            less = statistics.median(observed) - startup
            figures["ratio_less_startup"] = round(less / statistics.median(plain), 2)
    report("overhead", case=name, **figures, target=case.target,
           met=figure["median"] <= case.target)  # fmt: skip
    return statistics.median(extra)


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    chosen = sys.argv[2:] or list(CASES)
    unknown = [name for name in chosen if name not in CASES]
    if unknown:
        sys.exit(f"unknown case {unknown[0]!r}; cases: {', '.join(CASES)}")
    startup = None
    with tempfile.TemporaryDirectory() as folder:
        for name in chosen:
            extra = measure(name, CASES[name], Path(folder), repeat, startup)
            if CASES[name].extra_ms:
                startup = extra


if __name__ == "__main__":
    main()
