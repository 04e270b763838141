"""The wire format and the run model, without processes."""

from __future__ import annotations

import ast
import json
import random
from pathlib import Path

import pytest

from workers import wire
from workers.model import RunModel

ROOT = Path(__file__).resolve().parent.parent


def test_round_trip_of_every_record_kind():
    records = [
        (wire.BEGIN, 1.0, 10, "MainProcess", "main", None),
        (wire.RENAME, 1.1, "Process-1", "process", "fork"),
        (wire.OUT, 1.2, 0, "hello\twörld"),
        (wire.TASK, 1.3, 1, "work", "(1,)"),
        (wire.TASK_END, 1.4, 1, None),
        (wire.WAIT, 1.5, 2, "sleep", "1 s", "/p.py", 7),
        (wire.WAIT_END, 1.6, 2, "Full"),
        (wire.LINE, 1.7, "/p.py", 8),
        (wire.REAPED, 1.8, 11, -9),
        (wire.END, 1.9, 0),
    ]
    pid, events = wire.decode(wire.encode(42, records))
    assert pid == 42
    assert [type(e).__name__ for e in events] == [
        "ProcessBegin", "ProcessRename", "Output", "TaskBegin", "TaskEnd",
        "WaitBegin", "WaitEnd", "LineAt", "ChildReaped", "ProcessEnd",
    ]  # fmt: skip
    assert events[2].text == "hello\twörld" and events[8].exitcode == -9
    assert all(e.pid == 42 for e in events)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"garbage",
        b"[]",
        b"[1, 42]",
        b"[2, 42, []]",
        b"[1, -1, []]",
        b"[1, true, []]",
        b'[1, 42, [["?", 1.0]]]',
        b'[1, 42, [["O", 1.0, 0]]]',
        b'[1, 42, [["O", "t", 0, "x"]]]',
        b'[1, 42, [["E", 1.0, "zero"]]]',
        b'[1, 42, [["E", 1.0, true]]]',
        b"[" * 100000,
        b'[1, 42, "notalist"]',
        b"\xff\xfe",
    ],
)
def test_malformed_messages_are_refused(data):
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_random_bytes_never_escape_as_anything_but_wire_error():
    rng = random.Random(7)
    valid = wire.encode(5, [(wire.OUT, 1.0, 0, "x"), (wire.END, 2.0, 0)])
    for _ in range(3000):
        data = bytearray(valid)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            wire.decode(bytes(data[: rng.randint(0, len(data))]))
        except wire.WireError:
            pass


def test_records_of_every_kind_with_any_values_decode_or_raise_wire_error():
    """Well-formed JSON, wrong values: every kind, every field, odd types and sizes."""
    rng = random.Random(11)
    odd = [None, True, False, 0, -1, 1 << 60, 2**22, 1.5, float("nan"), "", "x" * 5, [], {}, [1]]
    kinds = [kind for kind in vars(wire).values() if isinstance(kind, str) and len(kind) == 1]
    for _ in range(4000):
        kind = rng.choice(kinds)
        record = [kind, rng.choice([1.0, 2, -3.5, 1e13, None, "t"])]
        record += [rng.choice(odd) for _ in range(rng.randint(0, 8))]
        try:
            data = json.dumps([wire.VERSION, 5, [record]]).encode()
        except ValueError:
            continue
        try:
            for event in wire.decode(data)[1]:
                assert isinstance(event.t, float)
        except wire.WireError:
            pass


def _events(pid, *records):
    return wire.decode(wire.encode(pid, list(records)))[1]


def test_model_builds_processes_tasks_waits_and_prints():
    model = RunModel(t0=100.0)
    model.apply(_events(1, (wire.BEGIN, 100.0, 0, "MainProcess", "main", None),
                        (wire.WAIT, 100.5, 1, "join", "Process-1", "/p.py", 9)))  # fmt: skip
    model.apply(_events(2, (wire.BEGIN, 100.1, 1, "MainProcess", "fork", "fork"),
                        (wire.RENAME, 100.1, "Process-1", "process", "fork"),
                        (wire.TASK, 100.2, 1, "work", "(3,)"),
                        (wire.OUT, 100.3, 0, "hi"),
                        (wire.TASK_END, 100.4, 1, None),
                        (wire.END, 100.45, 0)))  # fmt: skip
    model.apply(_events(1, (wire.WAIT_END, 100.5, 1, None), (wire.REAPED, 100.5, 2, 0)))
    child = model.processes[2]
    assert (child.name, child.role, child.ppid, child.exitcode) == ("Process-1", "process", 1, 0)
    assert child.exit_seen_by == "parent"
    (task,) = model.tasks
    assert task.start == pytest.approx(0.2) and task.end == pytest.approx(0.4)
    assert model.prints[0].text == "hi" and model.prints[0].stream == "out"
    assert [p.pid for p in model.tree_order()] == [1, 2]
    assert model.main is model.processes[1]


