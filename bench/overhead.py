"""Probe overhead: wall time under procscope / under plain python, side by side, for a
sleep-bound Pool (target <= 1.05), a CPU-bound Pool making many small calls (<= 1.5) and
2,000 tiny Pool tasks (<= 1.2). Each program is run REPEAT times both ways; medians count.

    python bench/overhead.py [REPEAT]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, report

PROGRAMS = {
    "sleep_bound_pool": (
        """
import time
from multiprocessing import Pool

def work(i):
    time.sleep(0.1)

if __name__ == "__main__":
    with Pool(4) as pool:
        pool.map(work, range(40))
""",
        1.05,
    ),
    "cpu_bound_pool_small_calls": (
        """
from multiprocessing import Pool

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

if __name__ == "__main__":
    with Pool(2) as pool:
        print(sum(pool.map(fib, [30] * 4)))
""",
        1.5,
    ),
    "empty_program_startup": ("pass\n", None),
    "tiny_pool_tasks": (
        """
from multiprocessing import Pool

def tiny(i):
    return i + 1

if __name__ == "__main__":
    with Pool(2) as pool:
        results = [pool.apply_async(tiny, (i,)) for i in range(2000)]
        print(sum(r.get() for r in results))
""",
        1.2,
    ),
}


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, (source, target) in PROGRAMS.items():
            program = Path(folder) / f"{name}.py"
            program.write_text(source)
            plain, observed = [], []
            for _ in range(repeat):  # interleaved, so machine noise hits both alike
                plain.append(wall([sys.executable, str(program)]))
                observed.append(wall([sys.executable, str(ROOT / "main.py"), "--run",
                                      str(program)]))  # fmt: skip
            figures[name] = (statistics.median(plain), statistics.median(observed), target)
    plain_start, observed_start, _ = figures.pop("empty_program_startup")
    startup = observed_start - plain_start  # procscope's own start-up, paid once per run
    results = {
        name: {"plain_s": round(plain, 3), "procscope_s": round(observed, 3),
               "ratio": round(observed / plain, 3),
               "ratio_without_startup": round((observed - startup) / plain, 3),
               "target_ratio": target}
        for name, (plain, observed, target) in figures.items()
    }  # fmt: skip
    report("overhead", repeat=repeat, startup_s=round(startup, 3), **results)


if __name__ == "__main__":
    main()
