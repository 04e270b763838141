"""The command line (DESIGN.md section 2): parsing, checks, and headless runs. Qt-free.

Every usage error is one line on stderr and exit status 2, with nothing run.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workers.cli_parser import build_parser
from workers.launch import DEFAULT_MAX_PROCESSES, SOCKET_PATH_MAX, launch, temp_root
from workers.programs import UsageError, check_program

TYPE_CHECKING = False  # (typing itself costs 2 ms before the program starts)
if TYPE_CHECKING:
    from workers.demos.registry import Demo
    from workers.launch import Launch
    from workers.run import Run

# A --run starts the program as soon as the command line is checked, before procscope
# imports its run machinery (the model, the collector, dataclasses, multiprocessing): the
# program's interpreter boots on one core while procscope imports on the other. So this
# module imports little at its top; the rest comes where it is used.

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_TIMEOUT = 0, 1, 2, 124
POLL_SECONDS = 0.01


INFINITY = float("inf")


class Target:
    """What a run executes: a program file with its arguments, maybe from a demo."""

    def __init__(self, program: Path, args: list[str], demo: Demo | None = None) -> None:
        self.program = program
        self.args = args
        self.demo = demo


def resolve_target(text: str, settings: list[str], extra_args: list[str]) -> Target:
    pairs = _parse_settings(settings)
    # a demo's id is neither a .py file nor a path: only then is the catalogue read
    maybe_demo = not text.endswith(".py") and os.sep not in text
    if maybe_demo:
        from workers.demos import registry
    demo = registry.find(text) if maybe_demo else None
    if demo is None and (text.endswith(".py") or os.sep in text or Path(text).exists()):
        if pairs:
            raise UsageError("--set applies to built-in demos; pass a program's arguments after --")
        return Target(check_program(text), extra_args)
    if demo is None:
        raise UsageError(f"unknown demo {text!r}; 'procscope --list' shows the demo ids")
    if not demo.available():
        raise UsageError(f"demo {demo.id} needs os.fork(), which this platform does not have")
    try:
        args = demo.arguments(pairs)
    except registry.ParameterError as exc:
        raise UsageError(str(exc)) from None
    return Target(demo.path, args + extra_args, demo)


def _parse_settings(settings: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in settings:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set needs NAME=VALUE, not {item!r}")
        pairs[name.strip()] = value.strip()
    return pairs


def start_methods() -> list[str]:
    """multiprocessing.get_all_start_methods(), without importing multiprocessing (9 ms
    before the program starts): every Unix has all three, Windows spawn only."""
    if sys.platform == "win32":
        return ["spawn"]
    return ["fork", "spawn", "forkserver"]


def check_start_method(method: str | None) -> None:
    if method is not None and method not in start_methods():
        allowed = ", ".join(start_methods())
        raise UsageError(f"start method {method!r} is not available here (use one of {allowed})")


def check_output(path: str | None, option: str) -> None:
    """An output file procscope can write, found out before anything runs."""
    if path is None:
        return
    target = Path(path).expanduser()
    if target.is_dir():
        raise UsageError(f"{option} {path}: that is a folder, not a file")
    folder = target.resolve().parent
    if not folder.is_dir():
        raise UsageError(f"{option} {path}: its folder does not exist")
    if target.exists() and not os.access(target, os.W_OK):
        raise UsageError(f"{option} {path}: the file is not writable")
    import tempfile

    try:  # the only sure test (root passes os.access on /proc, where nothing can be made)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{target.name}.", delete=True):
            pass
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot write there ({exc.strerror})") from None


def check_socket_folder() -> None:
    """The probes' socket lives in a fresh folder under TMPDIR; a Unix socket's path has a
    length limit (107 bytes on Linux)."""
    longest = os.path.join(temp_root(), "procscope-xxxxxxxxxxxx", "probe.sock")
    if len(os.fsencode(longest)) > SOCKET_PATH_MAX:
        size = len(os.fsencode(longest))
        raise UsageError(f"the temporary folder's path is too long for a socket ({size} > "
                         f"{SOCKET_PATH_MAX} bytes): set TMPDIR to a shorter folder")  # fmt: skip


PngRenderer = Callable[..., None]  # (a run's model or a sweep's points, path, title[, now])


def run_headless(options: argparse.Namespace, render_png: PngRenderer | None) -> int:
    target = resolve_target(options.run, options.set, options.args)
    check_start_method(options.start_method)
    for path, option in ((options.trace, "--trace"), (options.transcript, "--transcript"),
                         (options.png, "--png"), (options.record, "--record")):  # fmt: skip
        check_output(path, option)
    if options.at is not None:
        raise UsageError("--at applies to a recorded run: add --open FILE.json")
    if options.timeout is not None and not (0 < options.timeout < INFINITY):
        raise UsageError("--timeout needs a number of seconds above 0")
    check_socket_folder()
    if options.max_processes < 1:
        raise UsageError("--max-processes needs a whole number above 0")
    if options.png and render_png is None:
        raise UsageError("--png needs the window's libraries (PySide6, pyqtgraph)")
    if options.sweep:
        return run_sweep(options, target, render_png)

    run, status = _start_and_execute(target, options)
    if run.stop_reason and status not in (EXIT_TIMEOUT, 130):
        print(f"procscope: stopped the run: {run.stop_reason}", file=sys.stderr)
    if run.model.prints_dropped:
        from workers.model import MAX_PRINTS

        dropped = sum(run.model.prints_dropped.values())
        print(f"procscope: kept the first {MAX_PRINTS:,} printed lines; {dropped:,} more were "
              "counted, not kept (see the trace's otherData)", file=sys.stderr)  # fmt: skip
    if not (options.trace or options.transcript or options.record or options.png):
        return status
    import multiprocessing

    from workers.trace import write_trace, write_transcript

    other = {
        "program": str(target.program),
        "args": target.args,
        "demo": target.demo.id if target.demo else None,
        "start_method": options.start_method or multiprocessing.get_start_method(),
        "exitcode": run.exitcode,
        "timed_out": status == EXIT_TIMEOUT,
        "stopped": run.stop_reason,
        "rejected_messages": run.rejected,
        "prints_dropped": {str(pid): n for pid, n in run.model.prints_dropped.items()},
    }
    if options.trace:
        write_trace(run.model, options.trace, other)
    if options.transcript:
        write_transcript(run.model, options.transcript)
    if options.record:
        demo = target.demo.id if target.demo else None
        from workers.recording import save_recording  # (only when asked: start-up is short)

        save_recording(run, options.record, _parse_settings(options.set), demo, other)
    if options.png and render_png is not None:
        what = " ".join([target.program.name, *target.args])
        render_png(run.model, options.png, f"procscope --run {what}")
    return status


def open_headless(options: argparse.Namespace, render_png: PngRenderer | None) -> int | None:
    """--open FILE.json: what --trace, --transcript and --png ask, from the recorded run at
    --at (or its end). None when nothing is asked: the window opens the recording."""
    from workers.recording import RecordingError, load_recording
    from workers.replay import Replay

    try:
        recording = load_recording(options.open)
    except RecordingError as exc:
        raise UsageError(str(exc)) from None
    if not (options.trace or options.transcript or options.png):
        if options.at is not None:
            raise UsageError("--at needs --png, --trace or --transcript to write")
        return None
    for path, option in ((options.trace, "--trace"), (options.transcript, "--transcript"),
                         (options.png, "--png")):  # fmt: skip
        check_output(path, option)
    if options.png and render_png is None:
        raise UsageError("--png needs the window's libraries (PySide6, pyqtgraph)")
    replay = Replay(recording)
    at = INFINITY if options.at is None else options.at
    if not 0 <= at:
        raise UsageError("--at needs a number of seconds from 0")
    model = replay.seek(at)
    from workers.trace import write_trace, write_transcript

    if options.trace:
        write_trace(model, options.trace, recording.other)
    if options.transcript:
        write_transcript(model, options.transcript)
    if options.png and render_png is not None:
        title = f"procscope --open {Path(options.open).name}"
        render_png(model, options.png, title, replay.now())
    return EXIT_OK


def run_sweep(options: argparse.Namespace, target: Target, render_png) -> int:
    """--sweep NAME=LOW..HIGH: the demo once per value, one after another, its output
    passed through; then the makespans (CSV) and the speed-up plot (--png)."""
    from workers.sweep import parse_sweep, point_of, write_csv

    name, values = parse_sweep(options.sweep)
    if target.demo is None or name not in {p.name for p in target.demo.params}:
        raise UsageError(f"--sweep {name}: not a parameter of {options.run}")
    if options.record:
        raise UsageError("--sweep makes many runs: --record needs a single one")
    if options.trace or options.transcript:
        raise UsageError("--sweep makes many runs: --trace and --transcript need a single one")
    points = []
    status = EXIT_OK
    for value in values:
        settings = [s for s in options.set if not s.startswith(f"{name}=")] + [f"{name}={value}"]
        one = resolve_target(options.run, settings, options.args)
        run, status = _start_and_execute(one, options)
        points.append(point_of(run.model, value, None if run.stopped else run.exitcode))
        print(f"procscope: {name}={value}: {points[-1].makespan:.2f} s", file=sys.stderr)
        if status != EXIT_OK:
            break
    if options.png:
        write_csv(points, name, Path(options.png).with_suffix(".csv"))
        if render_png is not None:
            title = f"procscope --run {options.run} --sweep {options.sweep}"
            render_png(points, options.png, title)
    else:
        sys.stdout.write("".join(f"{p.value}\t{p.makespan:.4f}\n" for p in points))
    return status


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PUMP_SLICE = 0.1  # seconds of decoding between looks at the clock and at stop signals
_stop_signal: list[int] = []  # the stop signal received, if any


def _ignore_stop_signals() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def _on_stop_signal(signum, frame) -> None:
    """Only note it: an exception raised here could land anywhere, halfway through an
    update of the run model. The loop sees the note within one slice. Further stop
    signals are ignored from now to the exit (one may still be pending)."""
    _ignore_stop_signals()
    _stop_signal.append(signum)


def _start_and_execute(target: Target, options: argparse.Namespace) -> tuple[Run, int]:
    """Start TARGET's program first, then import the run machinery while it boots, and
    run it to the end (execute)."""
    _stop_signal.clear()
    previous = {signum: signal.signal(signum, _on_stop_signal) for signum in STOP_SIGNALS}
    try:
        launched = launch(str(target.program.resolve()), target.args, os.getcwd(), True,
                          start_method=options.start_method)  # fmt: skip
        try:
            from workers.run import Run

            run = Run(target.program, target.args, options.start_method, passthrough=True,
                      max_processes=options.max_processes)  # fmt: skip
        except BaseException:
            launched.abandon()
            raise
        return run, execute(run, options.timeout, launched)
    finally:
        _ignore_stop_signals()
        if not _stop_signal:  # stopped by one: the rest are ignored to the exit
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def execute(run: Run, timeout: float | None, launched: Launch | None = None) -> int:
    """Run to the end (or the timeout, or Ctrl+C, SIGTERM, SIGHUP: the run is stopped, what
    was asked for is still written, and the status is 128 + the signal) and leave nothing
    behind. The stop signals are caught by the caller (_start_and_execute)."""
    deadline = time.monotonic() + timeout if timeout else None
    try:
        run.start(launched)
        while not _stop_signal and not run.poll():
            run.pump(max_seconds=PUMP_SLICE)
            if deadline is not None and time.monotonic() > deadline:
                _ignore_stop_signals()
                run.stop(f"--timeout of {timeout:g} s")
                return EXIT_TIMEOUT
            if not _stop_signal:
                run.wait(POLL_SECONDS)
        if _stop_signal:
            name = signal.Signals(_stop_signal[0]).name
            run.stop("interrupted (Ctrl+C)" if name == "SIGINT" else f"interrupted ({name})")
            return 128 + _stop_signal[0]
    finally:
        _ignore_stop_signals()
        run.stop()
    return EXIT_OK if run.exitcode == 0 and not run.stopped else EXIT_FAILED


def list_demos() -> str:
    from workers.demos import registry

    return "".join(f"{d.id}\t{d.title}\n" for d in registry.all_demos())


def _refuse_run_options_without_run(options: argparse.Namespace) -> None:
    """--png and friends describe a headless run: without --run they would be ignored while
    the window opened (or failed to, without a display)."""
    given = [name for name, value in (
        ("--set", options.set), ("--start-method", options.start_method),
        ("--trace", options.trace), ("--transcript", options.transcript),
        ("--png", options.png), ("--timeout", options.timeout), ("--sweep", options.sweep),
        ("--record", options.record), ("--at", options.at),
        ("--max-processes", options.max_processes != DEFAULT_MAX_PROCESSES),
    ) if value not in (None, [], False)]  # fmt: skip
    if given:
        raise UsageError(f"{given[0]} applies to a run: add --run ID|PROGRAM.py")


def main(argv: list[str] | None = None, render_png: PngRenderer | None = None) -> int:
    """Run a command-line job and return its exit status, or -1 to open the window."""
    argv = list(sys.argv[1:] if argv is None else argv)
    program_args: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, program_args = argv[:cut], argv[cut + 1 :]
    try:
        options = build_parser().parse_args(argv)
        options.args = program_args
        if options.list:
            sys.stdout.write(list_demos())
            return EXIT_OK
        if options.install_desktop_entry:
            from workers.desktop import install_desktop_entry

            written = install_desktop_entry()
            print(f"procscope is in your application menu ({written[0]})")
            return EXIT_OK
        if options.run and options.open:
            raise UsageError("--run and --open: one run at a time (a new one, or a recorded one)")
        if options.run:
            return run_headless(options, render_png)
        if options.open:
            status = open_headless(options, render_png)
            return -1 if status is None else status
        _refuse_run_options_without_run(options)
    except UsageError as exc:
        print(f"procscope: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return -1  # not a command-line job: open the window