def test_a_process_that_dies_leaves_its_task_marked_lost():
    model = RunModel(t0=0.0)
    model.apply(_events(3, (wire.BEGIN, 0.0, 1, "ForkPoolWorker-1", "pool-worker", "fork"),
                        (wire.TASK, 0.1, 1, "work", "(1,)")))  # fmt: skip
    model.process_exited(3, -9, 0.5)
    model.apply([wire.Disconnected(3, 0.52)])  # its connection closes after its last event
    (task,) = model.tasks
    assert task.outcome == "lost: its process was killed by SIGKILL" and task.end == 0.5
    assert model.processes[3].exitcode == -9


def test_events_that_arrive_after_the_exit_status_still_count():
    """procscope may reap a process before the collector has read its last message."""
    model = RunModel(t0=0.0)
    model.apply(_events(4, (wire.BEGIN, 0.0, 1, "MainProcess", "main", None),
                        (wire.WAIT, 0.1, 1, "get", "Queue.get", "/p.py", 3)))  # fmt: skip
    model.process_exited(4, 0, 0.6)
    model.apply(_events(4, (wire.WAIT_END, 0.4, 1, "Empty"), (wire.END, 0.5, 0)))
    (wait,) = model.waits
    assert (wait.end, wait.outcome) == (0.4, "Empty")
    assert model.processes[4].end == 0.5 and model.processes[4].exitcode == 0


def test_workers_never_import_qt():
    """DESIGN.md rule 1: the core is Qt-free, so it runs headless and in every child."""
    offenders = []
    for path in (ROOT / "workers").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in ("PySide6", "pyqtgraph", "gui", "shiboken6"):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_the_probe_uses_only_the_standard_library():
    import sys

    probe = [ROOT / "workers" / "wire_format.py", *(ROOT / "workers" / "probe").rglob("*.py")]
    for path in probe:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if module and not (node.level if isinstance(node, ast.ImportFrom) else 0):
                    assert module.split(".")[0] in sys.stdlib_module_names, (path, module)


def test_past_the_print_cap_lines_are_counted_not_kept(monkeypatch):
    import workers.model as model_module

    monkeypatch.setattr(model_module, "MAX_PRINTS", 3)
    model = RunModel(t0=0.0)
    model.apply(_events(5, *[(wire.OUT, 0.1 * i, 0, f"line {i}") for i in range(5)]))
    assert [p.text for p in model.prints] == ["line 0", "line 1", "line 2"]
    assert model.prints_dropped == {5: 2}


def test_span_log_keeps_every_field_in_columns():
    from workers.spans import SpanLog

    log = SpanLog()
    first = log.add(7, "work", 0.5, "('进程', 1)", line=12)
    second = log.add(8, "work", 0.7)
    log.close(first, 0.9, "ValueError('x')")
    assert log.is_open(second) and not log.is_open(first)
    one, two = log
    assert (one.pid, one.name, one.start, one.end, one.detail, one.outcome, one.line) == (
        7, "work", 0.5, 0.9, "('进程', 1)", "ValueError('x')", 12)  # fmt: skip
    assert (two.end, two.outcome, two.detail) == (None, None, "")
    assert log.names == ["work"] and log[-1].pid == 8 and len(log[0:2]) == 2


def test_a_task_page_is_written_as_the_encoder_writes_it():
    """The probe writes a task's begin in its page on a short path (a task per item of a
    map chunk): the same bytes as wire.encode."""
    from workers import wire_format
    from workers.probe import tasks

    for name, shown in [("square", "7"), ("Worker.run", ""), ("f", "'quote\" \\\\ é 中 😀'"),
                        ("名前", "a, b=None")]:  # fmt: skip
        begin = (wire_format.TASK, 12345.678901234, 42, name, shown)
        assert tasks._page_message(4242, begin) == wire_format.encode(4242, [begin])


def test_a_task_label_shows_plain_values_as_reprlib_would():
    from workers.probe import sampler, tasks

    for value in [7, -3, 10**20, 2.5, True, None, "abc", "it's", "x" * 30, b"raw", 3j]:
        expected = sampler.short_repr(value)
        expected = expected if len(expected) <= tasks.PLAIN_MAX else "v"
        assert tasks._part(value, "v") == expected
