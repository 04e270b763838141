"""Output captured where it is written: each observed process writes fds 1 and 2 into pipes
of its own, whose read ends the collector holds. Whatever writes there, print, os.write,
sys.__stdout__, C code, a shell or `ls` started by the process, reaches procscope, and
nothing sits in the probe when the process dies. A child that inherits its parent's pipe
without running the probe is heard as its parent (the nearest observed ancestor).

Pipes, not pseudo-terminals: a pty's line discipline made a million-line print 2.6x slower
than a pipe here (bench/output_channel.py). Python's own stdout is made line-buffered, as it
is on a terminal, so lines arrive at once and in order.
"""

from __future__ import annotations

import fcntl
import mmap
import os
import stat
import struct
import sys
import termios

from . import state
from .state import wire

PIPES_ENV = "PROCSCOPE_PIPES"  # "INODE_OUT:INODE_ERR" of the pipes the current process owns
PAGE_SIZE = wire.TASK_AREA + wire.POST_AREA
_POSTS = wire.TASK_AREA + wire.POST_HEADER  # where the posted messages begin
STREAMS = ("out", "err")


def inherited_pipes() -> tuple[int, int]:
    try:
        out, err = os.environ.get(PIPES_ENV, "").split(":")
        return int(out), int(err)
    except ValueError:
        return (-1, -1)


def _publish(out_ino: int, err_ino: int) -> None:
    os.environ[PIPES_ENV] = f"{out_ino}:{err_ino}"


def plan_own_pipes() -> dict[int, tuple[int, int, int]]:
    """Pipes to move fds 1 and 2 off the parent's capture pipes: {fd: (stream index, read
    end, write end)}. An fd the program sent elsewhere (a file, its own pipe) is left out.
    Nothing changes until commit(): the collector must hold the read ends first."""
    parent = inherited_pipes()
    targets: dict[int, int] = {}
    for fd in (1, 2):
        try:
            info = os.fstat(fd)
        except OSError:
            continue
        if stat.S_ISFIFO(info.st_mode) and info.st_ino in parent:
            targets[fd] = parent.index(info.st_ino)
    made = {index: os.pipe() for index in set(targets.values())}
    return {fd: (index, *made[index]) for fd, index in targets.items()}


def read_ends(plan: dict) -> list[tuple[int, str]]:
    return sorted({(read_end, STREAMS[index]) for index, read_end, _w in plan.values()})


def commit(plan: dict) -> None:
    """Point fds 1 and 2 at this process's own pipes and tell its children which they are.
    The write ends stay open, close-on-exec, so the probe can ask how much is unread."""
    inodes = list(inherited_pipes())
    watch = [-1, -1]
    for fd, (index, _r, write_end) in plan.items():
        os.dup2(write_end, fd)
        inodes[index] = os.fstat(write_end).st_ino
        watch[index] = write_end
    state.current.watch = watch
    _publish(*inodes)
    _line_buffered()


def abandon(plan: dict) -> None:
    for fd in {end for _i, r, w in plan.values() for end in (r, w)}:
        try:
            os.close(fd)
        except OSError:
            pass


def claim_given_pipes() -> None:
    """The main process: procscope gave it pipes of its own at launch."""
    ours = inherited_pipes()
    watch = [-1, -1]
    for fd in (1, 2):
        try:
            info = os.fstat(fd)
            if stat.S_ISFIFO(info.st_mode) and info.st_ino in ours:
                watch[ours.index(info.st_ino)] = os.dup(fd)  # close-on-exec, unlike fd 1
        except OSError:
            continue
    state.current.watch = watch
    _line_buffered()


def forget_parent_pipes(parent) -> None:
    """In a forked child: the parent's watch fds are the parent's, not ours."""
    for fd in parent.watch:
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass


def unread(fd: int) -> int:
    """Bytes waiting to be read in pipe or socket FD (0 for no fd)."""
    if fd < 0:
        return 0
    try:
        return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
    except OSError:
        return 0


