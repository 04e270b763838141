"""Test configuration: Qt runs offscreen, and no test may leave a process behind."""

from __future__ import annotations

import os
import tempfile  # noqa: E402
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings of the tests live apart from the user's (zoom, theme, last parameters).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="procscope-tests-config-")

import psutil  # noqa: E402
import pytest  # noqa: E402

from workers.run import become_subreaper  # noqa: E402

LEFTOVER_GRACE = 3.0  # seconds a run's processes get to disappear after a test


@pytest.fixture(scope="session", autouse=True)
def _adopt_orphans() -> None:
    """Orphans of anything a test starts are re-parented here, so a leak cannot hide."""
    become_subreaper()


def _reap_zombies() -> None:
    for child in psutil.Process().children():
        try:
            if child.status() == psutil.STATUS_ZOMBIE:
                os.waitpid(child.pid, os.WNOHANG)
        except (psutil.Error, ChildProcessError):
            pass


def _leftovers(before: set[int]) -> list[psutil.Process]:
    """New descendants, zombies included: procscope must reap what it adopts."""
    return [p for p in psutil.Process().children(recursive=True) if p.pid not in before]


@pytest.fixture(autouse=True)
def no_process_left_behind():
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    yield
    deadline = time.monotonic() + LEFTOVER_GRACE
    left = _leftovers(before)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = _leftovers(before)
    if left:
        described = [_describe(p) for p in left]
        for p in left:
            try:
                p.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(left, timeout=LEFTOVER_GRACE)  # killed: wait until they are gone
        _reap_zombies()
        pytest.fail(f"processes left behind: {described}")


def _describe(proc: psutil.Process) -> str:
    try:
        if proc.status() == psutil.STATUS_ZOMBIE:
            return f"{proc.pid} (zombie)"
        return f"{proc.pid} {' '.join(proc.cmdline())[:80]}"
    except psutil.Error:
        return f"{proc.pid} (gone)"
