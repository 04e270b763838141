"""Shared bits of the benchmarks: where things are, and one JSON line per figure."""

from __future__ import annotations

import json
import os
import platform
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
