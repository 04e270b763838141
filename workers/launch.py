"""Start the observed program, first and cheaply: the launch of a run imports almost
nothing, so the program's interpreter boots while procscope imports the rest of itself
(the run's model, the collector's thread) on the other core.

What a launch makes: a private folder (mode 0700) with the listening socket the probes
connect to (a connection waits in the socket's backlog until the collector takes it, so
nothing is lost by starting the program before the collector), the run's key, the main
process's output pipes, and the process itself, ``python -m workers.host PROGRAM``, in a
session of its own with the probe's boot folder first on PYTHONPATH. Before issue 17 this
came after procscope's own imports: a one-line program paid them all (about 45 ms here).
"""

from __future__ import annotations

import _socket  # (socket.py's enums and selectors: 2.5 ms before the program starts)
import os
import signal
import sys
import time

from workers import proctree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOT_DIR = os.path.join(ROOT, "workers", "probe", "boot")
SOCKET_NAME = "probe.sock"
SOCKET_PATH_MAX = 107  # bytes of a Unix socket's path on Linux
BACKLOG = 64  # connections waiting for the collector (probes that start together)
PR_SET_CHILD_SUBREAPER = 36
DEFAULT_MAX_PROCESSES = 64  # a fork bomb is stopped when it goes past this many

_subreaper = False


def become_subreaper() -> None:
    """Orphans of the run come to procscope (not to init): it can reap and kill them."""
    global _subreaper
    if _subreaper or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        _subreaper = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        pass


def children_of_self() -> list[int]:
    children = proctree.children_of(os.getpid())
    if children is None:
        children = [i.pid for i in proctree.scan().values() if i.ppid == os.getpid()]
    return children


def temp_root() -> str:
    """Where the run's private folder goes: the first of TMPDIR, TEMP and TMP that is a
    folder, else /tmp (tempfile's order, without importing tempfile and its random)."""
    for name in ("TMPDIR", "TEMP", "TMP"):
        folder = os.environ.get(name)
        if folder and os.path.isdir(folder):
            return folder
    return "/tmp" if os.path.isdir("/tmp") else os.getcwd()


def socket_path_for(folder: str) -> str:
    return os.path.join(folder, SOCKET_NAME)


def private_folder() -> str:
    while True:
        folder = os.path.join(temp_root(), "procscope-" + os.urandom(6).hex())
        try:
            os.mkdir(folder, 0o700)
            return folder
        except FileExistsError:
            continue


def _importable_from_site() -> bool:
    """True when procscope is installed (its root is a site directory, not a checkout)."""
    import site

    sites = {os.path.realpath(p) for p in [*site.getsitepackages(), site.getusersitepackages()]}
    return os.path.realpath(ROOT) in sites


class Child:
    """The program's main process: what Run needs of a subprocess.Popen (pid, poll())."""

    __slots__ = ("pid", "returncode")

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                done, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return self.returncode
            if done:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


