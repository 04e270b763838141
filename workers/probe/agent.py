"""The probe: runs inside every process of the observed program and reports what it does.

Loaded by ``boot/sitecustomize.py`` as the module ``_procscope_probe`` (a name no program
uses), so the program's own imports are untouched. Standard library only.

What it reports and how (DESIGN.md rules 5 and 6):
- process begin/end: at start-up, after every os.fork() in the child, from multiprocessing's
  bootstrap (name, role) and on every way out (atexit, os._exit, the bootstrap's end);
- printed lines: sys.stdout/sys.stderr are wrapped so each line is also recorded;
- tasks: a Process's run(), and each Pool work item (the function is wrapped in a picklable
  ``_Task`` where the Pool hands it out, so each item of a map is one task);
- waits: a few blocking entry points, recorded only when called from the program's own lines;
- the current line: a CPU-time interval timer (SIGPROF) samples the innermost program frame.
Events are batched and sent over one authenticated connection per process, opened lazily
and re-opened in a forked child. There is no background thread here: the batch is sent when
it is big or old at the next event, from the sampler, before blocking calls, before fork and
on every way out.
"""

from __future__ import annotations

import atexit
import collections
import functools
import importlib.util
import itertools
import os
import signal
import sys
import threading
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
_WORKERS = os.path.dirname(_HERE)


