"""The command line's parser (DESIGN.md section 2): argparse, with a usage error as one
line (UsageError) and the terminal's width told, not asked (asked, argparse imports
shutil, bz2 and lzma, 3 ms before a --run's program starts)."""

from __future__ import annotations

import argparse
import os

from workers.launch import DEFAULT_MAX_PROCESSES
from workers.programs import UsageError


class _Formatter(argparse.HelpFormatter):
    """argparse's, told the terminal's width: asked itself, it imports shutil (and bz2,
    lzma, zlib: 3 ms) at every add_argument, before the program starts."""

    def __init__(self, prog: str) -> None:
        width = _columns()
        super().__init__(prog, width=width - 2)


def _columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's, else 80."""
    try:
        if int(os.environ.get("COLUMNS", "0")) > 0:
            return int(os.environ["COLUMNS"])
    except ValueError:
        pass
    try:
        return os.get_terminal_size(1).columns or 80
    except (OSError, ValueError):
        return 80


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        formatter_class=_Formatter,
        prog="procscope",
        description="Watch Python multiprocessing happen: one lane per process, live.",
    )
    parser.add_argument("program", nargs="?", help="a .py file to open in the window")
    parser.add_argument("--list", action="store_true", help="list the built-in demos")
    parser.add_argument("--run", metavar="ID|PROGRAM.py", help="run headless to completion")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a demo parameter (repeatable)")  # fmt: skip
    parser.add_argument("--start-method", metavar="fork|spawn|forkserver")
    parser.add_argument("--trace", metavar="FILE.json", help="write a Chrome/Perfetto trace")
    parser.add_argument("--transcript", metavar="FILE.txt", help="write PID<TAB>STREAM<TAB>TEXT")
    parser.add_argument("--png", metavar="FILE.png", help="write the Gantt chart as a picture")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="stop the run after this")
    parser.add_argument("--sweep", metavar="NAME=LOW..HIGH",
                        help="run a demo once per value of NAME; --png draws speed-up against "
                             "it, a CSV beside it has each run's makespan")  # fmt: skip
    parser.add_argument(
        "--record",
        metavar="FILE.json",
        help="save the run to replay later (the window, or Perfetto, opens it)",
    )
    parser.add_argument("--open", metavar="FILE.json",
                        help="a recorded run: write --trace, --transcript or --png from it "
                             "(alone: open it in the window)")  # fmt: skip
    parser.add_argument(
        "--at",
        type=float,
        metavar="SECONDS",
        help="with --open: the moment of the run to draw (--png) or write",
    )
    parser.add_argument("--max-processes", type=int, default=DEFAULT_MAX_PROCESSES, metavar="N",
                        help=f"stop a run that starts more than N processes "
                             f"(default {DEFAULT_MAX_PROCESSES})")  # fmt: skip
    parser.add_argument("--install-desktop-entry", action="store_true",
                        help="add procscope to this user's application menu (Linux)")  # fmt: skip
    parser.epilog = "Arguments after -- go to the program: procscope --run prog.py -- a b"
    return parser
