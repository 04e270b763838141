"""Message arrows: every pair joins the two ends of one message, exactly (issue 13)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import PROGRAMS, procscope, transcript_stream


def _flows(result, kind: str) -> list[tuple[dict, dict]]:
    events = [e for e in result.events("message") if e["name"] == kind]
    starts = {e["id"]: e for e in events if e["ph"] == "s"}
    ends = {e["id"]: e for e in events if e["ph"] == "f"}
    assert set(starts) == set(ends)
    assert all(ends[i]["bp"] == "e" for i in ends)
    return [(starts[i], ends[i]) for i in sorted(starts)]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_queue_pipeline_has_one_arrow_per_item(tmp_path, method):
    result = procscope("--run", "queue-pipeline", "--start-method", method, tmp=tmp_path)
    assert result.status == 0, result.stderr
    tasks = {t["name"]: t["pid"] for t in result.events("task")}
    flows = _flows(result, "queue")
    assert [s["args"]["label"] for s, _f in flows] == ["'A'", "'B'", "'C'"]
    for start, end in flows:
        assert (start["pid"], end["pid"]) == (tasks["write"], tasks["read"])
        assert start["ts"] <= end["ts"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_each_arrow_joins_the_put_and_the_get_of_the_same_item(tmp_path, method):
    program = PROGRAMS / "flows" / "many_writers.py"
    result = procscope("--run", str(program), "--start-method", method, tmp=tmp_path)
    assert result.status == 0, result.stderr
    writer_of = {}  # writer number -> its pid, from the tasks' labels
    for task in result.events("task"):
        if task["name"] == "write":
            writer_of[int(task["args"]["args"].split(", ")[1])] = task["pid"]
    reader_of = {}  # the item -> the pid that got it, as the readers printed
    for line in transcript_stream(result, "out"):
        pid, item = re.match(r"(\d+) got (\(\d+, \d+\))", line).groups()
        reader_of[item] = int(pid)
    flows = _flows(result, "queue")
    item_flows = [(s, f) for s, f in flows if s["args"]["label"] in reader_of]
    assert len(item_flows) == 18
    for start, end in item_flows:
        item = start["args"]["label"]
        assert start["pid"] == writer_of[int(item.strip("()").split(", ")[0])]
        assert end["pid"] == reader_of[item]


def test_pool_async_arrows_from_submit_to_task_to_result(tmp_path):
    result = procscope("--run", "pool-async", "--set", "tasks=5", "--set", "task_time=0.2",
                       tmp=tmp_path)  # fmt: skip
    assert result.status == 0, result.stderr
    main = next(p for p, e in result.processes().items() if e["args"]["role"] == "main")
    tasks = {f"{t['name']}({t['args']['args']})": t for t in result.events("task")}
    submits, results = _flows(result, "submit"), _flows(result, "result")
    assert sorted(s["args"]["label"] for s, _f in submits) == sorted(tasks)
    assert sorted(s["args"]["label"] for s, _f in results) == sorted(tasks)
    for start, end in submits:
        task = tasks[start["args"]["label"]]
        assert start["pid"] == main and (end["pid"], end["ts"]) == (task["pid"], task["ts"])
    for start, end in results:
        task = tasks[start["args"]["label"]]
        assert (start["pid"], start["ts"]) == (task["pid"], task["ts"] + task["dur"])
        assert end["pid"] == main and end["ts"] >= start["ts"]


def test_start_and_exit_arrows(tmp_path):
    result = procscope("--run", "fork-twice", tmp=tmp_path)
    assert result.status == 0, result.stderr
    processes = result.processes()
    starts = _flows(result, "start")
    assert len(starts) == 3
    for start, end in starts:  # from the parent that forked to the child's first moment
        assert processes[end["pid"]]["args"]["ppid"] == start["pid"]
        assert start["ts"] <= end["ts"]