def _load_wire():
    name = "_procscope_wire"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, os.path.join(_WORKERS, "wire.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_w = _load_wire()

FLUSH_COUNT = 256  # records per message at most
FLUSH_AGE = 0.008  # seconds an event may wait in the batch while the process runs
SAMPLE_INTERVAL = 0.01  # seconds of CPU time between line samples (and age checks)
ARGS_REPR_MAX = 80

_now = time.monotonic
_buf: collections.deque = collections.deque()
_buf_t0 = 0.0
_pid = os.getpid()
_conn = None
_dead = False  # the collector is gone: keep running the program, stop sending
_ended = False
_exit_code: int | None = None
_send_lock = threading.Lock()
_ids = itertools.count(1)
_role = "python"
_origin = "python"  # how this process came to be: host, spawn, fork, python, ...
_last_line: tuple[str, int] | None = None
_prog_dir = ""
_excluded: tuple[str, ...] = ()
_is_prog_cache: dict[str, bool] = {}
_tees: list[_Tee] = []
_address = ""
_authkey = b""


# ---- sending ---------------------------------------------------------------------------


def _emit(record: tuple) -> None:
    global _buf_t0
    if _ended:
        return
    if not _buf:
        _buf_t0 = record[1]
    _buf.append(record)
    if len(_buf) >= FLUSH_COUNT or record[1] - _buf_t0 > FLUSH_AGE:
        # Never wait for the lock here: _emit also runs in the SIGPROF handler, which may
        # have interrupted this very thread inside _flush (waiting would deadlock, and a
        # re-entrant send would put a later batch before an earlier one).
        _flush(blocking=False)


def _flush(blocking: bool = True) -> None:
    """Send what is batched. Non-blocking callers (the sampler) skip if a send is on."""
    global _conn, _dead
    if not _send_lock.acquire(blocking):
        return
    try:
        while _buf and not _dead:
            batch = [_buf.popleft() for _ in range(min(len(_buf), FLUSH_COUNT))]
            if _conn is None:
                from multiprocessing.connection import Client

                _conn = Client(_address, family="AF_UNIX", authkey=_authkey)
            _conn.send_bytes(_w.encode(_pid, batch))
    except Exception:
        _dead = True  # the collector went away: the program goes on unobserved
        _buf.clear()
    finally:
        _send_lock.release()


# ---- where the program is ------------------------------------------------------------


def _is_prog(filename: str) -> bool:
    known = _is_prog_cache.get(filename)
    if known is None:
        path = os.path.realpath(filename) if not filename.startswith("<") else ""
        known = bool(path) and path.startswith(_prog_dir) and not path.startswith(_excluded)
        _is_prog_cache[filename] = known
    return known


def _program_frame(frame):
    while frame is not None and not _is_prog(frame.f_code.co_filename):
        frame = frame.f_back
    return frame


def _note_line(frame) -> None:
    global _last_line
    where = (frame.f_code.co_filename, frame.f_lineno)
    if where != _last_line:
        _last_line = where
        _emit((_w.LINE, _now(), where[0], where[1]))


def _left_program() -> None:
    """Back in multiprocessing's own code (a worker between tasks): no current line."""
    global _last_line
    _last_line = None
    _emit((_w.LINE, _now(), "", 0))


_SIMPLE = (int, float, str, bool, bytes, type(None), complex)
_CONTAINERS = (list, tuple, set, frozenset, dict)
_watched: dict[str, str] = {}


def _watchable(value) -> bool:
    if isinstance(value, _SIMPLE):
        return True
    if isinstance(value, _CONTAINERS) and len(value) <= 8:
        items = value.items() if isinstance(value, dict) else ((v, None) for v in value)
        return all(isinstance(k, _SIMPLE) and isinstance(v, _SIMPLE) for k, v in items)
    return False


_seen_objects: dict[str, int] = {}  # name -> id of an immutable value already reported
_IMMUTABLE = (int, float, str, bool, bytes, type(None), complex, tuple, frozenset)


def _watch() -> None:
    """Report the program's module-level variables that changed in this process since
    the last look (numbers, strings, short containers): each process has its own copy."""
    main = sys.modules.get("__main__")
    source = getattr(main, "__file__", None)
    if not source or not _is_prog(source):
        return
    for name, value in list(vars(main).items()):
        if name.startswith("_"):
            continue
        if isinstance(value, _IMMUTABLE) and _seen_objects.get(name) == id(value):
            continue  # the very same immutable object: nothing to compare
        if not _watchable(value):
            continue
        _seen_objects[name] = id(value)
        text = _short_repr(value)
        if _watched.get(name) != text:
            _watched[name] = text
            _emit((_w.VALUE, _now(), name, text))


# ---- step mode ----------------------------------------------------------------------

_stepping = False


def _trace_calls(frame, event, arg):
    """Step mode's global tracer: line events only inside the program's own frames."""
    if _stepping and event == "call" and _is_prog(frame.f_code.co_filename):
        return _trace_lines
    return None


def _trace_lines(frame, event, arg):
    if _stepping and event == "line":
        _hold(frame)
    return _trace_lines if _stepping else None


def _hold(frame) -> None:
    """Say where this process is, then wait until procscope lets it run one line."""
    _note_line(frame)
    _watch()
    _emit((_w.STEP, _now(), frame.f_code.co_filename, frame.f_lineno))
    _flush()
    if _conn is None or _dead:
        _stop_stepping()
        return
    try:
        command = _conn.recv_bytes()
    except (EOFError, OSError):
        command = _w.STOP_STEPPING  # procscope went away: run free
    if command == _w.STOP_STEPPING:
        _stop_stepping()


def _stop_stepping() -> None:
    global _stepping
    _stepping = False
    sys.settrace(None)
    frame = sys._getframe(1)
    while frame is not None:  # frames already traced stop calling back
        frame.f_trace = None
        frame = frame.f_back


def _on_sample(signum, frame) -> None:
    frame = _program_frame(frame)
    if frame is not None:
        _note_line(frame)
        _watch()
    if _buf and _now() - _buf_t0 > FLUSH_AGE:
        _flush(blocking=False)


def _arm_sampler() -> None:
    try:
        signal.setitimer(signal.ITIMER_PROF, SAMPLE_INTERVAL, SAMPLE_INTERVAL)
    except (OSError, ValueError, AttributeError):
        pass


# ---- process begin and end -----------------------------------------------------------


def _begin(ppid: int, start_method: str | None) -> None:
    name = "MainProcess"
    mp = sys.modules.get("multiprocessing.process")
    if _role in ("forkserver", "resource-tracker"):
        name = _role  # multiprocessing calls its helpers "MainProcess" too
    elif mp is not None:
        name = mp.current_process().name
    _emit((_w.BEGIN, _now(), ppid, name, _role, start_method))
    _flush()


def set_exit_code(code: int) -> None:
    """The host tells the main process's exit status before the interpreter exits."""
    global _exit_code
    _exit_code = code


def _end(code: int | None) -> None:
    global _ended, _conn
    if _ended:
        return
    try:
        signal.setitimer(signal.ITIMER_PROF, 0)
    except (OSError, ValueError, AttributeError):
        pass
    for tee in _tees:
        tee.flush_partial()
    _watch()
    _emit((_w.END, _now(), code))
    _flush()
    _ended = True
    if _conn is not None:
        try:
            _conn.close()
        except OSError:
            pass
        _conn = None


def _at_exit() -> None:
    _end(_exit_code)


def _before_fork() -> None:
    _flush()


def _after_fork_in_child() -> None:
    global _pid, _conn, _dead, _ended, _exit_code, _send_lock, _origin, _role, _last_line
    parent, parent_role = _pid, _role
    _pid = os.getpid()
    if _conn is not None:
        try:
            _conn.close()  # only this process's copy of the parent's connection
        except OSError:
            pass
    _conn = None
    _buf.clear()
    _dead = _ended = False
    _exit_code = None
    _send_lock = threading.Lock()  # another thread may have held the parent's
    _origin = "forkserver" if parent_role == "forkserver" else "fork"
    _role = "fork"
    _last_line = None
    _watched.clear()  # the child reports its own copy of every value once
    _seen_objects.clear()
    _arm_sampler()
    _begin(parent, _origin)


# ---- printed lines ---------------------------------------------------------------------


def _text_record(stream: int, line: str) -> tuple:
    if len(line) > _w.MAX_TEXT:
        line = f"{line[: _w.MAX_TEXT]}... [{len(line) - _w.MAX_TEXT} more characters]"
    return (_w.OUT, _now(), stream, line)


class _Tee:
    """Wraps sys.stdout or sys.stderr: writes go through unchanged and are recorded."""

    def __init__(self, stream, index: int) -> None:
        self._procscope_stream = stream
        self._procscope_index = index
        self._procscope_partial = ""

    def write(self, text):
        written = self._procscope_stream.write(text)
        if isinstance(text, str) and text:
            lines = (self._procscope_partial + text).split("\n")
            self._procscope_partial = lines.pop()
            for line in lines:
                _emit(_text_record(self._procscope_index, line))
        return written

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        """print(..., flush=True) means now: for procscope too (a crash may follow)."""
        self._procscope_stream.flush()
        _flush()

    def flush_partial(self) -> None:
        if self._procscope_partial:
            _emit(_text_record(self._procscope_index, self._procscope_partial))
            self._procscope_partial = ""

    def __getattr__(self, name):
        return getattr(self._procscope_stream, name)


# ---- tasks -----------------------------------------------------------------------------


def _qualname(func) -> str:
    return getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)


