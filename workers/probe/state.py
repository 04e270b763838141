"""The probe's state: settings fixed at install, and one object of per-process state that a
forked child replaces (STYLE.md 14), so nothing of the parent's connection, batch or lock
leaks into the child."""

from __future__ import annotations

import _thread  # (not threading: a program that never uses threads does not import it)
import collections
import importlib.util
import itertools
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORKERS = os.path.dirname(HERE)


def _load_wire():
    name = "_procscope_wire"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, os.path.join(WORKERS, "wire_format.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


wire = _load_wire()
now = time.monotonic


class Settings:
    """What install() learns once from the environment; the same in a forked child."""

    address = ""
    authkey = b""
    prog_dir = "\0"  # the program's folder: frames from here are "the program's own"
    excluded: tuple[str, ...] = ()
    slow_motion = 1.0
    is_prog_cache: dict[str, bool] = {}


settings = Settings()


class ProcessState:
    """Everything the probe keeps for the process it runs in."""

    def __init__(self, role: str, origin: str) -> None:
        self.pid = os.getpid()
        self.role = role
        self.origin = origin  # how this process came to be: host, spawn, fork, python, ...
        self.conn = None  # the connection to the collector
        self.buf: collections.deque = collections.deque()
        self.buf_t0 = 0.0
        self.dead = False  # the collector is gone: the program goes on unobserved
        self.ended = False  # the process said goodbye (its threads may still send a little)
        self.silent = False  # a child about to exec: the probe says nothing from here
        self.exit_code: int | None = None
        self.lock = _thread.RLock()
        self.sending = 0  # sends in progress (a signal handler inside one skips)
        self.last_line: tuple[str, int] | None = None
        self.watched: dict[str, str] = {}
        self.seen: dict[str, object] = {}  # name -> the immutable object last reported
        self.page = None  # shared page: the task in progress, readable after a crash
        self.seq = 0  # messages numbered so far (sent or posted)
        self.posted: list[bytes] = []  # framed messages in the page's post area, not yet sent
        self.post_used = 0  # bytes of the post area in use
        self.post_gen = 0  # the post area's generation (even: not being written)
        self.watch = [-1, -1]  # write ends of its stdout and stderr pipes (to ask FIONREAD)
        self.stepping = False
        self.stepped = False  # held once already (the preamble is behind it)
        self.fork_t = 0.0  # when this process last called fork()
        # thread ident -> its tid for a thread of the program's own (workers/probe/threads.py);
        # the main thread and multiprocessing's threads are not here: their records are the
        # process's. Made by the thread that builds the state: the process's only one then.
        self.tids: dict[int, int] = {}
        self.work_source = None  # the connection multiprocessing last waited on (its work)


current = ProcessState("python", "python")
ids = itertools.count(1)


def replace(role: str, origin: str) -> ProcessState:
    global current
    current = ProcessState(role, origin)
    return current


def tid_tail() -> tuple:
    """What a task's or wait's record ends with: (tid,) on a thread of the program's own,
    nothing on the main thread or multiprocessing's threads."""
    tid = current.tids.get(_thread.get_ident())
    return (tid,) if tid else ()


def is_prog(filename: str) -> bool:
    """True for a file of the observed program (its folder, not the stdlib or procscope)."""
    known = settings.is_prog_cache.get(filename)
    if known is None:
        path = os.path.realpath(filename) if not filename.startswith("<") else ""
        known = bool(path) and path.startswith(settings.prog_dir)
        known = known and not path.startswith(settings.excluded)
        settings.is_prog_cache[filename] = known
    return known
