"""``python -m workers.host PROGRAM [ARGS...]``: run PROGRAM as ``python PROGRAM`` would.

The probe is already installed (boot/sitecustomize.py ran at start-up). The host makes
the interpreter look as if PROGRAM had been started directly (sys.argv, sys.path[0],
``__name__ == "__main__"``, a traceback without the host's frames) and tells the probe
the exit status.
"""

from __future__ import annotations

import builtins
import importlib.machinery
import os
import sys
import types


def _forget_host() -> None:
    """Take procscope's own entries off sys.path (the -m entry, and the checkout's root if
    the run controller added it) and its modules off sys.modules."""
    ours = os.environ.get("PROCSCOPE_ROOT")
    sys.path[:] = [p for p in sys.path[1:] if not ours or os.path.abspath(p or ".") != ours]
    for name in [n for n in sys.modules if n == "workers" or n.startswith("workers.")]:
        del sys.modules[name]


def _print_traceback(exc: BaseException, program: str) -> None:
    """As python does for an uncaught exception: through sys.excepthook (the program may
    have set its own), from the program's first frame (the host's are not the program's)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != program:
        tb = tb.tb_next
    exc.__traceback__ = tb or exc.__traceback__
    try:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    except Exception:
        import traceback  # (only then: plain python imports it only then too)

        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


def _exit_status(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _run_as_main(program: str) -> None:
    """Run PROGRAM as ``python PROGRAM`` does: a fresh ``__main__`` module that stays
    ``__main__`` after the last line (atexit handlers and the probe still see it)."""
    with open(program, "rb") as source:
        code = compile(source.read(), program, "exec", dont_inherit=True)
    module = types.ModuleType("__main__")
    module.__file__ = program
    module.__cached__ = None
    module.__loader__ = importlib.machinery.SourceFileLoader("__main__", program)
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    exec(code, module.__dict__)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: python -m workers.host PROGRAM [ARGS...]")
    program = os.path.abspath(sys.argv[1])
    probe = sys.modules.get("_procscope_probe")
    _forget_host()
    sys.path.insert(0, os.path.dirname(program))
    sys.argv = [sys.argv[1], *sys.argv[2:]]
    code = 0
    try:
        _run_as_main(program)
    except SystemExit as exc:
        code = _exit_status(exc)
    except BaseException as exc:  # what python itself would print, then status 1
        _print_traceback(exc, program)
        code = 1
    if probe is not None:
        probe.set_exit_code(code)
    sys.stdout.flush()
    sys.exit(code)


if __name__ == "__main__":
    main()