def _short_repr(value) -> str:
    try:
        text = repr(value)
    except Exception as exc:
        text = f"<unrepresentable: {exc!r}>"
    return text if len(text) <= ARGS_REPR_MAX else text[: ARGS_REPR_MAX - 3] + "..."


def _run_task(func, name: str, args_repr: str, args, kwargs):
    task_id = next(_ids)
    # Not flushed here: a task that ends soon is sent with its end; one that runs on is sent
    # by the sampler (CPU) or its first wait (sleep, get, ...) within FLUSH_AGE.
    _emit((_w.TASK, _now(), task_id, name, args_repr))
    try:
        result = func(*args, **kwargs)
    except BaseException as exc:
        _emit((_w.TASK_END, _now(), task_id, _short_repr(exc)))
        _left_program()
        _flush()
        raise
    _emit((_w.TASK_END, _now(), task_id, None))
    _left_program()
    _flush()  # a pool worker now blocks for its next task, or is terminated
    return result


class _Task:
    """A Pool work item's function, wrapped so the worker that runs it reports it."""

    __slots__ = ("func",)

    def __init__(self, func) -> None:
        self.func = func

    def __call__(self, *args, **kwargs):
        call_args = args if not kwargs else (*args, kwargs)
        shown = _short_repr(call_args[0] if len(call_args) == 1 else call_args)
        return _run_task(self.func, _qualname(self.func), shown, args, kwargs)

    def __reduce__(self):
        return (_Task, (self.func,))


