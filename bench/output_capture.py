"""Output capture: its cost, and why pipes.

1. Partial lines (`print(".", end="")` in a loop) must cost linear time: N and 4N prints
   under `--run`, the ratio of their times (linear: about 4; the old probe was quadratic:
   200,000 took 7 s against 0.1 s plain).
2. The channel: a child printing 1,000,000 lines into a pipe (line-buffered, as procscope
   makes Python's stdout) against into a pseudo-terminal. A pty's line discipline cost 2.6x
   a pipe here (2026-11-28: 2.15 s against 5.68 s), which is why procscope captures with
   pipes and makes the program's stdout line-buffered itself.

    python bench/output_capture.py [N] [REPEAT]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from common import ROOT, report

PARTIAL = "import sys\nfor _ in range(int(sys.argv[1])):\n    print('.', end='')\nprint()\n"
LINES = "import sys\nsys.stdout.reconfigure(line_buffering=True)\nfor i in range(N): print(i)\n"


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env=_ENV)  # fmt: skip
    return time.perf_counter() - started


def partial_lines(n: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "partial.py"
        program.write_text(PARTIAL)
        times = {}
        for count in (n, 4 * n):
            run = [sys.executable, str(ROOT / "main.py"), "--run", str(program), "--", str(count)]
            plain = [sys.executable, str(program), str(count)]
            times[count] = (statistics.median(_timed(run) for _ in range(repeat)),
                            statistics.median(_timed(plain) for _ in range(repeat)))  # fmt: skip
    (small, small_plain), (big, big_plain) = times[n], times[4 * n]
    report("partial_lines", prints=n, seconds=round(small, 3), plain_seconds=round(small_plain, 3),
           prints_x4=4 * n, seconds_x4=round(big, 3), plain_seconds_x4=round(big_plain, 3),
           ratio_x4=round(big / small, 2), target_ratio_at_most=4.4)  # fmt: skip


def _drain(fd: int) -> None:
    while True:
        try:
            if not os.read(fd, 1 << 16):
                return
        except OSError:  # a pty's master says EIO when the last writer is gone
            return


def channel(lines: int) -> None:
    figures = {}
    for kind in ("pipe", "pty"):
        if kind == "pty":
            read_end, write_end = os.openpty()
            attrs = termios.tcgetattr(write_end)
            attrs[1] &= ~termios.OPOST
            termios.tcsetattr(write_end, termios.TCSANOW, attrs)
        else:
            read_end, write_end = os.pipe()
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", LINES.replace("N", str(lines))],
                                 stdout=write_end)  # fmt: skip
        os.close(write_end)
        _drain(read_end)
        child.wait()
        os.close(read_end)
        figures[kind] = round(time.perf_counter() - started, 3)
    report(
        "output_channel",
        lines=lines,
        pipe_seconds=figures["pipe"],
        pty_seconds=figures["pty"],
        pty_over_pipe=round(figures["pty"] / figures["pipe"], 2),
    )


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    partial_lines(n, repeat)
    channel(1_000_000)
