"""Step mode: every process waits before each line of the program; whoever is let go runs
one line. Choosing processes in different orders gives different, predictable interleavings."""

from __future__ import annotations

import re
import time

import pytest

from tests.helpers import PROGRAMS
from workers.demos import registry
from workers.run import Run
from workers.steps import Replay

STEP_TIMEOUT = 60


def _stepped(program, choose, watch=None, replay=None, max_steps=60, **run_options) -> Run:
    """Run PROGRAM in step mode, letting CHOOSE pick who runs each next line (WATCH sees
    the run before every choice); a REPLAY makes the choices first, as long as it lasts.
    After MAX_STEPS, Continue: a process may wait in a loop for one that is never chosen."""
    run = Run(program, step=True, **run_options)
    source = program.read_text().splitlines()
    need = 1  # processes held before the next choice: after a fork, the child as well
    last = 0
    run.start()
    deadline = time.monotonic() + STEP_TIMEOUT
    try:
        while not run.poll():
            assert time.monotonic() < deadline, "the stepped run did not end"
            run.pump()
            if watch is not None:
                watch(run)
            held = sorted(p.pid for p in run.model.held())
            if replay is not None and not replay.done:
                chosen = replay.next_pid(run.model)  # None: that process is not held yet
                if chosen is not None:
                    run.step(chosen)
            elif len(run.steps) >= max_steps and run.stepping:
                run.continue_all()
            elif held and len(held) >= need and run.model.settled(last):
                chosen = last = choose(held)  # (once the last one let go is done with its line)
                line = run.model.processes[chosen].line
                forks = line and "os.fork()" in source[line[1] - 1]
                need = len(held) + 1 if forks else 1  # the parent back, and its child
                run.step(chosen)
            time.sleep(0.002)
    finally:
        run.stop()
    return run


def _who_printed(run: Run) -> list[str]:
    """The printed lines' authors, by role in the tree (pids differ between runs)."""
    main = run.model.main.pid
    first_child = min(p.pid for p in run.model.processes.values() if p.ppid == main)
    names = {main: "main", first_child: "child1"}
    for proc in run.model.processes.values():
        names.setdefault(proc.pid, "grandchild" if proc.ppid == first_child else "child2")
    return [
        f"{names[p.pid]}: {re.sub(r'[0-9]+', 'N', p.text)}" for p in run.model.prints_in_order()
    ]


def test_two_orders_of_stepping_fork_twice_give_two_interleavings():
    program = registry.find("fork-twice").path
    parents_first = _who_printed(_stepped(program, lambda held: held[0]))
    children_first = _who_printed(_stepped(program, lambda held: held[-1]))
    assert [line.split(":")[0:2] for line in parents_first[:2]] == [
        ["main", " Nst fork"], ["main", " Nnd fork"]]  # fmt: skip
    assert [line.split(":")[0:2] for line in children_first[:2]] == [
        ["child1", " Nst fork"], ["grandchild", " Nnd fork"]]  # fmt: skip
    assert sorted(parents_first) == sorted(children_first)  # the same lines, reordered


def test_a_held_process_does_not_move_and_continue_lets_all_go():
    program = registry.find("fork-basic").path
    run = Run(program, step=True)
    run.start()
    try:
        deadline = time.monotonic() + STEP_TIMEOUT
        while not run.model.held():
            assert time.monotonic() < deadline
            run.pump()
            time.sleep(0.01)
        (main,) = run.model.held()
        line = main.line
        looks = len(set(run.model.threads.t1))  # procscope's looks at the processes' CPU
        while len(set(run.model.threads.t1)) < looks + 20:  # a while, whatever the machine
            assert time.monotonic() < deadline
            run.poll()
            run.pump()
            time.sleep(0.01)
        assert main.held and main.line == line and not run.model.prints  # nothing moved
        run.continue_all()
        while not run.poll():
            assert time.monotonic() < deadline
            run.pump()
            time.sleep(0.01)
        assert run.exitcode == 0 and len(run.model.prints) == 3
    finally:
        run.stop()


@pytest.mark.parametrize("method", ["spawn"])
def test_step_mode_reaches_spawned_children(method, tmp_path):
    program = tmp_path / "spawned.py"
    program.write_text(
        "from multiprocessing import Process\n\n"
        "def child():\n    a = 1\n    print('child', a + 1)\n\n"
        "if __name__ == '__main__':\n"
        "    p = Process(target=child)\n    p.start()\n    p.join()\n"
    )
    lines_by_pid: dict[int, set[int]] = {}

    def watch(run):
        for proc in run.model.held():
            lines_by_pid.setdefault(proc.pid, set()).add(proc.line[1])

    run = _stepped(program, lambda held: held[-1], watch, start_method=method)
    child = next(p for p in run.model.processes.values() if p.role == "process")
    assert {4, 5} <= lines_by_pid[child.pid]  # held before each line of child()
    assert [p.text for p in run.model.prints] == ["child 2"]


def test_the_step_grid_records_each_step_and_a_replay_repeats_the_interleaving():
    program = PROGRAMS / "steps" / "two_forks.py"  # (fork-twice waits in a timed loop)
    first = _stepped(program, lambda held: held[-1])  # children first
    steps = first.steps.steps
    assert len(steps) >= 8 and [s.number for s in steps] == list(range(1, len(steps) + 1))
    places = first.steps.sequence()
    assert places[0] == "1" and {"1.1", "1.1.1"} <= set(places)  # a child, a grandchild
    source = program.read_text().splitlines()
    text = first.steps.as_text(first.model, source, "fork_twice.py")
    rows = first.steps.rows(first.model)
    assert rows[0] == first.model.main.pid and set(rows) >= {s.pid for s in steps}
    grid = text.splitlines()[3 : 3 + len(rows)]  # one row per process, one cell per step
    for row, pid in zip(grid, rows, strict=True):
        cells = row[25:].split()
        assert [c != "." for c in cells] == [s.pid == pid for s in steps]
    assert "replay: " + " ".join(places) in text

    replayed = _stepped(program, lambda held: held[0], replay=Replay(places))
    assert replayed.steps.sequence() == places
    assert _who_printed(replayed) == _who_printed(first)  # the same interleaving again
