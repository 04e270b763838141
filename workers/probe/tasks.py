"""Tasks: a Process's run() and each Pool / ProcessPoolExecutor work item, reported by the
process that runs it. Tracebacks stay exactly as plain Python prints them: every frame of
the probe takes itself out of an exception passing through it (hide_frame)."""

from __future__ import annotations

import _thread
import functools
import itertools
import sys

from . import state
from .output import page_task
from .sampler import left_program, short_repr
from .state import now, tid_tail, wire
from .transport import emit, flush


def hide_frame(exc: BaseException) -> None:
    """Called in an except clause of a probe wrapper: drop the wrapper's own frame from the
    traceback, so a bare ``raise`` re-raises it as if the wrapper were not there."""
    tb = exc.__traceback__
    if tb is not None and tb.tb_frame is sys._getframe(1):
        exc.__traceback__ = tb.tb_next


def qualname(func) -> str:
    return getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or "?"


_PLAIN = (int, float, complex, bool, str, bytes, type(None))
PLAIN_MAX = 20  # characters of a plain value shown in a task's label


def call_label(func, args, kwargs) -> str:
    """What a task's bar says between its parentheses: plain values as themselves
    (worker(7)), anything else by the parameter's name in the function (read(q)), never an
    object's repr with its address."""
    code = getattr(getattr(func, "__func__", func), "__code__", None)
    names = code.co_varnames[: code.co_argcount] if code is not None else ()
    if hasattr(func, "__self__") and names:
        names = names[1:]
    parts = [_part(value, names[i] if i < len(names) else None) for i, value in enumerate(args)]
    parts += [f"{key}={_part(value, key)}" for key, value in kwargs.items()]
    text = ", ".join(parts)
    return text if len(text) <= 80 else text[:77] + "..."


_SHORT = (int, float, bool, type(None))
_SMALL = 10**15


def _part(value, name: str | None) -> str:
    kind = type(value)
    if kind in _SHORT and (kind is not int or -_SMALL < value < _SMALL):
        return repr(value)  # (the common case, without reprlib: a task per item costs less)
    if kind is str and len(value) <= PLAIN_MAX:
        text = repr(value)
        if len(text) <= PLAIN_MAX:
            return text
    if isinstance(value, _PLAIN):
        text = short_repr(value)
        if len(text) <= PLAIN_MAX:
            return text
    return name or type(value).__name__


current_chunk = 0  # in a Pool worker: the i of its work item now (workers/probe/results.py)


def run_task(func, name: str, shown: str, args, kwargs, submit=None):
    st = state.current
    task_id = next(state.ids)
    tail = tid_tail()  # on a thread of the program's own: its tid
    begin = (wire.TASK, now(), task_id, name, shown, *tail)
    # Not sent now (a task that ends soon goes with its end); written to the shared page,
    # where the collector finds it if the process dies inside the task (the page holds
    # the main thread's: the one a Pool worker or a Process runs its tasks on).
    emit(begin)
    if submit:
        emit((wire.FROM_SUBMIT, begin[1], submit[0], submit[1], current_chunk))
    if not tail:
        page_task(_page_message(st.pid, begin))
    try:
        result = func(*args, **kwargs)
    except BaseException as exc:
        emit((wire.TASK_END, now(), task_id, short_repr(exc)))
        _task_over(not tail)
        hide_frame(exc)
        raise
    emit((wire.TASK_END, now(), task_id, None))
    _task_over(not tail)
    return result


_json_of: dict[str, str] = {}  # a task's name as JSON (the same few names, again and again)


def _page_message(pid: int, begin: tuple) -> bytes:
    """wire.encode(pid, [begin]), byte for byte, cheaper: a task per item of a map chunk
    writes one (tests/test_wire_and_model.py compares them)."""
    _kind, t, task_id, name, shown = begin
    name_json = _json_of.get(name)
    if name_json is None:
        name_json = wire.dumps(name)
        if len(_json_of) < 256:  # (a program that names its tasks anew each time: no cache)
            _json_of[name] = name_json
    return f'[1,{pid},[["T",{t!r},{task_id},{name_json},{wire.dumps(shown)}]]]'.encode()


