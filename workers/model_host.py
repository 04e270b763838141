"""What procscope itself sees of a run's processes, besides what their probes say: psutil's
facts, adoptions, zombies, the signals the lecturer sent and the pauses. A part of
workers/model.RunModel, kept apart. Qt-free."""

from __future__ import annotations


class HostFacts:
    """RunModel's record of what the host saw (RunModel gives processes, _rel, pauses...)."""

    def process_facts(self, pid: int, status: str | None, cpu: float, rss: int) -> None:
        """What psutil saw of live process PID just now (the Processes tab shows it)."""
        proc = self.processes.get(pid)
        if proc is not None and proc.alive:
            proc.facts = (status, cpu, rss)
            self.revision += 1

    def process_adopted(self, pid: int, adopter: int, t: float) -> None:
        """PID's parent is now ADOPTER: its own parent exited first (it is an orphan)."""
        proc = self.processes.get(pid)
        if proc is not None and proc.adopted is None:
            proc.adopted = (adopter, self._rel(t))
            self.revision += 1

    def process_zombie(self, pid: int, t: float) -> None:
        """PID was seen as a zombie (state Z): exited, not yet reaped by its parent."""
        proc = self.processes.get(pid)
        if proc is not None and proc.zombie_since is None:
            proc.zombie_since = self._rel(t)
            if proc.end is None:
                proc.end = proc.zombie_since
            self.revision += 1

    def zombie_spans(self, now: float) -> list[tuple[int, float, float]]:
        """(pid, from, to) of each zombie stretch: from its exit to the wait() that reaped
        it (or now)."""
        spans = []
        for proc in self.processes.values():
            parent = self.processes.get(proc.ppid)
            waiting_parent = proc.reaped is not None or (parent is not None and parent.alive)
            # a process procscope reaps (the main one, an adopted orphan) is a zombie only
            # for the moment procscope takes to look: no parent of the run left it so
            if proc.zombie_since is not None and waiting_parent:
                began = min(proc.zombie_since, proc.exit_t if proc.exit_t is not None
                            else proc.zombie_since)  # fmt: skip
                until = proc.reaped[1] if proc.reaped is not None else now
                spans.append((proc.pid, began, max(began, until)))
        return spans

    def signal_sent(self, pid: int, name: str, t: float) -> None:
        """procscope sent signal NAME to PID at T (a fault injected from the window)."""
        self.signals.append((pid, self._rel(t), name))
        self.revision += 1

    def pause_began(self, t: float) -> None:
        self.pauses.append([self._rel(t), None])
        self.revision += 1

    def pause_ended(self, t: float) -> None:
        if self.pauses and self.pauses[-1][1] is None:
            self.pauses[-1][1] = self._rel(t)
            self.revision += 1

    def paused_between(self, start: float, end: float, now: float | None = None) -> float:
        """Seconds of [START, END] (run-relative) the run spent paused."""
        total = 0.0
        for began, ended in self.pauses:
            ended = ended if ended is not None else (now if now is not None else end)
            total += max(0.0, min(end, ended) - max(start, began))
        return total
