"""The run's processes as the kernel sees them: one scan of /proc gives every process's
parent, so the run's tree (its main process's descendants, and the orphans procscope
adopted as their subreaper) costs one pass, whatever session or process group its members
moved to. Qt-free; psutil where /proc is not there."""

from __future__ import annotations

import os
from dataclasses import dataclass

import psutil

PROC = "/proc"


@dataclass(slots=True)
class Seen:
    pid: int
    ppid: int
    zombie: bool
    start_ticks: int  # clock ticks after boot (Linux), 0 elsewhere


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
    seen: dict[int, Seen] = {}
    for proc in psutil.process_iter(["ppid", "status"]):
        info = proc.info
        zombie = info["status"] == psutil.STATUS_ZOMBIE
        seen[proc.pid] = Seen(proc.pid, info["ppid"] or 0, zombie, 0)
    return seen


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
    """A process's program name (from its command line) and its start (time.time())."""
    try:
        proc = psutil.Process(pid)
        with proc.oneshot():
            cmdline = proc.cmdline()
            name = os.path.basename(cmdline[0]) if cmdline else proc.name()
            return name, proc.create_time()
    except (psutil.Error, IndexError):
        return None