def _as_task(func):
    return func if isinstance(func, _Task) or not callable(func) else _Task(func)


def _wrap_func_arg(method):
    @functools.wraps(method)
    def wrapper(self, func, *args, **kwargs):
        return method(self, _as_task(func), *args, **kwargs)

    return wrapper


# ---- waits -----------------------------------------------------------------------------


def _blocking(orig, name: str, detail=None, depth: int = 1):
    """Wrap a blocking call: a wait is recorded when the program's own line called it."""

    @functools.wraps(orig)
    def wrapper(*args, **kwargs):
        try:
            frame = sys._getframe(depth)
        except ValueError:
            frame = None
        if frame is None or _ended or not _is_prog(frame.f_code.co_filename):
            return orig(*args, **kwargs)
        wait_id = next(_ids)
        text = detail(args, kwargs) if detail is not None else ""
        _note_line(frame)
        _watch()
        _emit((_w.WAIT, _now(), wait_id, name, text, frame.f_code.co_filename, frame.f_lineno))
        _flush()  # nothing may sit in the batch while this process is blocked
        try:
            result = orig(*args, **kwargs)
        except BaseException as exc:
            _emit((_w.WAIT_END, _now(), wait_id, type(exc).__name__))
            raise
        _emit((_w.WAIT_END, _now(), wait_id, "timeout" if result is False else None))
        return result

    return wrapper


def _patch(owner, attr: str, name: str, detail=None, depth: int = 1) -> None:
    setattr(owner, attr, _blocking(getattr(owner, attr), name, detail, depth))


def _self_name(args, kwargs) -> str:
    return getattr(args[0], "name", "") if args else ""


def _func_name(args, kwargs) -> str:
    return _qualname(args[1]) if len(args) > 1 else ""


def _item(args, kwargs) -> str:
    return _short_repr(args[1]) if len(args) > 1 else ""


_PROXY_WAITS = frozenset({"get", "put", "join", "wait", "acquire"})


def _patch_process(process) -> None:
    orig_bootstrap = process.BaseProcess._bootstrap

    def _bootstrap(self, *args, **kwargs):
        global _role
        _role = _role_of(self)
        _emit((_w.RENAME, _now(), self.name, _role, _origin))
        _flush()  # an idle Pool worker may next block in Pool internals, then be SIGTERM'd
        if _role == "process":
            own_run = type(self).run is not process.BaseProcess.run
            target = self.run if own_run else self._target
            name = f"{type(self).__qualname__}.run" if own_run else _qualname(target)
            shown = _short_repr(self._args if not own_run else ())
            run = self.run
            self.run = lambda: _run_task(run, name, shown, (), {})
        code = orig_bootstrap(self, *args, **kwargs)
        _end(code)
        return code

    process.BaseProcess._bootstrap = _bootstrap
    _patch(process.BaseProcess, "join", "join", _self_name)


def _patch_queues(queues) -> None:
    for cls in (queues.Queue, queues.SimpleQueue):
        _patch(cls, "get", "get", lambda a, k: "Queue.get")
        _patch(cls, "put", "put", lambda a, k: f"Queue.put({_item(a, k)})")
    _patch(queues.JoinableQueue, "join", "join", lambda a, k: "JoinableQueue")


def _patch_synchronize(synchronize) -> None:
    orig_make_methods = synchronize.SemLock._make_methods

    def _make_methods(self):
        orig_make_methods(self)
        kind = type(self).__name__
        self.acquire = _blocking(self.acquire, "acquire", lambda a, k: kind)

    synchronize.SemLock._make_methods = _make_methods
    _patch(synchronize.SemLock, "__enter__", "acquire", lambda a, k: type(a[0]).__name__)
    for cls in (synchronize.Event, synchronize.Condition, synchronize.Barrier):
        _patch(cls, "wait", "wait", lambda a, k, c=cls.__name__: c)