def _task_over(main_thread: bool) -> None:
    if not main_thread:
        return  # a thread's task: the thread goes on (or ends, and says so)
    st = state.current
    if st.last_line is not None:
        left_program()
    # A pool worker's task end waits in the batch: the worker posts it as it hands the result
    # over (transport.send_before_handing_over), with the watermark that stamps what the
    # task printed before its result reaches the parent (causal order); or it goes with
    # FLUSH_COUNT others.
    if st.role != "pool-worker":
        flush()
    page_task(None)


class Task:
    """A Pool work item's function, wrapped so the worker that runs it reports it."""

    __slots__ = ("func", "submit")

    def __init__(self, func, submit=None) -> None:
        self.func = func
        self.submit = submit  # (pid, n) of the submission it came from

    def __call__(self, *args, **kwargs):
        try:
            shown = call_label(self.func, args, kwargs)
        except Exception:
            shown = ""
        try:
            return run_task(self.func, qualname(self.func), shown, args, kwargs, self.submit)
        except BaseException as exc:
            hide_frame(exc)
            raise

    def __reduce__(self):
        return (Task, (self.func, self.submit))


def as_task(func, submit=None):
    return func if isinstance(func, Task) or not callable(func) else Task(func, submit)


_submits = itertools.count(1)
submitting = _thread._local()  # (threading.local)  # .key: the submission this thread is making now


def new_submit() -> tuple[int, int]:
    """A key for one submission of work to a pool: (this pid, a number)."""
    key = (state.current.pid, next(_submits))
    emit((wire.SUBMIT, now(), key[1]))
    return key


def wrap_func_arg(method):
    """Pool.apply_async and friends: the function they hand out becomes a Task that knows
    its submission, and so does the result object they make (results._keyed)."""

    @functools.wraps(method)
    def wrapper(self, func, *args, **kwargs):
        submit = None
        try:
            if not isinstance(func, Task) and callable(func):
                submit = new_submit()
        except Exception:
            pass
        submitting.key = submit  # the result object made inside takes it (results._keyed)
        try:
            result = method(self, as_task(func, submit), *args, **kwargs)
        except BaseException as exc:
            hide_frame(exc)
            raise
        finally:
            submitting.key = None
        return result

    return wrapper


def role_of(proc) -> str:
    target = getattr(proc, "_target", None)
    where = f"{getattr(target, '__module__', '')}.{qualname(target)}"
    if where.endswith(("pool.worker", "_process_worker")):
        return "pool-worker"
    if where.endswith("_run_server"):
        return "manager"
    return "process"


def patch_bootstrap(process, on_end) -> None:
    """multiprocessing's child entry point: the process's name and role, its run() as a
    task, its end."""
    orig_bootstrap = process.BaseProcess._bootstrap

    def _bootstrap(self, *args, **kwargs):
        st = state.current
        try:
            st.role = role_of(self)
            emit((wire.RENAME, now(), self.name, st.role, st.origin))
            flush()  # an idle Pool worker may next block in Pool internals, then be killed
            if st.role == "process":
                own_run = type(self).run is not process.BaseProcess.run
                name = f"{type(self).__qualname__}.run" if own_run else qualname(self._target)
                shown = "" if own_run else call_label(self._target, self._args, self._kwargs)
                # a partial is not a Python frame: tracebacks show run() as plain Python does
                self.run = functools.partial(run_task, self.run, name, shown, (), {})
        except Exception:
            pass
        code = orig_bootstrap(self, *args, **kwargs)
        on_end(code)
        return code

    process.BaseProcess._bootstrap = _bootstrap


def patch_start(process) -> None:
    """The parent tells who it started: the child is known with its name and real parent
    even if it dies before its own probe speaks."""
    orig_start = process.BaseProcess.start

    @functools.wraps(orig_start)
    def start(self):
        called = now()  # the arrow to the child starts where start() was called
        role = role_of(self)  # start() deletes _target once the child is started
        try:
            orig_start(self)
        except BaseException as exc:
            hide_frame(exc)
            raise
        pid = getattr(self, "pid", None)
        if isinstance(pid, int):
            method = getattr(self, "_start_method", None) or _method_of(self)
            emit((wire.CHILD, called, pid, self.name, role, method))

    process.BaseProcess.start = start


def _method_of(proc) -> str | None:
    popen = type(getattr(proc, "_popen", None)).__module__
    for method in ("forkserver", "spawn", "fork"):
        if method in popen:
            return method
    return None
