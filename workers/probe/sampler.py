"""Where the program is: a CPU-time timer (SIGPROF) samples the innermost frame of the
program's own files, and the program's module-level variables (the Values tab). The timer
is disarmed before exec and never armed in a child that is about to exec: a SIGPROF timer
survives execve and its default action kills the new program."""

from __future__ import annotations

import _signal as signal  # (signal.py wraps it in enums: 1 ms of every start)
import reprlib
import sys

from . import state
from .state import is_prog, now, wire
from .transport import FLUSH_AGE, emit, flush

SAMPLE_INTERVAL = 0.01  # seconds of CPU time between line samples (and age checks)
ARGS_REPR_MAX = 80

_repr = reprlib.Repr()
_repr.maxstring = _repr.maxother = ARGS_REPR_MAX
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 8


def short_repr(value) -> str:
    """A bounded repr that never raises into the program (reprlib caps containers and
    strings; an object's own __repr__ that fails is named, not propagated)."""
    try:
        text = _repr.repr(value)
    except Exception as exc:
        text = f"<{type(value).__name__}: repr failed: {type(exc).__name__}>"
    return text if len(text) <= ARGS_REPR_MAX else text[: ARGS_REPR_MAX - 3] + "..."


def program_frame(frame):
    while frame is not None and not is_prog(frame.f_code.co_filename):
        frame = frame.f_back
    return frame


def note_line(frame) -> None:
    st = state.current
    where = (frame.f_code.co_filename, frame.f_lineno)
    if where != st.last_line:
        st.last_line = where
        emit((wire.LINE, now(), where[0], where[1]))


def left_program() -> None:
    """Back in multiprocessing's own code (a worker between tasks): no current line."""
    state.current.last_line = None
    emit((wire.LINE, now(), "", 0))


_SIMPLE = (int, float, str, bool, bytes, type(None), complex)
_CONTAINERS = (list, tuple, set, frozenset, dict)
_IMMUTABLE = (int, float, str, bool, bytes, type(None), complex, tuple, frozenset)


def _watchable(value) -> bool:
    if isinstance(value, _SIMPLE):
        return True
    if isinstance(value, _CONTAINERS) and len(value) <= 8:
        items = value.items() if isinstance(value, dict) else ((v, None) for v in value)
        return all(isinstance(k, _SIMPLE) and isinstance(v, _SIMPLE) for k, v in items)
    return False


def watch() -> None:
    """Report the program's module-level variables that changed in this process since the
    last look. An immutable object is skipped only if it is the very object reported last
    time (held here, so its id cannot be reused by a new value)."""
    st = state.current
    main = sys.modules.get("__main__")
    source = getattr(main, "__file__", None)
    if not source or not is_prog(source):
        return
    for name, value in list(vars(main).items()):
        if name.startswith("_"):
            continue
        if isinstance(value, _IMMUTABLE) and st.seen.get(name) is value:
            continue
        if not _watchable(value):
            continue
        if isinstance(value, _IMMUTABLE):
            st.seen[name] = value
        text = short_repr(value)
        if st.watched.get(name) != text:
            st.watched[name] = text
            emit((wire.VALUE, now(), name, text))


def _on_sample(signum, frame) -> None:
    try:
        frame = program_frame(frame)
        if frame is not None:
            note_line(frame)
            watch()
        st = state.current
        if st.buf and now() - st.buf_t0 > FLUSH_AGE:
            flush(blocking=False)
    except Exception:
        pass  # a sample is never worth an exception in the program


def install_sampler() -> None:
    try:
        signal.signal(signal.SIGPROF, _on_sample)
        arm()
    except (ValueError, OSError, AttributeError):
        pass  # not the main thread, or no SIGPROF on this platform


def arm() -> None:
    try:
        signal.setitimer(signal.ITIMER_PROF, SAMPLE_INTERVAL, SAMPLE_INTERVAL)
    except (OSError, ValueError, AttributeError):
        pass


def disarm() -> None:
    """Before exec (or at the end): no timer and no handler of ours may outlive the probe."""
    try:
        signal.setitimer(signal.ITIMER_PROF, 0)
        if signal.getsignal(signal.SIGPROF) is _on_sample:
            signal.signal(signal.SIGPROF, signal.SIG_DFL)
    except (OSError, ValueError, AttributeError):
        pass