class Launch:
    """A started program and what the collector takes over: the listening socket, the
    folder it lives in, the key, and the read ends of the main process's stdout and
    stderr; T0, a moment before it started, and the children procscope had before."""

    def __init__(self, folder: str, listener: _socket.socket, authkey: bytes, child,
                 out_read: int, err_read: int, t0: float, preexisting: set[int]):  # fmt: skip
        self.folder = folder
        self.address = socket_path_for(folder)
        self.listener = listener
        self.authkey = authkey
        self.child = child
        self.out_read = out_read
        self.err_read = err_read
        self.t0 = t0
        self.preexisting = preexisting

    def abandon(self) -> None:
        """Nobody took the launch over (procscope failed or was stopped in between): kill
        the program's session, reap it, and leave nothing behind."""
        try:
            os.killpg(self.child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            os.waitpid(self.child.pid, 0)
        except ChildProcessError:
            pass
        for fd in (self.out_read, self.err_read):
            os.close(fd)
        self.listener.close()
        remove_folder(self.folder)


def remove_folder(folder: str) -> None:
    """The run's private folder and its socket (nothing else is ever made there; shutil's
    rmtree would cost 3 ms of imports)."""
    try:
        for name in os.listdir(folder):
            os.unlink(os.path.join(folder, name))
        os.rmdir(folder)
    except OSError:
        pass


def program_env(program: str, address: str, authkey: bytes, pipes: tuple[int, int],
                slow_motion: float, step: bool, start_method: str | None) -> dict:  # fmt: skip
    """The environment of the program's main process: the caller's, with what the probe
    reads (the collector's address and key, the run's settings, the capture pipes)."""
    env = dict(os.environ)
    env["PROCSCOPE_ADDRESS"] = address
    env["PROCSCOPE_AUTHKEY"] = authkey.hex()
    # The host needs `workers` importable; an installed procscope already is, and its
    # site-packages must then stay on the program's path (the host removes only ours).
    extra = [] if _importable_from_site() else [ROOT]
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (BOOT_DIR, *extra, env.get("PYTHONPATH", "")) if p
    )
    env.pop("PROCSCOPE_ROOT", None)
    if extra:
        env["PROCSCOPE_ROOT"] = ROOT
    env["PROCSCOPE_PROGRAM"] = program
    env.pop("PROCSCOPE_START_METHOD", None)
    env["PROCSCOPE_SLOW_MOTION"] = f"{slow_motion:g}"
    env["PROCSCOPE_STEP"] = "1" if step else "0"
    if start_method:
        env["PROCSCOPE_START_METHOD"] = start_method
    # The main process writes into pipes procscope reads (its children get their own).
    env["PROCSCOPE_PIPES"] = f"{os.fstat(pipes[0]).st_ino}:{os.fstat(pipes[1]).st_ino}"
    return env


def launch(program: str, args: list[str], cwd: str, stdin_too: bool, slow_motion: float = 1.0,
           step: bool = False, start_method: str | None = None) -> Launch:  # fmt: skip
    """Start PROGRAM (an absolute path) under the probe. STDIN_TOO: the program reads
    procscope's stdin (the command line), else /dev/null (the window)."""
    become_subreaper()
    preexisting = set(children_of_self())
    folder = private_folder()
    listener = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    made: list[int] = []
    try:
        listener.bind(socket_path_for(folder))
        listener.listen(BACKLOG)
        authkey = os.urandom(32)
        out_read, out_write = os.pipe()
        made += (out_read, out_write)
        err_read, err_write = os.pipe()
        made += (err_read, err_write)
        env = program_env(program, socket_path_for(folder), authkey, (out_write, err_write),
                          slow_motion, step, start_method)  # fmt: skip
        argv = [sys.executable, "-m", "workers.host", program, *args]
        t0 = time.monotonic()
        child = _spawn(argv, env, cwd, stdin_too, out_write, err_write)
    except BaseException:
        listener.close()
        for fd in made:
            os.close(fd)
        try:
            os.rmdir(folder)
        except OSError:
            pass
        raise
    os.close(out_write)
    os.close(err_write)
    return Launch(folder, listener, authkey, child, out_read, err_read, t0, preexisting)


def _spawn(argv: list[str], env: dict[str, str], cwd: str, stdin_too: bool,
           out_write: int, err_write: int):  # fmt: skip
    """posix_spawn where it does all of it (no subprocess import, no fork of a big
    process); subprocess.Popen where it cannot (another folder, no setsid)."""
    same_folder = os.path.realpath(cwd) == os.path.realpath(os.getcwd())
    if same_folder and hasattr(os, "posix_spawn"):
        actions = [(os.POSIX_SPAWN_DUP2, out_write, 1), (os.POSIX_SPAWN_DUP2, err_write, 2)]
        if not stdin_too:
            actions.insert(0, (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0))
        # as subprocess does: signals Python ignores are the default again in the program
        reset = [getattr(signal, name) for name in ("SIGPIPE", "SIGXFZ", "SIGXFSZ")
                 if hasattr(signal, name)]  # fmt: skip
        try:
            pid = os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True,
                                 setsigdef=reset)  # fmt: skip
            return Child(pid)
        except NotImplementedError:
            pass  # no POSIX_SPAWN_SETSID in this C library
    import subprocess

    return subprocess.Popen(argv, cwd=cwd, env=env, start_new_session=True,
                            stdin=None if stdin_too else subprocess.DEVNULL,
                            stdout=out_write, stderr=err_write)  # fmt: skip
