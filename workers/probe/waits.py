"""Waits: a few blocking entry points of multiprocessing and time.sleep, recorded when the
program's own line called them (DESIGN.md rule 5: wrap entry points, never trace calls)."""

from __future__ import annotations

import functools
import sys

from . import state
from .sampler import note_line, short_repr, watch
from .state import is_prog, now, tid_tail, wire
from .tasks import hide_frame, qualname, wrap_func_arg
from .transport import emit, flush, send_before_lock_wait


def blocking(orig, name: str, detail=None, depth: int = 1):
    """Wrap a blocking call: a wait is recorded when the program's own line called it."""

    @functools.wraps(orig)
    def wrapper(*args, **kwargs):
        try:
            frame = sys._getframe(depth)
            ours = not state.current.ended and is_prog(frame.f_code.co_filename)
        except Exception:
            frame, ours = None, False
        if not ours:
            try:
                return orig(*args, **kwargs)
            except BaseException as exc:
                hide_frame(exc)
                raise
        wait_id = next(state.ids)
        try:
            text = detail(args, kwargs) if detail is not None else ""
            note_line(frame)
            watch()
            file, line = frame.f_code.co_filename, frame.f_lineno
            emit((wire.WAIT, now(), wait_id, name, text, file, line, *tid_tail()))
            flush(posting=True)  # nothing may sit in the batch while this process waits
        except Exception:
            pass
        try:
            result = orig(*args, **kwargs)
        except BaseException as exc:
            emit((wire.WAIT_END, now(), wait_id, type(exc).__name__))
            hide_frame(exc)
            raise
        emit((wire.WAIT_END, now(), wait_id, "timeout" if result is False else None))
        return result

    return wrapper


def patch(owner, attr: str, name: str, detail=None, depth: int = 1) -> None:
    setattr(owner, attr, blocking(getattr(owner, attr), name, detail, depth))


def _self_name(args, kwargs) -> str:
    return getattr(args[0], "name", "") if args else ""


def _func_name(args, kwargs) -> str:
    return qualname(args[1]) if len(args) > 1 else ""


def _item(args, kwargs) -> str:
    return short_repr(args[1]) if len(args) > 1 else ""


_PROXY_WAITS = frozenset({"get", "put", "join", "wait", "acquire"})


def patch_join(process) -> None:
    patch(process.BaseProcess, "join", "join", _self_name)


def patch_thread_join(threading_module) -> None:
    patch(threading_module.Thread, "join", "join", _self_name)


def patch_queues(queues) -> None:
    for cls in (queues.Queue, queues.SimpleQueue):
        patch(cls, "get", "get", lambda a, k: "Queue.get")
        patch(cls, "put", "put", lambda a, k: f"Queue.put({_item(a, k)})")
    patch(queues.JoinableQueue, "join", "join", lambda a, k: "JoinableQueue")


def patch_synchronize(synchronize) -> None:
    orig_make_methods = synchronize.SemLock._make_methods

    def _make_methods(self):
        orig_make_methods(self)
        kind = type(self).__name__
        self.acquire = blocking(self.acquire, "acquire", lambda a, k: kind)

    synchronize.SemLock._make_methods = _make_methods
    enter = blocking(synchronize.SemLock.__enter__, "acquire", lambda a, k: type(a[0]).__name__, 2)

    @functools.wraps(synchronize.SemLock.__enter__)
    def __enter__(self):  # noqa: N807 (the method it stands for)
        try:  # multiprocessing's own lock (a queue's reader lock): send before waiting
            if not is_prog(sys._getframe(1).f_code.co_filename):
                if send_before_lock_wait(self._semlock):
                    return True
        except Exception:
            pass
        try:
            return enter(self)
        except BaseException as exc:
            hide_frame(exc)
            raise

    synchronize.SemLock.__enter__ = __enter__
    for cls in (synchronize.Event, synchronize.Condition, synchronize.Barrier):
        patch(cls, "wait", "wait", lambda a, k, c=cls.__name__: c)


def patch_pool(pool) -> None:
    for attr in ("apply_async", "_map_async", "imap", "imap_unordered"):
        setattr(pool.Pool, attr, wrap_func_arg(getattr(pool.Pool, attr)))
    patch(pool.Pool, "apply", "apply", _func_name)
    patch(pool.Pool, "map", "map", _func_name)
    patch(pool.Pool, "starmap", "map", _func_name)
    patch(pool.Pool, "join", "join", lambda a, k: "Pool")
    patch(pool.ApplyResult, "get", "get", lambda a, k: "AsyncResult")
    patch(pool.ApplyResult, "wait", "wait", lambda a, k: "AsyncResult")


def patch_managers(managers) -> None:
    orig_callmethod = managers.BaseProxy._callmethod
    # frames: the wrapper, _callmethod below, the proxy's generated method, the program
    proxied = {
        name: blocking(orig_callmethod, name, lambda a, k, n=name: f"{n} via Manager", depth=3)
        for name in _PROXY_WAITS
    }

    def _callmethod(self, methodname, args=(), kwds={}):  # noqa: B006 (the original's signature)
        call = proxied.get(methodname, orig_callmethod)
        try:
            return call(self, methodname, args, kwds)
        except BaseException as exc:
            hide_frame(exc)
            raise

    managers.BaseProxy._callmethod = _callmethod


def _slowed(sleep):
    """time.sleep, stretched by the slow-motion factor when the program's own line calls it."""
    factor = state.settings.slow_motion
    if factor == 1:
        return sleep

    @functools.wraps(sleep)
    def slow_sleep(seconds):
        try:
            caller = sys._getframe(2)  # slow_sleep, the blocking wrapper, the caller
            stretched = is_prog(caller.f_code.co_filename) and seconds > 0
        except Exception:
            stretched = False
        try:
            return sleep(seconds * factor if stretched else seconds)
        except BaseException as exc:
            hide_frame(exc)
            raise

    return slow_sleep


def _sleep_detail(args, kwargs) -> str:
    if not args:
        return ""
    factor = state.settings.slow_motion
    return f"{args[0]:g} s" + (f" (x{factor:g} slow motion)" if factor != 1 else "")


def patch_sleep(time_module) -> None:
    time_module.sleep = blocking(_slowed(time_module.sleep), "sleep", _sleep_detail)
