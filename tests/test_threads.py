"""The program's threads: a sub-lane each, with the tid the kernel gave it, its tasks and
waits on it; multiprocessing's own threads stay the process's plumbing; a thread's
traceback and the Thread object are as plain Python has them."""

from __future__ import annotations

from tests.helpers import PROGRAMS, plain_python, procscope, transcript_stream
from workers import wire
from workers.model import RunModel
from workers.threads import running_of


def _names(result, pid):
    return {e["tid"]: e["args"]["name"] for e in result.trace["traceEvents"]
            if e.get("name") == "thread_name" and e["pid"] == pid}  # fmt: skip


def test_every_thread_of_the_program_gets_its_tid_and_nothing_else_does(tmp_path):
    program = PROGRAMS / "threads_mix.py"
    result = procscope("--run", str(program), tmp=tmp_path)
    assert result.status == 0, result.stderr
    main = next(iter(result.processes()))
    names = _names(result, main)
    assert names.pop(main) == "MainThread"
    # the napper, the subclass, the Timer, two pool threads, the failing one: the Queue's
    # feeder thread is multiprocessing's and has no lane
    assert sorted(names.values()) == ["Thread-1", "failing", "napper", "pool_0", "pool_1",
                                      "worker"]  # fmt: skip
    assert all(tid != main for tid in names)
    tasks = {e["name"]: e for e in result.events("task")}
    by_name = {name: tid for tid, name in names.items()}
    assert tasks["nap"]["tid"] in names and tasks["Worker.run"]["tid"] == by_name["worker"]
    assert tasks["fails"]["tid"] == by_name["failing"]
    assert "ValueError" in tasks["fails"]["args"]["error"]
    sleeps = [w for w in result.events("wait") if w["name"] == "sleep"]
    assert {w["tid"] for w in sleeps} <= set(names) and len(sleeps) >= 6
    joins = [w for w in result.events("wait") if w["name"] == "join"]
    assert joins and all(w["tid"] == main for w in joins)  # the main thread waited
    code, out, err = plain_python(program)
    assert transcript_stream(result, "out") == out.splitlines()  # "False": no run left behind
    assert transcript_stream(result, "err") == err.splitlines()  # the thread's traceback


def test_a_thread_tid_rides_on_tasks_and_waits_and_a_bad_one_is_refused():
    message = wire.encode(10, [
        (wire.THREAD, 1.0, 11, "worker"),
        (wire.TASK, 1.1, 1, "work", "(1,)", 11),
        (wire.WAIT, 1.2, 2, "sleep", "1 s", "/p.py", 7, 11),
        (wire.WAIT, 1.3, 3, "join", "worker", "/p.py", 9),
        (wire.THREAD_END, 1.5, 11),
    ])  # fmt: skip
    pid, events = wire.decode(message)
    model = RunModel(0.0)
    model.apply(events)
    assert [t.tid for t in model.tasks] == [11] and [w.tid for w in model.waits] == [11, 0]
    thread = model.threads.of[10][11]
    assert (thread.name, thread.start, thread.end) == ("worker", 1.0, 1.5)
    bad_records = [
        (wire.TASK, 1.1, 1, "work", "(1,)", 0), (wire.TASK, 1.1, 1, "w", "", 1 << 23),
        (wire.TASK, 1.1, 1, "w", "", 5, 6), (wire.WAIT, 1.2, 2, "s", "", "/p.py"),
    ]  # fmt: skip
    for bad in bad_records:
        try:
            wire.decode(wire.encode(10, [bad]))
        except wire.WireError:
            continue
        raise AssertionError(f"accepted {bad}")


def test_threads_running_at_once_are_no_more_than_the_cpus_they_had():
    assert len(running_of({1: 0.53, 2: 0.53})) == 1  # turns on the GIL cost a little CPU
    assert running_of({1: 0.95, 2: 0.9}) == {1, 2}  # the GIL released: both ran
    assert running_of({1: 0.34, 2: 0.33, 3: 0.33}) == set()  # turns too short to say
    assert running_of({1: 0.7, 2: 0.3}) == {1}
