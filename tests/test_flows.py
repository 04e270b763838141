"""Message arrows: every pair joins the two ends of one message, exactly (issue 13)."""

from __future__ import annotations

import re
import time

import pytest

from tests.helpers import PROGRAMS, procscope, transcript_stream


def _ran(program: str, tmp_path, *options: str):
    """procscope --run tests/programs/flows/PROGRAM.py, which must succeed."""
    result = procscope("--run", str(PROGRAMS / "flows" / f"{program}.py"), *options, tmp=tmp_path)
    assert result.status == 0, result.stderr
    return result


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
    result = _ran("many_writers", tmp_path, "--start-method", method)
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


def _role(result, role: str) -> list[int]:
    return [p for p, e in result.processes().items() if e["args"]["role"] == role]


def _writers(result, name: str = "write") -> dict[int, int]:
    """writer number -> its pid, from the tasks' labels (name(q, number))."""
    return {int(t["args"]["args"].split(", ")[1]): t["pid"]
            for t in result.events("task") if t["name"] == name}  # fmt: skip


def _readers(result) -> dict[str, int]:
    """item -> the pid that printed "<pid> got <item>"."""
    found = {}
    for line in transcript_stream(result, "out"):
        pid, item = re.match(r"(\d+) got (\(\d+, \d+\))", line).groups()
        found[item] = int(pid)
    return found


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_manager_queue_item_goes_writer_to_manager_to_reader(tmp_path, method):
    result = _ran("manager_writers", tmp_path, "--start-method", method)
    [manager] = _role(result, "manager")
    writer_of, reader_of = _writers(result), _readers(result)
    assert len(reader_of) == 12
    puts = {s["args"]["label"]: (s, f) for s, f in _flows(result, "manager")
            if s["args"]["label"].startswith("put(")}  # fmt: skip
    gets = {s["args"]["label"]: (s, f) for s, f in _flows(result, "manager")
            if not s["args"]["label"].startswith("put(")}  # fmt: skip
    assert set(gets) == set(reader_of) and set(puts) == {f"put({i})" for i in reader_of}
    for item, reader in reader_of.items():
        put_start, put_end = puts[f"put({item})"]
        writer = writer_of[int(item.strip("()").split(", ")[0])]
        assert (put_start["pid"], put_end["pid"]) == (writer, manager)
        get_start, get_end = gets[item]
        assert (get_start["pid"], get_end["pid"]) == (manager, reader)
        assert put_end["ts"] <= get_start["ts"]  # in the manager's queue in between


def test_the_manager_queue_demo_has_an_arrow_for_every_message(tmp_path):
    result = procscope("--run", "manager-queue-pool", tmp=tmp_path)
    assert result.status == 0, result.stderr
    [manager] = _role(result, "manager")
    labels = [(s["args"]["label"], s["pid"], f["pid"]) for s, f in _flows(result, "manager")]
    assert sorted(label for label, _s, _f in labels) == sorted(
        [f"put('{ch}')" for ch in "itcast"] + [f"'{ch}'" for ch in "itcast"]
    )
    assert all(manager in (src, dst) for _l, src, dst in labels)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_pipe_ping_pong_pairs_every_send_with_its_recv(tmp_path, method):
    result = _ran("pipe_ping_pong", tmp_path, "--start-method", method)
    [main] = _role(result, "main")
    [player] = [
        p
        for p in result.processes()
        if p != main and result.processes()[p]["args"]["role"] == "process"
    ]
    flows = sorted(_flows(result, "pipe"), key=lambda pair: pair[0]["ts"])
    expected = []
    for n in range(5):
        expected += [(f"('ping', {n})", main, player), (f"('pong', {n})", player, main)]
    expected.append(("b'done'", player, main))
    assert [(s["args"]["label"], s["pid"], f["pid"]) for s, f in flows] == expected
    assert all(start["ts"] <= end["ts"] for start, end in flows)


