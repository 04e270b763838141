"""The program's own threads: each one started with threading.Thread is announced by the
thread itself (its tid, as the kernel numbers it, and its name), its run() is a task of
that thread, and its tasks and waits carry its tid, so the window gives it a sub-lane under
its process. The main thread's records carry none (the process's lane is the main
thread's), and neither do multiprocessing's and concurrent.futures' own threads (a Queue's
feeder, a Pool's handlers, an executor's manager): their work is the process's plumbing."""

from __future__ import annotations

import _thread
import functools

from . import state
from .state import now, wire
from .tasks import call_label, hide_frame, qualname, run_task
from .transport import emit, flush

# targets of threads that are multiprocessing's own, not the program's
_PLUMBING = ("multiprocessing.", "concurrent.futures.process", "_procscope", "workers.probe")
# threads of a thread pool: a lane each, but their run() is the pool's loop, not a task
_POOL_LOOPS = ("multiprocessing.pool.worker", "concurrent.futures.thread._worker")


threading = None  # the module, once the program imports it (patch_threads)


def _where(thread) -> str:
    target = getattr(thread, "_target", None)
    if target is None:
        run = type(thread).run
        return f"{getattr(run, '__module__', '')}.{qualname(run)}"
    return f"{getattr(target, '__module__', '')}.{qualname(target)}"


def _announce(name: str) -> int:
    tid = _thread.get_native_id()
    state.current.tids[_thread.get_ident()] = tid
    emit((wire.THREAD, now(), tid, name))
    flush()  # the host starts looking at its CPU now, not when the process next sends
    return tid


def _over(tid: int) -> None:
    emit((wire.THREAD_END, now(), tid))
    state.current.tids.pop(_thread.get_ident(), None)
    flush()  # the thread's lane ends now, not when the process next sends


def run_thread(run, name: str, shown: str | None):
    """A program thread's run(): announced, then its run() as a task (unless it is a
    thread pool's loop, SHOWN None), then its end. (The thread is not held here: a
    partial holding it would make a reference cycle of every Thread.)"""
    try:
        tid = _announce(threading.current_thread().name)
    except Exception:
        tid = 0
    try:
        if shown is None or not tid:
            return run()
        return run_task(run, name, shown, (), {})
    except BaseException as exc:
        hide_frame(exc)
        raise
    finally:
        try:
            thread = threading.current_thread()
            if isinstance(vars(thread).get("run"), functools.partial):
                del thread.run  # the Thread is as plain Python left it (and not a cycle)
            if tid:
                _over(tid)
        except Exception:
            pass


def patch_threads(threading_module) -> None:
    """Thread.start: a thread of the program runs its run() through run_thread. The
    wrapper is a functools.partial, not a frame: tracebacks stay those of plain Python.
    Patched when the program imports threading (a program without threads never does)."""
    global threading
    threading = threading_module
    orig_start = threading_module.Thread.start

    @functools.wraps(orig_start)
    def start(self):
        try:
            where = _where(self)
            wrapped = isinstance(vars(self).get("run"), functools.partial)
            if not wrapped and (not where.startswith(_PLUMBING) or where.startswith(_POOL_LOOPS)):
                own_run = getattr(self, "_target", None) is None
                name = f"{type(self).__qualname__}.run" if own_run else qualname(self._target)
                shown = None
                if not where.startswith(_POOL_LOOPS):
                    shown = "" if own_run else call_label(self._target, self._args, self._kwargs)
                self.run = functools.partial(run_thread, self.run, name, shown)
        except Exception:
            pass
        try:
            return orig_start(self)
        except BaseException as exc:
            hide_frame(exc)
            raise

    threading_module.Thread.start = start
