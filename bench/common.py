"""Shared bits of the benchmarks: where things are, and one JSON line per figure."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def report(bench: str, **figures) -> None:
    """Print one JSON line: the benchmark, its figures, and when and where they were taken."""
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(json.dumps({"bench": bench, **figures, "date": time.strftime("%Y-%m-%d"),
                      "machine": machine}))  # fmt: skip
    sys.stdout.flush()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


# Children run as from a plain shell: unbuffered output or no bytecode cache would make
# both sides slower and the ratios smaller than a user sees.
QUIET_ENV = {k: v for k, v in os.environ.items()
             if k not in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")}  # fmt: skip
PROCSCOPE = [sys.executable, str(ROOT / "main.py"), "--run"]


def timed(command: list[str], stdout: Path | None = None) -> float:
    """Wall seconds of COMMAND, its output into STDOUT (a file) or nowhere."""
    sink = open(stdout, "wb") if stdout is not None else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        subprocess.run(command, stdout=sink, stderr=subprocess.DEVNULL, check=True,
                       env=QUIET_ENV)  # fmt: skip
        return time.perf_counter() - started
    finally:
        if stdout is not None:
            sink.close()


def spread(values: list[float], digits: int = 3) -> dict[str, float | int]:
    """The median of VALUES with their range and count."""
    return {"median": round(statistics.median(values), digits),
            "min": round(min(values), digits), "max": round(max(values), digits),
            "n": len(values)}  # fmt: skip
