"""What passed between processes: the two ends of each message, as the probes recorded them
(workers/probe/messages.py, pipes.py, manager_calls.py, results.py), paired exactly. An end
whose partner is unknown draws nothing: a missing arrow is better than a wrong one.

Times are seconds since the run's start, as in the model.
"""

from __future__ import annotations

from collections import namedtuple

from workers import wire
from workers.spans import SpanLog


class Flow(namedtuple("Flow", "kind from_pid t0 to_pid t1 label size", defaults=("", 0))):
    """A message between two processes whose two ends were both observed: its kind
    (queue, pipe, manager, joined, submit, result, start, exit), sent by FROM_PID at T0,
    taken by TO_PID at T1, with a LABEL and a SIZE."""

    __slots__ = ()


End = tuple[float, int, int, str]  # t, pid, size, label


_ASKING = ("get", "__getitem__", "__contains__", "__len__", "wait", "acquire", "join", "pop")


def carries_data(call: str) -> bool:
    """A proxy call that hands the manager something (put('A')), not one that only asks
    (get(True)): what it asks for comes back as the reply."""
    return not call.endswith("()") and not call.startswith(_ASKING)


class FlowEnds:
    """Ends as they come in; pair() works the flows out from all of them."""

    def __init__(self) -> None:
        self.channels: dict[tuple[str, int], tuple[list[End], list[End]]] = {}  # sends, recvs
        self.peers: dict[int, int] = {}  # a duplex Pipe's end -> the other end
        self.manager: dict[tuple[int, int, str], tuple[float, int, str]] = {}
        self.submits: dict[tuple[int, int], float] = {}  # (pid, n) -> when submitted
        self.collected: dict[tuple[int, int, int], float] = {}  # (pid, n, chunk) -> when
        self.task_submit: dict[int, tuple[int, int, int]] = {}  # task index -> (pid, n, chunk)

    def message(self, e: wire.MessageEnd, t: float) -> None:
        if e.direction == "peer":
            self.peers[e.channel], self.peers[e.size] = e.size, e.channel
            return
        sends, receives = self.channels.setdefault((e.kind, e.channel), ([], []))
        (sends if e.direction == "send" else receives).append((t, e.pid, e.size, e.label))

    def manager_call(self, e: wire.ManagerCall, t: float) -> None:
        self.manager.setdefault((e.channel, e.seq, e.end), (t, e.pid, e.label))

    # ---- pairing -----------------------------------------------------------------------

    def pair(self, tasks: SpanLog) -> list[Flow]:
        return [*self._fifo(), *self._joined(), *self._manager(), *self._pooled(tasks)]

    def _fifo(self) -> list[Flow]:
        """Queues and pipes are FIFO, their ends recorded under the queue's locks (a pipe
        has one writer and one reader): the k-th send is the k-th receive. A size that does
        not match means an end was missed; pairing that channel stops there."""
        flows = []
        for (kind, channel), (_sends, receives) in self.channels.items():
            if kind not in ("queue", "pipe") or not receives:
                continue
            source = self.peers.get(channel, channel)  # a duplex pipe's other end
            sends = self.channels.get((kind, source), ([], []))[0]
            for (t0, src, size, label), (t1, dst, got, _l) in zip(
                sorted(sends), sorted(receives), strict=False
            ):
                if size != got:
                    break
                if label != wire.PLUMBING_LABEL:  # e.g. a ProcessPoolExecutor's call queue
                    flows.append(Flow(kind, src, t0, dst, t1, label, size))
        return flows

    def _joined(self) -> list[Flow]:
        """JoinableQueue: a join() that waited returns after the task_done() that brought
        the count to zero; both are recorded inside the queue's condition lock, so the last
        such task_done before the join's return is the one it waited for."""
        flows = []
        for (kind, _channel), (sends, receives) in self.channels.items():
            if kind != "joined" or not sends:
                continue
            done = sorted(sends)
            for t1, dst, _size, _label in receives:
                before = [end for end in done if end[0] <= t1]
                if before:
                    t0, src, _s, label = before[-1]
                    flows.append(Flow(kind, src, t0, dst, t1, label))
        return flows

    def _manager(self) -> list[Flow]:
        """Proxy calls: the k-th call on a connection is the k-th request its server thread
        got (workers/probe/manager_calls.py). Drawn: calls that carry arguments (put('A')),
        and replies that carry a value (what get() returned)."""
        flows = []
        for (channel, seq, end), (t0, client, label) in self.manager.items():
            if end != "call":
                continue
            served = self.manager.get((channel, seq, "serve"))
            if served is None or served[2] != label:
                continue  # the counts went apart: nothing on this pair is drawn
            if carries_data(label):
                flows.append(Flow("manager", client, t0, served[1], served[0], label))
            reply = self.manager.get((channel, seq, "reply"))
            returned = self.manager.get((channel, seq, "return"))
            if reply is not None and returned is not None and reply[2]:
                flows.append(Flow("manager", reply[1], reply[0], client, returned[0], reply[2]))
        return flows

    def chunks(self, tasks: SpanLog) -> list[tuple[int, float, float, int]]:
        """Each chunk of pooled work as one group: (worker pid, first task's start, last
        task's end, how many tasks), for submissions of several tasks (a map, not one
        apply_async)."""
        groups: dict[tuple[int, int, int, int], list[float]] = {}  # key, worker -> times
        for index, key in self.task_submit.items():
            span = tasks[index]
            end = span.end if span.end is not None else span.start
            group = groups.setdefault((*key, span.pid), [span.start, end, 0])
            group[0], group[1] = min(group[0], span.start), max(group[1], end)
            group[2] += 1
        per_submission: dict[tuple[int, int], int] = {}
        for (pid, n, _chunk, _worker), (_s, _e, count) in groups.items():
            per_submission[pid, n] = per_submission.get((pid, n), 0) + int(count)
        return [
            (key[3], start, end, int(count))
            for key, (start, end, count) in groups.items()
            if per_submission[key[0], key[1]] > 1
        ]  # a map's chunks, not one apply_async

    def _pooled(self, tasks: SpanLog) -> list[Flow]:
        """Submit -> the task that ran it -> where its chunk's result reached the program."""
        flows = []
        for index, (pid, n, chunk) in self.task_submit.items():
            span = tasks[index]
            label = f"{span.name}({span.detail})"
            if (pid, n) in self.submits:
                flows.append(Flow("submit", pid, self.submits[pid, n], span.pid, span.start,
                                  label))  # fmt: skip
            collected = self.collected.get((pid, n, chunk))
            if collected is not None and span.end is not None:
                flows.append(Flow("result", span.pid, span.end, pid, collected, label))
        return flows