def test_a_joinable_queue_join_and_a_simple_queue(tmp_path):
    result = _ran("joinable", tmp_path)
    [main] = _role(result, "main")
    workers = set(_role(result, "process"))
    [(done, joined)] = _flows(result, "joined")
    assert done["pid"] in workers and joined["pid"] == main and done["ts"] <= joined["ts"]
    queue = [(s["args"]["label"], s["pid"], f["pid"]) for s, f in _flows(result, "queue")]
    jobs = sorted(label for label, src, dst in queue if src == main and dst in workers)
    answers = sorted(label for label, src, dst in queue if src in workers and dst == main)
    assert jobs == sorted([str(n) for n in range(6)] + ["None", "None"])
    assert answers == sorted(str(n * n) for n in range(6))


def test_pooled_results_each_task_to_where_its_result_arrived(tmp_path):
    result = _ran("pooled_results", tmp_path)
    [main] = _role(result, "main")
    tasks = [t for t in result.events("task") if t["name"] == "square"]
    assert len(tasks) == 14  # map 6, imap 3, submit 3, executor map 2
    by_start = {(t["pid"], t["ts"]): t for t in tasks}
    by_end = {(t["pid"], t["ts"] + t["dur"]): t for t in tasks}
    submits, results = _flows(result, "submit"), _flows(result, "result")
    assert len(submits) == len(results) == 14
    assert not _flows(result, "queue")  # the executor's own call queue is not the program's
    for start, end in submits:
        assert start["pid"] == main and (end["pid"], end["ts"]) in by_start
    for start, end in results:
        assert (start["pid"], start["ts"]) in by_end
        assert end["pid"] == main and end["ts"] >= start["ts"]


def test_manager_calls_from_two_threads_pair_on_their_own_connections(tmp_path):
    result = _ran("manager_threads", tmp_path)
    [main], [manager] = _role(result, "main"), _role(result, "manager")
    items = {f"({t}, {k})" for t in range(2) for k in range(8)}
    assert {line.split(" ", 1)[1] for line in transcript_stream(result, "out")} == items
    flows = [(s["args"]["label"], s["pid"], f["pid"]) for s, f in _flows(result, "manager")]
    puts = sorted(label for label, src, dst in flows if (src, dst) == (main, manager))
    gets = sorted(label for label, src, dst in flows if src == manager and dst != main)
    assert puts == sorted(f"put({item})" for item in items)
    assert gets == sorted(items)


@pytest.mark.parametrize(("items", "chunksize"), [(10, 3), (8, 2), (5, 5)])
def test_a_map_s_chunks_are_groups_of_tasks_on_one_worker(tmp_path, items, chunksize):
    """Pool.map(f, range(ITEMS), chunksize=C): ceil(ITEMS / C) groups, each run by one
    worker, their sizes adding up to ITEMS."""
    from workers.run import Run

    program = tmp_path / "chunks.py"
    program.write_text(
        "import multiprocessing as mp\nimport time\n\n"
        "def f(x):\n    time.sleep(0.01)\n    return x\n\n"
        "if __name__ == '__main__':\n    with mp.Pool(2) as pool:\n"
        f"        print(pool.map(f, range({items}), chunksize={chunksize}))\n"
    )
    run = Run(program)
    run.start()
    try:
        deadline = time.monotonic() + 60
        while not run.poll():
            assert time.monotonic() < deadline
            run.pump()
            time.sleep(0.01)
    finally:
        run.stop()
    groups = run.model.chunk_groups()
    assert len(groups) == -(-items // chunksize)
    assert sum(count for _pid, _s, _e, count in groups) == items
    workers = {p.pid for p in run.model.processes.values() if p.role == "pool-worker"}
    assert all(pid in workers and start <= end for pid, start, end, _n in groups)


def test_a_zombie_is_shown_from_its_exit_to_the_wait_that_reaped_it(tmp_path):
    result = procscope("--run", str(PROGRAMS / "zombie.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    assert "state: Z" in transcript_stream(result, "out")
    [main] = _role(result, "main")
    [child] = [p for p in result.processes() if p != main]
    [zombie] = result.events("zombie")
    assert zombie["pid"] == child and zombie["dur"] >= 0.7e6  # the parent slept a second
    [(_exited, reaped)] = _flows(result, "exit")
    assert abs(zombie["ts"] + zombie["dur"] - reaped["ts"]) <= 1  # until the wait()
