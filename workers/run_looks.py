"""How a run looks at its processes as the kernel sees them: which are the run's (its
main process's descendants and the orphans procscope adopted), which exited, were
adopted or are zombies, which procscope must reap, and what each thread and process was
doing (CPU, status, memory). A part of workers/run.Run, kept apart. Qt-free."""

from __future__ import annotations

import os
import time

from workers import proctree

DISCOVER_EVERY = 0.02  # seconds between looks for processes no probe told us of
FACTS_EVERY = 0.33  # seconds between looks at the processes' status, CPU and memory
MAX_CPU_LOOKS = 64  # processes whose CPU is looked at (a fork bomb's are not all worth it)
PROBE_GRACE = 0.5  # seconds a new Python process gets for its probe to speak first


def _exists(pid: int) -> bool:
    if os.path.isdir("/proc"):
        return os.path.exists(f"/proc/{pid}")
    import psutil

    return psutil.pid_exists(pid)


class RunLooks:
    """Run's looks at its processes (Run gives proc, model, _change and the rest)."""

    def _members(self, full: bool = False) -> list[int]:
        """Live processes of the run, whatever session or process group they moved to."""
        return [info.pid for info in self._look(full) if not info.zombie]

    def _look(self, full: bool = False) -> list[proctree.Seen]:
        """The run's processes. The children files are cheap but may miss a process being
        re-parented at that moment: a look that must be complete (stopping, reaping) is
        FULL, a scan of every process."""
        if self.proc is None:
            return []
        if not full:
            members = proctree.run_members(self.proc.pid, os.getpid(), self._preexisting)
            if members is not None:
                return members
        seen = proctree.scan()  # every process of the machine, once
        return proctree.run_tree(seen, self.proc.pid, os.getpid(), self._preexisting)

    def _discover(self, every: float = DISCOVER_EVERY) -> None:
        """Look at the run's processes: count those alive (the cap counts processes alive
        at once, Python or not), add those no probe told us of (a shell's children, a
        program started with -I) with their real parent, name and start, and end those
        that left /proc without procscope reaping them."""
        now = time.monotonic()
        if now - self._discovered_at < every or self.proc is None:
            return
        self._discovered_at = now
        model, tree = self.model, self._look()
        self.alive = sum(not info.zombie for info in tree)
        for info in tree:
            proc = model.processes.get(info.pid)
            if proc is not None:
                if info.zombie:  # it exited; its parent has not waited for it yet
                    self._change("process_zombie", info.pid, now)
                elif proc.ppid and info.ppid != proc.ppid and proc.adopted is None:
                    self._change("process_adopted", info.pid, info.ppid, now)  # an orphan
                continue
            described = proctree.describe(info.pid)
            if described is not None:
                name, created = described
                age = time.time() - created
                if name.startswith("python") and age < PROBE_GRACE:
                    continue  # its probe is about to say who it is: better than a guess
                began = max(model.t0, now - age)
                self._change("process_found", info.pid, info.ppid, name, began)
        self._look_at_threads(now)
        if now - self._facts_at >= FACTS_EVERY:
            self._facts_at = now
            self._sample_facts()
        present = {info.pid for info in tree}
        for pid, proc in model.processes.items():
            if proc.end is None and not proc.spoke and pid not in present and not _exists(pid):
                self._change("process_gone", pid, now)

    def _look_at_threads(self, now: float) -> None:
        """How much of a CPU each thread of the run's live processes had since the last
        look (a file read per thread, in procscope's process: the program pays nothing)."""
        alive = [pid for pid, proc in self.model.processes.items() if proc.alive]
        self._thread_cpu.keep_only(set(alive))
        for pid in alive[:MAX_CPU_LOOKS]:
            shares = self._thread_cpu.look(pid, self.model.threads.live(pid))
            if shares:
                self._change("threads_sampled", pid, now, shares)

    def _sample_facts(self) -> None:
        """Status, CPU and memory of the live processes, as psutil sees them (the
        Processes tab), into the model: a replay shows them as they were."""
        import psutil  # (here: its import would cost every run's start 8 ms)

        for pid, proc in list(self.model.processes.items()):
            if not proc.alive:
                self._psutil.pop(pid, None)
                continue
            try:
                handle = self._psutil.get(pid)
                if handle is None:
                    handle = self._psutil[pid] = psutil.Process(pid)
                with handle.oneshot():
                    facts = handle.status(), handle.cpu_percent(None), handle.memory_info().rss
            except psutil.Error:
                self._psutil.pop(pid, None)
                continue
            self._change("process_facts", pid, *facts)

    def _reap(self) -> None:
        now = time.monotonic()
        if self.exitcode is None and self.proc is not None:
            code = self.proc.poll()
            if code is not None:
                self.exitcode = code
                self._change("process_exited", self.proc.pid, code, now)
        for pid, info in list(self.model.processes.items()):
            if pid == self.proc.pid or info.exit_seen_by in ("parent", "procscope"):
                continue
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                continue  # not (yet) ours to reap: its parent is alive
            if done:
                self._change("process_exited", pid, os.waitstatus_to_exitcode(status), now)

    def _reap_strays(self, look: list[proctree.Seen] | None = None) -> None:
        """Reap zombies of the run that procscope adopted (as their subreaper) without a
        parent's report: no zombie may stay, and their exit status is kept."""
        me = os.getpid()
        for info in self._look(full=True) if look is None else look:
            if not info.zombie or info.ppid != me or info.pid == self.proc.pid:
                continue
            try:
                done, status = os.waitpid(info.pid, os.WNOHANG)
            except ChildProcessError:
                continue
            if done:
                code = os.waitstatus_to_exitcode(status)
                self._change("process_exited", done, code, time.monotonic())
