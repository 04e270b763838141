"""Pooled work, for the submit and result arrows: where each task came from and when its
result reached the program. Paired by keys, never by timing.

- A submission (Pool.apply_async, map, imap; each ProcessPoolExecutor.submit, and each
  chunk its map submits) gets a key (pid, n); the function handed out becomes a Task that
  carries it, so the worker reports which submission each task came from.
- A chunk: a Pool work item is (job, i, func, args, kwds), where i is 0 for apply_async,
  the chunk's index for map and the item's for imap. The worker notes i when the Pool's
  own get hands it the item; the tasks it then runs say (key, i).
- The submitter reports when chunk i of KEY reached it: ApplyResult/MapResult/IMapIterator
  ._set(i, ...) in the Pool's result thread, a Future's set_result or set_exception in the
  executor's manager thread (each submit is its own key, chunk 0).
"""

from __future__ import annotations

import functools

from . import state, tasks
from .state import now, wire
from .tasks import Task, as_task, hide_frame, new_submit
from .transport import emit


def note_work_item(item) -> None:
    """In a Pool worker, the item the Pool's get just returned (anything else is ignored)."""
    if type(item) is tuple and len(item) == 5 and type(item[1]) is int:
        tasks.current_chunk = item[1]


def collected(key, chunk: int) -> None:
    """In the submitter: chunk CHUNK of submission KEY has reached the program."""
    if key and key[0] == state.current.pid and type(chunk) is int:
        emit((wire.COLLECTED, now(), key[1], chunk))


def patch_collect(pool) -> None:
    """Each result class's _set(i, ...) runs in the submitting process when chunk i's
    result arrives from a worker. The result object learns its submission's key as it is
    made (inside apply_async or map, before any work is queued): a result may come back
    before the call that submitted it has returned."""
    for cls in (pool.ApplyResult, pool.MapResult, pool.IMapIterator, pool.IMapUnorderedIterator):
        if "_set" in vars(cls):
            cls._set = _collecting(cls._set)
    for cls in (pool.ApplyResult, pool.IMapIterator):  # (MapResult, IMapUnordered: theirs)
        cls.__init__ = _keyed(cls.__init__)


def _keyed(orig_init):
    """The object made gets the key of the submission in progress on this thread."""

    @functools.wraps(orig_init)
    def __init__(self, *args, **kwargs):  # noqa: N807 (the method it stands for)
        try:
            orig_init(self, *args, **kwargs)
        except BaseException as exc:
            hide_frame(exc)
            raise
        key = getattr(tasks.submitting, "key", None)
        if key is not None:
            self.__dict__.setdefault("_procscope_submit", key)

    return __init__


def _collecting(orig_set):
    @functools.wraps(orig_set)
    def _set(self, i, obj):
        try:
            collected(self.__dict__.get("_procscope_submit"), i)
        except Exception:
            pass
        return orig_set(self, i, obj)

    return _set


def patch_futures(cfp, base) -> None:
    """ProcessPoolExecutor.submit: its function becomes a Task with a key of its own (a
    map's chunk too: the Task goes inside _process_chunk's partial); the Future it returns
    reports when its result came."""
    orig_submit = cfp.ProcessPoolExecutor.submit

    @functools.wraps(orig_submit)
    def submit(self, fn, /, *args, **kwargs):
        key = None
        try:
            key = new_submit()
            if isinstance(fn, functools.partial) and fn.func is cfp._process_chunk:
                task = Task(fn.args[0], key) if not isinstance(fn.args[0], Task) else fn.args[0]
                fn = functools.partial(cfp._process_chunk, task, *fn.args[1:])
            else:
                fn = Task(fn, key) if callable(fn) and not isinstance(fn, Task) else as_task(fn)
        except Exception:
            pass
        tasks.submitting.key = key  # the Future made inside takes it (_keyed)
        try:
            future = orig_submit(self, fn, *args, **kwargs)
        except BaseException as exc:
            hide_frame(exc)
            raise
        finally:
            tasks.submitting.key = None
        return future

    cfp.ProcessPoolExecutor.submit = submit
    for name in ("set_result", "set_exception"):
        setattr(base.Future, name, _future_collecting(getattr(base.Future, name)))
    base.Future.__init__ = _keyed(base.Future.__init__)


def _future_collecting(orig):
    @functools.wraps(orig)
    def wrapper(self, value):
        try:
            key = self.__dict__.get("_procscope_submit")
            if key is not None:
                collected(key, 0)
        except Exception:
            pass
        try:
            return orig(self, value)
        except BaseException as exc:
            hide_frame(exc)
            raise

    return wrapper
