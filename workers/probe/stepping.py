"""Step mode: every process stops before each line of the program until procscope lets it
run one line. Full line tracing is on only here (DESIGN.md rule 5)."""

from __future__ import annotations

import sys

from . import state
from .sampler import note_line, watch
from .state import is_prog, now, wire
from .transport import emit, flush


def _trace_calls(frame, event, arg):
    """The global tracer: line events only inside the program's own frames."""
    if state.current.stepping and event == "call" and is_prog(frame.f_code.co_filename):
        return _trace_lines
    return None


def _trace_lines(frame, event, arg):
    if state.current.stepping and event == "line" and not _preamble(frame):
        _hold(frame)
    return _trace_lines if state.current.stepping else None


_PREAMBLE = ("import ", "from ", chr(34), chr(39), "#")  # imports, a docstring, comments


def _preamble(frame) -> bool:
    """A module's docstring and imports do nothing to show: the first step stops at the
    first line after them."""
    st = state.current
    if st.stepped or frame.f_code.co_name != "<module>":
        st.stepped = True
        return False
    import linecache  # (step mode only: tokenize is 2 ms for every process)

    text = linecache.getline(frame.f_code.co_filename, frame.f_lineno).lstrip()
    if text.startswith(_PREAMBLE):
        return True
    st.stepped = True
    return False


def _hold(frame) -> None:
    """Say where this process is, then wait until procscope lets it run one line."""
    st = state.current
    note_line(frame)
    watch()
    emit((wire.STEP, now(), frame.f_code.co_filename, frame.f_lineno))
    flush()
    if st.conn is None or st.dead:
        stop()
        return
    try:
        command = st.conn.recv_bytes()
    except (EOFError, OSError):
        command = wire.STOP_STEPPING  # procscope went away: run free
    if command == wire.STOP_STEPPING:
        stop()


def start() -> None:
    state.current.stepping = True
    sys.settrace(_trace_calls)


def stop() -> None:
    state.current.stepping = False
    sys.settrace(None)
    frame = sys._getframe(1)
    while frame is not None:  # frames already traced stop calling back
        frame.f_trace = None
        frame = frame.f_back