def _patch_pool(pool) -> None:
    for attr in ("apply_async", "_map_async", "imap", "imap_unordered"):
        setattr(pool.Pool, attr, _wrap_func_arg(getattr(pool.Pool, attr)))
    _patch(pool.Pool, "apply", "apply", _func_name)
    _patch(pool.Pool, "map", "map", _func_name)
    _patch(pool.Pool, "starmap", "map", _func_name)
    _patch(pool.Pool, "join", "join", lambda a, k: "Pool")
    _patch(pool.ApplyResult, "get", "get", lambda a, k: "AsyncResult")
    _patch(pool.ApplyResult, "wait", "wait", lambda a, k: "AsyncResult")


def _patch_managers(managers) -> None:
    orig_callmethod = managers.BaseProxy._callmethod
    # frames: the wrapper, _callmethod below, the proxy's generated method, the program
    proxied = {
        name: _blocking(orig_callmethod, name, lambda a, k, n=name: f"{n} via Manager", depth=3)
        for name in _PROXY_WAITS
    }

    def _callmethod(self, methodname, args=(), kwds={}):  # noqa: B006 (the original's signature)
        call = proxied.get(methodname, orig_callmethod)
        return call(self, methodname, args, kwds)

    managers.BaseProxy._callmethod = _callmethod


def _patch_futures(cfp) -> None:
    orig_submit = cfp.ProcessPoolExecutor.submit

    def submit(self, fn, /, *args, **kwargs):
        if isinstance(fn, functools.partial) and fn.func is cfp._process_chunk:
            fn = functools.partial(cfp._process_chunk, _as_task(fn.args[0]), *fn.args[1:])
        else:
            fn = _as_task(fn)
        return orig_submit(self, fn, *args, **kwargs)

    cfp.ProcessPoolExecutor.submit = submit


# Each module is patched when the program first imports it, so a process pays only for
# what it uses (importing all of them up front cost every interpreter about 20 ms).
_PATCHES = {
    "multiprocessing.process": _patch_process,
    "multiprocessing.queues": _patch_queues,
    "multiprocessing.synchronize": _patch_synchronize,
    "multiprocessing.pool": _patch_pool,
    "multiprocessing.managers": _patch_managers,
    "concurrent.futures.process": _patch_futures,
}


