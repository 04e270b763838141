"""Processes the program creates outside multiprocessing, and how processes end: every
child is reported by the parent that made it (pid, name, real parent), so a process is
known even if its own probe never runs (`ls`, `sh`, `python -I`, a child killed at start).
"""

from __future__ import annotations

# _signal: signal.py wraps it in enums (1 ms of every start). A handler the program set
# through signal.py is an IntEnum: compare handlers with ==, never with `is`.
import _signal as signal
import functools
import os
import sys

from . import output
from .state import now, wire
from .tasks import hide_frame
from .transport import emit, handoff, sync


def _program_name(args) -> str:
    if isinstance(args, (str, bytes, os.PathLike)):
        first = args
    else:
        try:
            first = next(iter(args))
        except (StopIteration, TypeError):
            return "?"
    return os.path.basename(os.fsdecode(first)) or "?"


def child_started(pid: int, name: str, role: str, how: str | None) -> None:
    emit((wire.CHILD, now(), pid, name, role, how))


def _reaped(pid: int, status: int) -> None:
    if pid > 0:
        try:
            emit((wire.REAPED, now(), pid, os.waitstatus_to_exitcode(status)))
        except ValueError:  # stopped, not exited
            pass


def _wrap(orig, replacement):
    functools.update_wrapper(replacement, orig)
    return replacement


def patch_waits_for_children() -> None:
    orig_waitpid, orig_wait = os.waitpid, os.wait

    def waitpid(pid, options):
        try:
            result = orig_waitpid(pid, options)
        except BaseException as exc:
            hide_frame(exc)
            raise
        _reaped(*result)
        return result

    def wait():
        try:
            result = orig_wait()
        except BaseException as exc:
            hide_frame(exc)
            raise
        _reaped(*result)
        return result

    os.waitpid, os.wait = _wrap(orig_waitpid, waitpid), _wrap(orig_wait, wait)


def patch_exec(on_exec, on_exec_failed) -> None:
    """os.execv and os.execve (every os.exec* goes through one of them): say what the
    process becomes, and take the probe's timer and connection out of the new program."""
    for attr in ("execv", "execve"):
        orig = getattr(os, attr)

        def exec_(path, *args, _orig=orig):
            on_exec(_program_name(path))
            try:
                _orig(path, *args)
            except BaseException as exc:
                on_exec_failed()
                hide_frame(exc)
                raise

        setattr(os, attr, _wrap(orig, exec_))


def patch_system() -> None:
    """os.system as C's system() does it (posix_spawn of /bin/sh -c, SIGINT and SIGQUIT
    ignored and SIGCHLD blocked while it waits), so the shell's pid is known and its
    output has a pipe of its own. Off the main thread (signals can't be set there) and where
    a disposition was set outside Python, the original is used."""
    orig = os.system

    def system(command):
        threading = sys.modules.get("threading")  # none: no thread was ever started
        main = threading is None or threading.current_thread() is threading.main_thread()
        handlers = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGQUIT)]
        if not main or None in handlers or not hasattr(os, "posix_spawn"):
            return orig(command)
        sync()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGQUIT, signal.SIG_IGN)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        reads, given = output.child_pipes(None, None)
        try:
            actions = [(os.POSIX_SPAWN_DUP2, fd, target)
                       for target, fd in ((1, given.get("stdout")), (2, given.get("stderr")))
                       if fd is not None]  # fmt: skip
            defaults = {s for s, h in zip((signal.SIGINT, signal.SIGQUIT), handlers,
                                          strict=True) if h != signal.SIG_IGN}  # fmt: skip
            try:
                pid = os.posix_spawn("/bin/sh", ["sh", "-c", command], os.environ,
                                     file_actions=actions, setsigmask=mask,
                                     setsigdef=defaults)  # fmt: skip
            except OSError:
                return 127 << 8  # what system() returns when the shell can't start
            finally:
                for fd in given.values():
                    os.close(fd)
            child_started(pid, "sh", "program", "system")
            _give_pipes(pid, reads)
            reads = []
            while True:
                try:
                    _pid, status = os.waitpid(pid, 0)  # the wrapper reports the exit
                    return status
                except InterruptedError:
                    continue
        finally:
            for fd, _stream in reads:
                os.close(fd)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            signal.signal(signal.SIGINT, handlers[0])
            signal.signal(signal.SIGQUIT, handlers[1])

    os.system = _wrap(orig, system)


def _give_pipes(pid: int, reads: list[tuple[int, str]]) -> None:
    if reads:
        handoff(pid, [fd for fd, _s in reads], [s for _fd, s in reads])


def patch_posix_spawn() -> None:
    for attr in ("posix_spawn", "posix_spawnp"):
        orig = getattr(os, attr, None)
        if orig is None:
            continue

        def spawn(path, argv, *args, _orig=orig, **kwargs):
            sync()
            try:
                pid = _orig(path, argv, *args, **kwargs)
            except BaseException as exc:
                hide_frame(exc)
                raise
            child_started(pid, _program_name(argv), "program", "posix_spawn")
            return pid

        setattr(os, attr, _wrap(orig, spawn))


def patch_subprocess(subprocess) -> None:
    """Popen: the child is reported with its program name, and gets pipes of its own where
    it would have written into ours (so `ls` is heard as `ls`, not as its parent)."""
    orig_init = subprocess.Popen.__init__

    def __init__(self, args, *rest, **kwargs):
        sync()
        reads, given = [], {}
        if not rest:  # keyword arguments only, as everyone calls Popen
            try:
                reads, given = output.child_pipes(kwargs.get("stdout"), kwargs.get("stderr"))
                kwargs.update(given)
            except OSError:
                reads, given = [], {}
        try:
            orig_init(self, args, *rest, **kwargs)
        except BaseException as exc:
            for fd in [*given.values(), *(fd for fd, _s in reads)]:
                os.close(fd)
            hide_frame(exc)
            raise
        for fd in given.values():
            os.close(fd)
        try:
            name = _program_name(kwargs.get("executable") or args)
            if kwargs.get("shell"):
                name = "sh"
            child_started(self.pid, name, "program", "subprocess")
            _give_pipes(self.pid, reads)
        except Exception:
            pass

    subprocess.Popen.__init__ = _wrap(orig_init, __init__)


def patch_spawnv(util) -> None:
    """multiprocessing starts spawn children, the forkserver and the resource tracker
    through util.spawnv_passfds: their parent is known from here."""
    orig = util.spawnv_passfds

    def spawnv_passfds(path, args, passfds):
        try:
            pid = orig(path, args, passfds)
        except BaseException as exc:
            hide_frame(exc)
            raise
        command = " ".join(str(a) for a in args)
        role, how = "spawn", "spawn"
        for marker, helper in (("resource_tracker", "resource-tracker"),
                               ("forkserver", "forkserver")):  # fmt: skip
            if f"multiprocessing.{marker}" in command:
                role, how = helper, None
        child_started(pid, role if role != "spawn" else "?", role, how)
        return pid

    util.spawnv_passfds = _wrap(orig, spawnv_passfds)


def patch_exit(on_end) -> None:
    orig_exit = os._exit

    def _exit(code):
        try:
            on_end(code if isinstance(code, int) else None)
        except BaseException:
            pass
        finally:
            orig_exit(code)

    os._exit = _wrap(orig_exit, _exit)
