"""Step mode's record: which process ran which line at each step. From it, the grid the
class sees (a column per step, a row per process, each cell the line that process ran),
its text for the lecture notes, and a sequence of choices that can be replayed on the next
run. Qt-free.

Pids change from run to run, so a replayed choice names a process by its place in the
tree: "1" is the main process, "1.2" its second child (children counted in the order they
started), "1.2.1" that child's first child. Stepped the same way, a program makes its
children in the same order, so the same places name the same processes.
"""

from __future__ import annotations

from collections import namedtuple

from workers.model import RunModel


class Step(namedtuple("Step", "number pid file line place")):
    """Step NUMBER (1, 2, ...): process PID ran FILE:LINE; PLACE is the process's place in
    the tree when it was chosen ("1.2")."""

    __slots__ = ()


def place_in_tree(model: RunModel, pid: int) -> str:
    """'1' for the main process, then the child's number among its parent's children."""
    parts = []
    proc = model.processes.get(pid)
    while proc is not None:
        parent = model.processes.get(proc.ppid)
        if parent is None:
            parts.append("1")
            break
        siblings = [p.pid for p in sorted(model.processes.values(), key=lambda p: (p.start, p.pid))
                    if p.ppid == parent.pid]  # fmt: skip
        parts.append(str(1 + siblings.index(proc.pid)))
        proc = parent
        if len(parts) > 64:  # a loop in a corrupt tree: no place
            return ""
    return ".".join(reversed(parts))


class StepLog:
    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(self, model: RunModel, pid: int) -> None:
        """PID was let go for one line: the line it was held at is the one it runs."""
        proc = model.processes.get(pid)
        if proc is None or proc.line is None:
            return
        file, line = proc.line
        self.steps.append(Step(len(self.steps) + 1, pid, file, line, place_in_tree(model, pid)))

    def __len__(self) -> int:
        return len(self.steps)

    def rows(self, model: RunModel) -> list[int]:
        """The program's processes (those that ran a step, and those still to run one), in
        tree order: a parent above its children."""
        stepped = {step.pid for step in self.steps}
        order = [p.pid for p in model.tree_order() if p.pid in stepped or not p.helper]
        return order + sorted(stepped - set(order))

    def sequence(self) -> list[str]:
        """The choices, by place in the tree: what a replay repeats."""
        return [step.place for step in self.steps]

    def as_text(self, model: RunModel, source: list[str], title: str = "") -> str:
        """The grid as plain text: one row per process, one column per step."""
        rows = self.rows(model)
        width = max([len(str(step.line)) for step in self.steps] + [len(str(len(self.steps)))])
        header = f"{'':>24} " + " ".join(f"{n:>{width}}" for n in range(1, len(self) + 1))
        lines = [f"Step mode{': ' + title if title else ''} ({len(self)} steps)", "", header]
        for pid in rows:
            proc = model.processes[pid]
            name = f"{place_in_tree(model, pid)} {proc.name} {pid}"[:24]
            cells = [f"{s.line:>{width}}" if s.pid == pid else f"{'.':>{width}}"
                     for s in self.steps]  # fmt: skip
            lines.append(f"{name:<24} " + " ".join(cells))
        lines += ["", "step  process      line  code"]
        for step in self.steps:
            code = source[step.line - 1].strip() if 0 < step.line <= len(source) else ""
            lines.append(f"{step.number:>4}  {step.place:<12} {step.line:>4}  {code}")
        lines += ["", "replay: " + " ".join(self.sequence())]
        return "\n".join(lines) + "\n"


class Replay:
    """Repeats a sequence of choices on a new run: the next choice, once that process is
    held and the one let go before it is done with its line (else two lines could run at
    once, in either order); None while not."""

    def __init__(self, sequence: list[str]) -> None:
        self.sequence = list(sequence)
        self.position = 0
        self.last: int | None = None

    @property
    def done(self) -> bool:
        return self.position >= len(self.sequence)

    @property
    def waiting_for(self) -> str:
        return "" if self.done else self.sequence[self.position]

    def next_pid(self, model: RunModel) -> int | None:
        if self.done or (self.last is not None and not model.settled(self.last)):
            return None
        for proc in model.held():
            if place_in_tree(model, proc.pid) == self.sequence[self.position]:
                self.position += 1
                self.last = proc.pid
                return proc.pid
        return None
