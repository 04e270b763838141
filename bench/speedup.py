"""Speed-up of CPU-bound work at 2 workers, processes against threads, each run observed by
procscope (the figure a lecture on the GIL shows): the same number of pure-Python loops
split over 1 and then 2 processes (a Pool), and over 1 and then 2 threads. On 2 cores the
processes should reach at least 1.6; the threads stay about 1.0 (the GIL lets one run).

    python bench/speedup.py
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from common import report

from workers.cli import execute
from workers.run import Run
from workers.session import span

WORK = 40_000_000  # loop turns in all, split between the workers (about 2 s on one core)

PROGRAM = textwrap.dedent(f"""
    import sys
    import threading
    from multiprocessing import Pool

    def spin(turns):
        total = 0
        for i in range(turns):
            total += i
        return total

    if __name__ == "__main__":
        kind, n = sys.argv[1], int(sys.argv[2])
        share = [{WORK} // n] * n
        if kind == "processes":
            with Pool(n) as pool:
                pool.map(spin, share)
        else:
            threads = [threading.Thread(target=spin, args=(s,)) for s in share]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
""")


def makespan(program: Path, kind: str, n: int) -> float:
    run = Run(program, [kind, str(n)])
    execute(run, None)  # as --run does: procscope idles between looks, leaving the cores
    return span(run.model)[0]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "spin.py"
        program.write_text(PROGRAM)
        figures = {}
        for kind in ("processes", "threads"):
            one = min(makespan(program, kind, 1) for _ in range(2))
            two = min(makespan(program, kind, 2) for _ in range(2))
            figures[f"{kind}_1_s"], figures[f"{kind}_2_s"] = round(one, 3), round(two, 3)
            figures[f"{kind}_speedup_at_2"] = round(one / two, 2)
    report("speedup", **figures, expect_processes=">= 1.6", expect_threads="about 1.0")


if __name__ == "__main__":
    main()
