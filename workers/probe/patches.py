"""Which patch goes where, and install(). Each module is patched when the program first
imports it, so a process pays only for what it uses (importing all of them up front cost
every interpreter about 20 ms). Every patch point of a private internal is listed in
PRIVATE_PATCH_POINTS; tests/test_patch_points.py fails loudly if one disappears."""

from __future__ import annotations

import atexit
import os
import sys
import time

from . import (
    children,
    lifecycle,
    manager_calls,
    messages,
    pipes,
    results,
    sampler,
    state,
    tasks,
    threads,
    waits,
)


def _patch_process(process) -> None:
    tasks.patch_bootstrap(process, lifecycle.end)
    tasks.patch_start(process)
    waits.patch_join(process)


def _patch_queues(queues) -> None:
    messages.patch_queue_ends(queues)
    pipes.patch_simple_queue(queues)  # before waits wraps the same methods
    pipes.patch_joinable(queues)
    waits.patch_queues(queues)


def _patch_pool(pool) -> None:
    results.patch_collect(pool)
    waits.patch_pool(pool)


def _patch_managers(managers) -> None:
    manager_calls.patch_managers(managers)  # before waits wraps _callmethod
    waits.patch_managers(managers)


def _patch_threading(threading) -> None:
    threads.patch_threads(threading)
    waits.patch_thread_join(threading)


def _patch_futures(cfp) -> None:
    results.patch_futures(cfp, sys.modules["concurrent.futures._base"])


PATCHES = {
    "multiprocessing.process": _patch_process,
    "multiprocessing.queues": _patch_queues,
    "multiprocessing.synchronize": waits.patch_synchronize,
    "multiprocessing.pool": _patch_pool,
    "multiprocessing.managers": _patch_managers,
    "multiprocessing.connection": pipes.patch_connections,
    "multiprocessing.util": children.patch_spawnv,
    "concurrent.futures.process": _patch_futures,
    "subprocess": children.patch_subprocess,
    "threading": _patch_threading,
}

# (module, attribute path) of every private internal a patch relies on.
PRIVATE_PATCH_POINTS = [
    ("multiprocessing.process", "BaseProcess._bootstrap"),
    ("multiprocessing.process", "BaseProcess._target"),
    ("multiprocessing.synchronize", "SemLock._make_methods"),
    ("multiprocessing.pool", "Pool._map_async"),
    ("multiprocessing.queues", "Queue._reset"),
    ("multiprocessing.pool", "ApplyResult._set"),
    ("multiprocessing.pool", "MapResult._set"),
    ("multiprocessing.pool", "IMapIterator._set"),
    ("multiprocessing.pool", "IMapUnorderedIterator._set"),
    ("multiprocessing.pool", "ApplyResult.__init__"),  # a result learns its key as it is made
    ("multiprocessing.pool", "IMapIterator.__init__"),
    ("multiprocessing.pool", "worker"),  # binds inqueue.get; its items are (job, i, ...)
    ("multiprocessing.managers", "BaseProxy._callmethod"),
    ("multiprocessing.managers", "BaseProxy._connect"),
    ("multiprocessing.managers", "Server.accept_connection"),
    ("multiprocessing.managers", "Server.serve_client"),
    ("multiprocessing.connection", "Connection._send_bytes"),
    ("multiprocessing.connection", "Connection._recv_bytes"),
    ("multiprocessing.connection", "_ConnectionBase._check_closed"),
    # and the bodies pipes.py repeats: tests/test_patch_points.py compares them
    ("multiprocessing.util", "spawnv_passfds"),
    ("multiprocessing.context", "_default_context._default_context"),
    ("multiprocessing.context", "_concrete_contexts"),
    ("concurrent.futures.process", "_process_chunk"),
    ("subprocess", "Popen._execute_child"),
    ("threading", "Thread._target"),  # and _args, _kwargs: what a thread's task is called
]


class _PatchedLoader:
    """A module's own loader, then its patch."""

    def __init__(self, loader, patch) -> None:
        self._loader, self._patch = loader, patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        self._loader.exec_module(module)
        try:
            self._patch(module)
        except Exception as exc:  # the program runs on, unobserved in this module
            sys.stderr.write(f"procscope: could not observe {module.__name__}: {exc!r}\n")

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
    for name, patch in PATCHES.items():
        module = sys.modules.get(name)
        if module is not None:
            patch(module)
        else:
            pending[name] = patch
    sys.meta_path.insert(0, _PatchOnImport(pending))


def _patch_os() -> None:
    children.patch_exit(lifecycle.end)
    children.patch_waits_for_children()
    children.patch_exec(lifecycle.on_exec, lifecycle.on_exec_failed)
    children.patch_system()
    children.patch_posix_spawn()
    waits.patch_sleep(time)
    os.register_at_fork(before=lifecycle.before_fork, after_in_child=lifecycle.after_fork_in_child)


def origin_of_interpreter() -> str:
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
    settings = state.settings
    settings.address = os.environ["PROCSCOPE_ADDRESS"]
    settings.authkey = bytes.fromhex(os.environ["PROCSCOPE_AUTHKEY"])
    program = os.environ.get("PROCSCOPE_PROGRAM", "")
    settings.prog_dir = os.path.dirname(os.path.realpath(program)) + os.sep if program else "\0"
    settings.excluded = (
        state.HERE + os.sep,
        os.path.join(state.WORKERS, "host.py"),
        os.path.dirname(os.__file__) + os.sep,
    )
    try:
        settings.slow_motion = float(os.environ.get("PROCSCOPE_SLOW_MOTION") or 1)
    except ValueError:
        settings.slow_motion = 1.0
    origin = origin_of_interpreter()
    state.replace({"host": "main", "spawn": "spawn"}.get(origin, origin), origin)
    atexit.register(lifecycle.at_exit)  # first registered, so it runs last
    _patch_os()
    _patch_modules()
    method = os.environ.get("PROCSCOPE_START_METHOD")
    if origin == "host" and method:
        _use_start_method(method)
    sampler.install_sampler()
    lifecycle.begin(os.getppid(), None if origin in ("host", "python") else origin)
    lifecycle.start_stepping_if_asked()