def _line_buffered() -> None:
    """As on a terminal: each printed line is written at once (stderr already is)."""
    stream = sys.stdout
    try:
        if stream is not None and not stream.line_buffering and stream.fileno() == 1:
            stream.reconfigure(line_buffering=True)
    except (AttributeError, ValueError, OSError):
        pass  # not a TextIOWrapper on fd 1: the program's own choice


def child_pipes(stdout, stderr) -> tuple[list, dict]:
    """Pipes for a child started with subprocess whose stdout/stderr would inherit our
    capture pipes, so its lines carry its own pid. Returns (read ends with stream names,
    replacement arguments for Popen)."""
    ours = inherited_pipes()
    given: dict[str, int] = {}
    reads: list[tuple[int, str]] = []
    for name, value, fd in (("stdout", stdout, 1), ("stderr", stderr, 2)):
        if value is not None:
            continue
        try:
            info = os.fstat(fd)
        except OSError:
            continue
        if stat.S_ISFIFO(info.st_mode) and info.st_ino in ours:
            read_end, write_end = os.pipe()
            given[name] = write_end
            reads.append((read_end, STREAMS[ours.index(info.st_ino)]))
    return reads, given


# ---- the task page: what this process is doing, readable by the collector after a crash


def open_page() -> int | None:
    """A shared page the collector maps: a task's begin is written here (no syscall) and
    read by the collector if the process dies inside the task. Returns the fd to hand over."""
    try:
        fd = os.memfd_create("procscope-task", os.MFD_CLOEXEC)
        os.ftruncate(fd, PAGE_SIZE)
        state.current.page = mmap.mmap(fd, PAGE_SIZE)
        return fd
    except (AttributeError, OSError, ValueError):
        return None


# Layout: wire_format.py (TASK_AREA, TASK_HEADER, then the posts).


def page_task(message: bytes | None) -> None:
    page = state.current.page
    if page is None:
        return
    if message is None or len(message) > wire.TASK_AREA - wire.TASK_HEADER:
        page[24:28] = b"\0\0\0\0"
        return
    page[wire.TASK_HEADER : wire.TASK_HEADER + len(message)] = message
    page[24:28] = wire.FRAME.pack(len(message))


def watermark(t: float, seq: int) -> bytes:
    """The prefix of every message: T, and how many bytes were still unread then in this
    process's stdout and stderr pipes, and its number SEQ. Those bytes, and all before them,
    were written before T; the collector stamps them so (causal order across processes,
    workers/collector.py)."""
    st = state.current
    return wire.WATERMARK.pack(t, unread(st.watch[0]), unread(st.watch[1]), seq)


def post(entry: bytes) -> bool:
    """Put ENTRY (a framed message) after the others in the shared page's post area: a
    memory write, no syscall. False when there is no page or no room left (then send)."""
    st = state.current
    page = st.page
    if page is None or wire.POST_HEADER + st.post_used + len(entry) > wire.POST_AREA:
        return False
    # a seqlock: the generation is odd while the area changes, so a reader that saw the
    # same even generation before and after its read read something whole
    page[wire.TASK_AREA : _POSTS] = wire.POST_COUNTS.pack(st.post_gen + 1, st.post_used)
    page[_POSTS + st.post_used : _POSTS + st.post_used + len(entry)] = entry
    st.post_used += len(entry)
    st.post_gen += 2
    page[wire.TASK_AREA : _POSTS] = wire.POST_COUNTS.pack(st.post_gen, st.post_used)
    return True


def clear_posts() -> None:
    """Everything posted was sent over the socket too: the area starts over."""
    st = state.current
    if st.page is None or not st.post_used:
        return
    st.post_used = 0
    st.post_gen += 2
    st.page[wire.TASK_AREA : _POSTS] = wire.POST_COUNTS.pack(st.post_gen, 0)
