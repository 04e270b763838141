"""Real programs run under procscope: what the trace and the transcript say is the truth."""

from __future__ import annotations

import re

import pytest

from tests.helpers import (
    PROGRAMS,
    max_overlap,
    normalized,
    plain_in_pty,
    plain_python,
    procscope,
    transcript_stream,
)


def _same_output_as_plain_python(result, program, status=0, line_buffered=True):
    code, out, err = plain_python(program, line_buffered=line_buffered)
    assert code == status
    assert normalized(transcript_stream(result, "out")) == normalized(out.splitlines())
    return err


def test_fork_twice_makes_a_tree_of_four(tmp_path):
    result = procscope("--run", str(PROGRAMS / "fork_twice.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    procs = result.processes()
    assert len(procs) == 4
    main = [p for p, e in procs.items() if e["args"]["role"] == "main"]
    assert len(main) == 1
    children = {p: e["args"]["ppid"] for p, e in procs.items() if p != main[0]}
    # parent -> child 1, parent -> child 2, child 1 -> grandchild
    assert sorted(children.values()).count(main[0]) == 2
    grandchild_parent = [pp for pp in children.values() if pp != main[0]]
    assert len(grandchild_parent) == 1 and grandchild_parent[0] in children
    # what each process printed about itself agrees with the tree
    for pid, _stream, text in result.transcript:
        printed = dict(kv.split("=") for kv in text.split())
        assert int(printed["pid"]) == pid
        assert int(printed["ppid"]) == procs[pid]["args"]["ppid"]
    assert all(e["args"]["exitcode"] == 0 for e in procs.values())
    _same_output_as_plain_python(result, PROGRAMS / "fork_twice.py")


def test_pool_apply_async_tasks_on_three_workers(tmp_path):
    result = procscope("--run", str(PROGRAMS / "pool_async.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    workers = result.workers()
    assert len(workers) == 3
    tasks = [t for t in result.events("task") if t["name"] == "work"]
    assert len(tasks) == 10
    assert {t["pid"] for t in tasks} <= set(workers)
    spans = [(t["ts"], t["ts"] + t["dur"]) for t in tasks]
    assert max_overlap(spans) <= 3
    # each task's bar lasts as long as the task measured itself (within 50 ms)
    measured = {}
    for pid, _stream, text in result.transcript:
        m = re.match(r"task=(\d+) pid=(\d+) took=([\d.]+)", text)
        if m:
            assert int(m.group(2)) == pid
            measured[m.group(1)] = (pid, float(m.group(3)))
    assert len(measured) == 10
    for task in tasks:
        pid, took = measured[task["args"]["args"]]
        assert task["pid"] == pid
        assert abs(task["dur"] / 1e6 - took) < 0.05
    _same_output_as_plain_python(result, PROGRAMS / "pool_async.py")


def test_pool_apply_never_overlaps_and_the_parent_waits(tmp_path):
    result = procscope("--run", str(PROGRAMS / "pool_apply.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    tasks = [t for t in result.events("task") if t["name"] == "work"]
    assert len(tasks) == 5
    assert max_overlap([(t["ts"], t["ts"] + t["dur"]) for t in tasks]) == 1
    main = next(p for p, e in result.processes().items() if e["args"]["role"] == "main")
    applies = [w for w in result.events("wait") if w["name"] == "apply" and w["pid"] == main]
    assert len(applies) == 5
    for task, wait in zip(sorted(tasks, key=lambda t: t["ts"]), applies, strict=True):
        assert wait["ts"] <= task["ts"] and task["ts"] + task["dur"] <= wait["ts"] + wait["dur"]
    _same_output_as_plain_python(result, PROGRAMS / "pool_apply.py")


def test_process_subclass_run_is_the_task(tmp_path):
    result = procscope("--run", str(PROGRAMS / "process_subclass.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    procs = result.processes()
    child = next(p for p, e in procs.items() if e["args"]["role"] == "process")
    assert procs[child]["name"] == "Sleeper-1"
    (task,) = result.events("task")
    assert task["name"] == "Sleeper.run" and task["pid"] == child
    assert 0.19 < task["dur"] / 1e6 < 0.5
    joins = [w for w in result.events("wait") if w["name"] == "join"]
    assert len(joins) == 1 and joins[0]["args"]["detail"] == "Sleeper-1"
    _same_output_as_plain_python(result, PROGRAMS / "process_subclass.py")


def test_writer_and_reader_share_a_queue(tmp_path):
    result = procscope("--run", str(PROGRAMS / "queue_pair.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    tasks = {t["name"]: t for t in result.events("task")}
    assert set(tasks) == {"writer", "reader"}
    puts = [w for w in result.events("wait") if w["name"] == "put"]
    gets = [w for w in result.events("wait") if w["name"] == "get"]
    assert [w["pid"] for w in puts] == [tasks["writer"]["pid"]] * 3
    assert [w["pid"] for w in gets] == [tasks["reader"]["pid"]] * 3
    assert [w["args"]["detail"] for w in puts] == ["Queue.put('A')", "Queue.put('B')",
                                                   "Queue.put('C')"]  # fmt: skip
    _same_output_as_plain_python(result, PROGRAMS / "queue_pair.py")


def test_manager_queue_shared_by_pool_tasks(tmp_path):
    result = procscope("--run", str(PROGRAMS / "manager_queue.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    roles = [e["args"]["role"] for e in result.processes().values()]
    assert roles.count("manager") == 1 and roles.count("pool-worker") == 2
    assert {t["name"] for t in result.events("task")} == {"writer", "reader"}
    proxied = [w for w in result.events("wait") if w["args"]["detail"].endswith("via Manager")]
    assert {w["name"] for w in proxied} == {"get", "put"}
    _same_output_as_plain_python(result, PROGRAMS / "manager_queue.py")


def test_a_parent_that_raises(tmp_path):
    result = procscope("--run", str(PROGRAMS / "parent_raises.py"), tmp=tmp_path)
    assert result.status == 1
    err = transcript_stream(result, "err")
    assert err[0] == "Traceback (most recent call last):"
    assert err[-1] == "ValueError: the lesson"
    assert not any("runpy" in line or "workers" in line for line in err)
    (main,) = result.processes().values()
    assert main["args"]["exitcode"] == 1
    plain_err = _same_output_as_plain_python(
        result, PROGRAMS / "parent_raises.py", status=1, line_buffered=False
    )
    assert len(plain_err.splitlines()) == len(err)


def test_a_child_that_calls_os_exit_right_after_printing(tmp_path):
    result = procscope("--run", str(PROGRAMS / "child_exit3.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    child = next(e for e in result.processes().values() if e["args"]["role"] == "process")
    assert child["args"]["exitcode"] == 3
    # "last words" has no newline: it sat in the child's buffer, which os._exit drops,
    # as it does under plain python on a terminal
    status, out, err = plain_in_pty(PROGRAMS / "child_exit3.py")
    assert transcript_stream(result, "out") == out == ["exitcode 3"]


def test_a_child_killed_by_a_signal(tmp_path):
    result = procscope("--run", str(PROGRAMS / "child_killed.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    child = next(e for e in result.processes().values() if e["args"]["role"] == "process")
    assert child["args"]["exitcode"] == -9
    (task,) = result.events("task")
    assert task["args"]["error"].startswith("lost")
    assert transcript_stream(result, "out") == ["exitcode -9"]


def test_the_program_cannot_tell_it_is_observed(tmp_path):
    result = procscope("--run", str(PROGRAMS / "fidelity.py"), tmp=tmp_path)
    assert result.status == 1
    code, out, err = plain_python(PROGRAMS / "fidelity.py")
    assert code == 5
    assert transcript_stream(result, "out") == out.splitlines()
    assert transcript_stream(result, "err") == err.splitlines()
    (main,) = result.processes().values()
    assert main["args"]["exitcode"] == 5


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_same_pool_under_every_start_method(tmp_path, method):
    result = procscope("--run", str(PROGRAMS / "pool_async.py"), "--start-method", method,
                       tmp=tmp_path)  # fmt: skip
    assert result.status == 0, result.stderr
    tasks = [t for t in result.events("task") if t["name"] == "work"]
    assert sorted(int(t["args"]["args"]) for t in tasks) == list(range(10))
    workers = result.workers()
    assert len(workers) == 3 and {t["pid"] for t in tasks} <= set(workers)
    assert {e["args"]["start_method"] for e in workers.values()} == {method}
    helpers = {e["args"]["role"] for e in result.processes().values()} - {"main", "pool-worker"}
    expected = {"fork": set(), "spawn": {"resource-tracker"},
                "forkserver": {"resource-tracker", "forkserver"}}[method]  # fmt: skip
    assert helpers == expected
    if method == "forkserver":  # the workers are the forkserver's children, as in truth
        server = next(p for p, e in result.processes().items() if e["args"]["role"] == "forkserver")
        assert {e["args"]["ppid"] for e in workers.values()} == {server}


def test_timeout_kills_the_whole_tree(tmp_path):
    result = procscope("--run", str(PROGRAMS / "forever.py"), "--timeout", "1.5", tmp=tmp_path)
    assert result.status == 124
    assert len(result.processes()) == 4
    assert len(result.transcript) == 4
