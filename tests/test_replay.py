"""Recorded runs: saved with --record or from a Run, replayed without a process, showing at
each moment what the live run showed then."""

from __future__ import annotations

import json
import time

import psutil
import pytest

from tests.helpers import procscope
from workers.demos import registry
from workers.recording import RecordingError, load_recording, save_recording
from workers.replay import Replay
from workers.run import Run
from workers.trace import trace_events


def _state(model) -> dict:
    """What the window shows of a model: each process's state, parent, adoption, line,
    values and facts; the printed lines; the tasks and waits, open or not."""
    processes = {
        pid: (p.alive, p.ppid, p.adopted, p.exitcode, p.line, dict(p.values), p.facts,
              p.zombie_since, p.held)
        for pid, p in model.processes.items()
    }  # fmt: skip
    prints = [(p.pid, p.stream, p.text) for p in model.prints]
    spans = [(s.pid, s.name, s.start, s.end) for s in [*model.tasks, *model.waits]]
    return {"processes": processes, "prints": prints, "spans": spans,
            "finished": model.finished_at}  # fmt: skip


def _record_live(demo_id: str, args: list[str], looks: int = 12) -> tuple[Run, list]:
    """Run a demo, and at moments spread over it keep what its model was then."""
    run = Run(registry.find(demo_id).path, args)
    run.start()
    seen = []
    deadline = time.monotonic() + 60
    last_look = 0.0
    try:
        while not run.poll() and time.monotonic() < deadline:
            run.pump()
            now = time.monotonic()
            if now - last_look > 0.08 and len(seen) < looks:
                last_look = now
                seen.append((now - run.model.t0, _state(run.model)))
            time.sleep(0.01)
    finally:
        run.stop()
    seen.append((time.monotonic() - run.model.t0, _state(run.model)))
    return run, seen


@pytest.mark.parametrize(("demo_id", "args"), [
    ("fork-twice", []),
    ("pool-async", ["pool_size=2", "tasks=4", "task_time=0.3"]),
])  # fmt: skip
def test_a_replay_shows_at_each_moment_what_the_live_run_showed(tmp_path, demo_id, args):
    run, seen = _record_live(demo_id, args)
    assert run.exitcode == 0 and len(seen) >= 4
    path = tmp_path / "run.json"
    save_recording(run, path, {}, demo_id)
    replay = Replay(load_recording(path))
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    for t, state in seen:
        assert _state(replay.seek(t)) == state, f"at {t:.3f} s"
    for t, state in reversed(seen):  # moving back starts again: the same states
        assert _state(replay.seek(t)) == state, f"back at {t:.3f} s"
    assert {p.pid for p in psutil.Process().children(recursive=True)} == before  # no process
    adopted = [p for p in replay.seek(float("inf")).processes.values() if p.adopted]
    assert demo_id != "fork-twice" or len(adopted) >= 2  # the orphans, adopted
    assert trace_events(replay.model) == trace_events(run.model)


def test_record_then_open_writes_the_same_trace_and_draws_any_moment(tmp_path):
    live = procscope("--run", "fork-twice", "--record", "r.json", tmp=tmp_path)
    assert live.status == 0, live.stderr
    recorded = json.loads((tmp_path / "r.json").read_text())
    assert recorded["traceEvents"] == live.trace["traceEvents"]  # Perfetto opens it too
    again = procscope("--open", "r.json", tmp=tmp_path)
    assert again.status == 0, again.stderr
    assert again.trace["traceEvents"] == live.trace["traceEvents"]
    assert again.transcript == live.transcript
    halfway = procscope("--open", "r.json", "--at", "0.5", "--png", "p.png", tmp=tmp_path)
    assert halfway.status == 0, halfway.stderr
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
    shown = {e["pid"] for e in halfway.trace["traceEvents"] if e.get("cat") == "process"}
    everyone = {e["pid"] for e in live.trace["traceEvents"] if e.get("cat") == "process"}
    assert shown and shown <= everyone  # what had happened by 0.5 s
    ends = [e for e in halfway.trace["traceEvents"] if e.get("cat") == "process"]
    assert all(e["ts"] <= 500_000 for e in ends)


def test_damaged_empty_binary_and_foreign_files_are_refused_in_one_line(tmp_path):
    live = procscope("--run", "fork-basic", "--record", "r.json", tmp=tmp_path)
    assert live.status == 0, live.stderr
    good = (tmp_path / "r.json").read_bytes()
    document = json.loads(good)
    document["otherData"]["procscope"]["journal"][2] = ["c", 1e9, "os.system", ["ls"]]
    files = {
        "truncated.json": good[: len(good) // 2],
        "empty.json": b"",
        "binary.json": bytes(range(256)) * 4,
        "foreign.json": b'{"name": "not a run", "items": [1, 2, 3]}',
        "list.json": b"[1, 2, 3]",
        "plain-trace.json": (tmp_path / "trace.json").read_bytes(),  # not a recording
        "evil.json": json.dumps(document).encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(RecordingError):
            load_recording(tmp_path / name)
        result = procscope("--open", name, "--png", "x.png", tmp=tmp_path)
        assert result.status == 2, (name, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, name
        assert result.stderr.startswith(f"procscope: {name}"), result.stderr
        assert not (tmp_path / "x.png").exists()
    missing = procscope("--open", "nowhere.json", "--trace", "t.json", tmp=tmp_path)
    assert missing.status == 2 and "cannot read nowhere.json" in missing.stderr
