"""procscope: watch Python multiprocessing happen.

    python main.py                  open the window
    python main.py PROGRAM.py       open the window with that program loaded
    python main.py RUN.json         open the window with that recorded run, to replay
    python main.py --list | --run ID|PROGRAM.py [...]   (see --help)

No Qt at module level: spawn children re-import the main module, and the command line
must not pay for Qt it does not use.
"""

from __future__ import annotations

import os
import sys

# Installed, this file is procscope/main.py and gui/, workers/ sit beside it: the folder
# goes on the path, so they import as in the repository (and only in procscope's process).
_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


def _render_png(what, path: str, title: str = "", now: float | None = None) -> None:
    """A run's Gantt chart (at NOW, for a replay), or a sweep's speed-up plot (a list of
    its points)."""
    if isinstance(what, list):
        from gui.sweep_plot import render_sweep_png

        name = title.rsplit("--sweep ", 1)[-1].split("=", 1)[0]
        render_sweep_png(what, name, path, title)
        return
    from gui.export import render_png

    render_png(what, path, title, now)


def main(argv: list[str] | None = None) -> int:
    from workers.cli import main as command_line

    status = command_line(argv, render_png=_render_png)
    if status >= 0:
        return status
    return _open_window(sys.argv[1:] if argv is None else argv)


def _open_window(args: list[str]) -> int:
    from gui.app import run_window

    return run_window(next((a for a in args if not a.startswith("-")), None))


def entry() -> None:
    """The installed ``procscope`` command."""
    if getattr(sys, "frozen", False):  # a frozen Windows build re-enters here in children
        import multiprocessing  # (only then: its import costs every --run 9 ms)

        multiprocessing.freeze_support()
    from workers.cli import main as command_line

    status = command_line(None, render_png=_render_png)
    if status >= 0:  # a command-line job, done and written: no interpreter teardown to wait
        sys.stdout.flush()  # for (20-25 ms of modules and Qt objects freed one by one)
        sys.stderr.flush()
        os._exit(status)
    sys.exit(_open_window(sys.argv[1:]))


if __name__ == "__main__":
    entry()