class _PatchedLoader:
    """A module's own loader, then its patch."""

    def __init__(self, loader, patch) -> None:
        self._loader, self._patch = loader, patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        self._loader.exec_module(module)
        self._patch(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class _PatchOnImport:
    """A meta path finder that hands the listed modules to their patch once loaded."""

    def __init__(self, pending: dict) -> None:
        self.pending = pending

    def find_spec(self, name, path=None, target=None):
        patch = self.pending.pop(name, None)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchedLoader(spec.loader, patch)
                return spec
        return None


def _patch_modules() -> None:
    pending = {}
    for name, patch in _PATCHES.items():
        module = sys.modules.get(name)
        if module is not None:
            patch(module)
        else:
            pending[name] = patch
    sys.meta_path.insert(0, _PatchOnImport(pending))


def _role_of(proc) -> str:
    target = getattr(proc, "_target", None)
    where = f"{getattr(target, '__module__', '')}.{_qualname(target)}"
    if where.endswith(("pool.worker", "_process_worker")):
        return "pool-worker"
    if where.endswith("_run_server"):
        return "manager"
    return "process"


# ---- os-level hooks --------------------------------------------------------------------


def _slowed(sleep):
    """time.sleep, stretched by the slow-motion factor when the program's own line calls it."""
    factor = float(os.environ.get("PROCSCOPE_SLOW_MOTION") or 1)
    if factor == 1:
        return sleep

    @functools.wraps(sleep)
    def slow_sleep(seconds):
        caller = sys._getframe(2)  # slow_sleep, the _blocking wrapper, the caller
        stretched = _is_prog(caller.f_code.co_filename) and seconds > 0
        return sleep(seconds * factor if stretched else seconds)

    return slow_sleep


def _sleep_detail(args, kwargs) -> str:
    if not args:
        return ""
    factor = float(os.environ.get("PROCSCOPE_SLOW_MOTION") or 1)
    return f"{args[0]:g} s" + (f" (x{factor:g} slow motion)" if factor != 1 else "")


def _patch_os() -> None:
    orig_exit, orig_waitpid, orig_wait = os._exit, os.waitpid, os.wait

    def _exit(code):
        _end(code if isinstance(code, int) else None)
        orig_exit(code)

    def _reaped(pid: int, status: int) -> None:
        if pid > 0:
            try:
                _emit((_w.REAPED, _now(), pid, os.waitstatus_to_exitcode(status)))
            except ValueError:  # stopped, not exited
                pass

    def waitpid(pid, options):
        result = orig_waitpid(pid, options)
        _reaped(*result)
        return result

    def wait():
        result = orig_wait()
        _reaped(*result)
        return result

    functools.update_wrapper(_exit, orig_exit)
    functools.update_wrapper(waitpid, orig_waitpid)
    functools.update_wrapper(wait, orig_wait)
    os._exit, os.waitpid, os.wait = _exit, waitpid, wait
    time.sleep = _blocking(_slowed(time.sleep), "sleep", _sleep_detail)
    os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)


def _origin_of_interpreter() -> str:
    command = " ".join(getattr(sys, "orig_argv", sys.argv))
    if "workers.host" in command:
        return "host"
    for marker, origin in (
        ("multiprocessing.spawn", "spawn"),
        ("multiprocessing.forkserver", "forkserver"),
        ("multiprocessing.resource_tracker", "resource-tracker"),
    ):
        if marker in command:
            return origin
    return "python"


def _use_start_method(method: str) -> None:
    """Make METHOD the default without fixing it: the program may still choose its own."""
    import multiprocessing.context as context

    context._default_context._default_context = context._concrete_contexts[method]


def install() -> None:
    global _address, _authkey, _prog_dir, _excluded, _origin, _role
    _address = os.environ["PROCSCOPE_ADDRESS"]
    _authkey = bytes.fromhex(os.environ["PROCSCOPE_AUTHKEY"])
    program = os.environ.get("PROCSCOPE_PROGRAM", "")
    _prog_dir = os.path.dirname(os.path.realpath(program)) + os.sep if program else "\0"
    _excluded = (
        _HERE + os.sep,
        os.path.join(_WORKERS, "host.py"),
        os.path.dirname(os.__file__) + os.sep,
    )
    _origin = _origin_of_interpreter()
    _role = {"host": "main", "spawn": "spawn"}.get(_origin, _origin)
    atexit.register(_at_exit)  # first registered, so it runs last
    _patch_os()
    _patch_modules()
    method = os.environ.get("PROCSCOPE_START_METHOD")
    if _origin == "host" and method:
        _use_start_method(method)
    for index, attr in enumerate(("stdout", "stderr")):
        stream = getattr(sys, attr)
        if stream is not None:
            tee = _Tee(stream, index)
            _tees.append(tee)
            setattr(sys, attr, tee)
    try:
        # No SIGTERM handler: a Python-level handler cannot run while the process is blocked
        # in C (a SIGTERM that lands just before sem_wait is never handled, and Pool's
        # terminate() then waits forever). Events are flushed before every wait instead.
        signal.signal(signal.SIGPROF, _on_sample)
        _arm_sampler()
    except (ValueError, OSError, AttributeError):
        pass  # not the main thread, or no SIGPROF on this platform
    _begin(os.getppid(), None if _origin in ("host", "python") else _origin)
    if os.environ.get("PROCSCOPE_STEP") == "1":
        global _stepping
        _stepping = True
        sys.settrace(_trace_calls)
