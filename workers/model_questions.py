"""The questions views and tests ask a run model: its main process, its tree, its printed
lines in the order printed, what passed between processes. A part of
workers/model.RunModel, kept apart. Qt-free."""

from __future__ import annotations

from workers.flows import Flow
from workers.prints import Printed

TYPE_CHECKING = False  # (typing's import: 2 ms of every --run's start)
if TYPE_CHECKING:
    from workers.model import ProcessInfo


class ModelQuestions:
    """RunModel's answers (RunModel gives processes, prints, tasks and _ends)."""

    @property
    def main(self) -> ProcessInfo | None:
        return next((p for p in self.processes.values() if p.role == "main"), None)

    def prints_in_order(self, last: int | None = None) -> list[Printed]:
        """Printed lines (the LAST ones only, if given) in the order they were printed (one
        clock for all processes); ``prints`` is arrival order, which can put a fast
        process's line first. Lines arrive late by milliseconds, so for LAST lines the
        sort looks at twice as many."""
        return [self.prints[i] for i in self.print_order(last)]

    def print_order(self, last: int | None = None) -> list[int]:
        """The indices in ``prints`` of what prints_in_order() gives."""
        count = len(self.prints)
        first = 0 if last is None else max(0, count - 2 * last)
        times = self.prints.times()
        order = sorted(range(first, count), key=times.__getitem__)
        return order[-last:] if last is not None else order

    def chunk_groups(self) -> list[tuple[int, float, float, int]]:
        """Pool.map's chunks: (worker, start, end, tasks) of each chunk of several tasks."""
        return self._ends.chunks(self.tasks)

    def flows(self) -> list[Flow]:
        """Every message whose two ends were observed, paired exactly (never by guess).
        Worked out again only when something it depends on came in."""
        key = (self._flow_inputs, len(self.processes), len(self.tasks))
        if key != self._flows_key:
            self._flows_key, self._flows = key, self._pair_flows()
        return self._flows

    def _pair_flows(self) -> list[Flow]:
        flows = self._ends.pair(self.tasks)
        for proc in self.processes.values():
            parent = self.processes.get(proc.ppid)
            if proc.born is not None and parent is not None:
                flows.append(Flow("start", parent.pid, proc.born, proc.pid, proc.start))
            if proc.reaped is not None:
                by, when = proc.reaped
                ended = proc.exit_t if proc.exit_t is not None else proc.end
                if ended is not None and by in self.processes:
                    flows.append(Flow("exit", proc.pid, min(ended, when), by, when))
        return flows

    def now(self, t: float) -> float:
        return self.finished_at if self.finished_at is not None else self._rel(t)

    def tree(self) -> list[tuple[ProcessInfo, int]]:
        """(process, depth) depth-first from the roots, each parent above its children
        (children by pid), as the parents were when the children were created."""
        children: dict[int, list[ProcessInfo]] = {}
        for proc in sorted(self.processes.values(), key=lambda p: p.pid):
            children.setdefault(proc.ppid, []).append(proc)
        ordered: list[tuple[ProcessInfo, int]] = []
        roots = [p for p in self.processes.values() if p.ppid not in self.processes]
        stack = [(proc, 0) for proc in reversed(roots)]
        seen: set[int] = set()
        while stack:
            proc, depth = stack.pop()
            if proc.pid in seen:  # a reused pid must not loop
                continue
            seen.add(proc.pid)
            ordered.append((proc, depth))
            stack.extend((child, depth + 1) for child in reversed(children.get(proc.pid, [])))
        return ordered

    def tree_order(self) -> list[ProcessInfo]:
        return [proc for proc, _depth in self.tree()]
