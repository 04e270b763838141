"""The run's processes as the kernel sees them: one scan of /proc gives every process's
parent, so the run's tree (its main process's descendants, and the orphans procscope
adopted as their subreaper) costs one pass, whatever session or process group its members
moved to. Qt-free; psutil where /proc is not there."""

from __future__ import annotations

import os
from collections import namedtuple

PROC = "/proc"

# start_ticks: clock ticks after boot (Linux), 0 elsewhere. (Not a dataclass: this module
# is imported before the program starts, and dataclasses costs 7 ms to import.)
Seen = namedtuple("Seen", "pid ppid zombie start_ticks")


def scan() -> dict[int, Seen]:
    """Every process on the machine: pid -> what /proc/PID/stat says of it."""
    if not os.path.isdir(PROC):
        return _scan_psutil()
    seen: dict[int, Seen] = {}
    for entry in os.listdir(PROC):
        if not entry.isdigit():
            continue
        try:
            with open(f"{PROC}/{entry}/stat", "rb") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rfind(b")") + 2 :].split()  # after the command's name
        try:
            seen[int(entry)] = Seen(int(entry), int(fields[1]), fields[0] == b"Z", int(fields[19]))
        except (IndexError, ValueError):
            continue
    return seen


def _scan_psutil() -> dict[int, Seen]:
    import psutil  # (only where there is no /proc: its import costs every run 8 ms)

    seen: dict[int, Seen] = {}
    for proc in psutil.process_iter(["ppid", "status"]):
        info = proc.info
        zombie = info["status"] == psutil.STATUS_ZOMBIE
        seen[proc.pid] = Seen(proc.pid, info["ppid"] or 0, zombie, 0)
    return seen


def children_of(pid: int) -> list[int] | None:
    """PID's children, from /proc/PID/task/*/children (each thread lists those it made);
    None where the kernel has no such file (then only a full scan() can tell)."""
    try:
        tasks = os.listdir(f"{PROC}/{pid}/task")
    except OSError:
        return []  # it is gone: no children
    found: list[int] = []
    for tid in tasks:
        try:
            with open(f"{PROC}/{pid}/task/{tid}/children", "rb") as children:
                found.extend(int(child) for child in children.read().split())
        except FileNotFoundError:
            if not os.path.exists(f"{PROC}/{pid}/task/{tid}"):
                continue  # that thread ended
            return None  # no children files in this kernel
        except (OSError, ValueError):
            continue
    return found


_boot_time: list[float] = []


def _describe_from_proc(pid: int) -> tuple[str, float] | None:
    try:
        with open(f"{PROC}/{pid}/cmdline", "rb") as cmdline:
            first = cmdline.read().split(b"\0", 1)[0]
        with open(f"{PROC}/{pid}/stat", "rb") as stat:
            text = stat.read()
        if not _boot_time:
            with open(f"{PROC}/stat", "rb") as machine:
                line = next(x for x in machine if x.startswith(b"btime "))
            _boot_time.append(float(line.split()[1]))
    except (OSError, StopIteration, ValueError):
        return None
    try:
        ticks = int(text[text.rfind(b")") + 2 :].split()[19])
    except (IndexError, ValueError):
        return None
    command = text[text.find(b"(") + 1 : text.rfind(b")")]  # a zombie has no command line
    name = os.path.basename(os.fsdecode(first)) if first else os.fsdecode(command)
    return name, _boot_time[0] + ticks / os.sysconf("SC_CLK_TCK")


def _seen(pid: int) -> Seen | None:
    try:
        with open(f"{PROC}/{pid}/stat", "rb") as stat:
            text = stat.read()
        fields = text[text.rfind(b")") + 2 :].split()
        return Seen(pid, int(fields[1]), fields[0] == b"Z", int(fields[19]))
    except (OSError, IndexError, ValueError):
        return None


def run_members(root: int, me: int, before: set[int]) -> list[Seen] | None:
    """What run_tree(scan(), ...) finds, looking only at the run's own processes (a few
    files each, not every process of the machine); None where the kernel cannot say."""
    mine = children_of(me)
    if mine is None:
        return None
    stack = [pid for pid in mine if pid == root or pid not in before]
    found: list[Seen] = []
    seen_pids: set[int] = set()
    while stack:
        pid = stack.pop()
        if pid in seen_pids:
            continue
        seen_pids.add(pid)
        info = _seen(pid)
        if info is None:
            continue
        found.append(info)
        children = children_of(pid)
        if children is None:
            return None
        stack.extend(children)
    return found


def run_tree(seen: dict[int, Seen], root: int, me: int, before: set[int]) -> list[Seen]:
    """ROOT's descendants (ROOT too), and procscope's (ME's) children that were not there
    before the run with theirs: orphans of the run re-parented to procscope."""
    children: dict[int, list[Seen]] = {}
    for info in seen.values():
        children.setdefault(info.ppid, []).append(info)
    tops = [c for c in children.get(me, []) if c.pid == root or c.pid not in before]
    found, stack = [], list(tops)
    while stack:
        info = stack.pop()
        found.append(info)
        stack.extend(children.get(info.pid, []))
    return found


def describe(pid: int) -> tuple[str, float] | None:
    """A process's program name (from its command line) and its start (time.time()), as
    psutil tells them (read from /proc here: psutil's import costs a run's start 10 ms)."""
    if os.path.isdir(PROC):
        return _describe_from_proc(pid)
    import psutil

    try:
        proc = psutil.Process(pid)
        with proc.oneshot():
            cmdline = proc.cmdline()
            name = os.path.basename(cmdline[0]) if cmdline else proc.name()
            return name, proc.create_time()
    except (psutil.Error, IndexError):
        return None
