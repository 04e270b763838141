"""A finished run as a Chrome Trace Event file (opens in Perfetto) and as a transcript."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from workers.model import RunModel, Span

US = 1_000_000  # the trace counts microseconds


def _us(seconds: float) -> int:
    return round(seconds * US)


def _span_us(start: float, end: float | None, fallback: float) -> tuple[int, int]:
    ts = _us(start)
    return ts, max(0, _us(end if end is not None else fallback) - ts)


def _complete(cat: str, span: Span, args: dict, until: float) -> dict:
    """A task or a wait as a complete ("X") event on its process's track."""
    ts, dur = _span_us(span.start, span.end, until)
    return {"ph": "X", "cat": cat, "name": span.name, "pid": span.pid,
            "tid": span.tid or span.pid, "ts": ts, "dur": dur, "args": args}  # fmt: skip


def trace_events(model: RunModel) -> list[dict]:
    until = model.finished_at or 0.0
    events: list[dict] = []
    for proc in model.processes.values():
        pid = proc.pid
        events.append({"ph": "M", "name": "process_name", "pid": pid, "args": {"name": proc.name}})
        ts, dur = _span_us(proc.start, proc.end, until)
        events.append(
            {
                "ph": "X",
                "cat": "process",
                "name": proc.name,
                "pid": pid,
                "tid": pid,
                "ts": ts,
                "dur": dur,
                "args": {
                    "ppid": proc.ppid,
                    "exitcode": proc.exitcode,
                    "start_method": proc.start_method,
                    "role": proc.role,
                },
            }
        )
    events += _thread_events(model, until)
    for span in model.tasks:
        args: dict = {"args": span.detail}
        if span.outcome is not None:
            args["error"] = span.outcome
        events.append(_complete("task", span, args, until))
    for span in model.waits:
        args = {"detail": span.detail, "line": span.line}
        if span.outcome is not None:
            args["outcome"] = span.outcome
        events.append(_complete("wait", span, args, until))
    for n, flow in enumerate(model.flows(), 1):
        args = {"label": flow.label, "size": flow.size} if flow.label or flow.size else {}
        events.append({"ph": "s", "cat": "message", "name": flow.kind, "id": n,
                       "pid": flow.from_pid, "tid": flow.from_pid, "ts": _us(flow.t0),
                       "args": args})  # fmt: skip
        events.append({"ph": "f", "bp": "e", "cat": "message", "name": flow.kind, "id": n,
                       "pid": flow.to_pid, "tid": flow.to_pid, "ts": _us(flow.t1)})  # fmt: skip
    for pid, began, ended in model.zombie_spans(until):  # exited, not yet waited for
        events.append({"ph": "X", "cat": "zombie", "name": "zombie (state Z)", "pid": pid,
                       "tid": pid, "ts": _us(began), "dur": _us(ended - began)})  # fmt: skip
    for pid, began, ended, count in model.chunk_groups():  # a map's chunk on its worker
        events.append({"ph": "X", "cat": "chunk", "name": f"chunk of {count}", "pid": pid,
                       "tid": pid, "ts": _us(began), "dur": _us(ended - began),
                       "args": {"tasks": count}})  # fmt: skip
    for pid, when, name in model.signals:  # sent from the window's lane menu
        events.append({"ph": "i", "cat": "signal", "name": name, "s": "t", "pid": pid,
                       "tid": pid, "ts": _us(when)})  # fmt: skip
    for line in model.prints:
        events.append(
            {"ph": "i", "cat": "print", "s": "t", "pid": line.pid, "tid": line.pid,
             "ts": _us(line.t), "args": {"stream": line.stream, "text": line.text}}
        )  # fmt: skip
    return events


def _thread_events(model: RunModel, until: float) -> list[dict]:
    """A process with threads of its own: each thread's name (the main thread's tid is the
    pid), its life, and its share of a CPU at each look (a counter track)."""
    events: list[dict] = []
    for pid, threads in model.threads.of.items():
        events.append({"ph": "M", "name": "thread_name", "pid": pid, "tid": pid,
                       "args": {"name": "MainThread"}})  # fmt: skip
        for thread in threads.values():
            events.append({"ph": "M", "name": "thread_name", "pid": pid, "tid": thread.tid,
                           "args": {"name": thread.name}})  # fmt: skip
            ts, dur = _span_us(thread.start, thread.end, until)
            events.append({"ph": "X", "cat": "thread", "name": thread.name, "pid": pid,
                           "tid": thread.tid, "ts": ts, "dur": dur})  # fmt: skip
    log = model.threads
    for i in range(len(log)):  # each look: the share of a CPU the thread had since the last
        share = {f"tid {log.tid[i]}": round(log.share[i], 3)}
        events.append({"ph": "C", "name": "cpu", "pid": log.pid[i], "tid": log.tid[i],
                       "ts": _us(log.t1[i]), "args": share})  # fmt: skip
    return events


def trace_document(model: RunModel, other: dict | None = None) -> dict:
    return {"traceEvents": trace_events(model), "displayTimeUnit": "ms", "otherData": other or {}}


def transcript_text(model: RunModel) -> str:
    return "".join(f"{p.pid}\t{p.stream}\t{p.text}\n" for p in model.prints_in_order())


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would, for a moment, for
    every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_atomically(path: str | Path, text: str) -> None:
    """Write then rename, so a crash leaves the old file or none, never half of one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        # Text a program printed may hold lone surrogates: escaped, never a failed write.
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as out:
            out.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # as open() would make it (mkstemp makes 0600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_trace(model: RunModel, path: str | Path, other: dict | None = None) -> None:
    write_atomically(path, json.dumps(trace_document(model, other), ensure_ascii=False))


def write_transcript(model: RunModel, path: str | Path) -> None:
    write_atomically(path, transcript_text(model))
