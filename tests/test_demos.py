"""Every built-in demo, run headless: what its row in CONCEPTS.md says must be visible."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers import max_overlap, plain_python, procscope, transcript_stream
from workers.demos import registry
from workers.threads import running_of

# Quick settings so the suite stays short; the defaults are the classic lecture's.
FAST = {
    "fork-globals": ["delay=0.3"],
    "process-basic": ["work=0.2"],
    "process-attrs": ["interval1=0.8", "interval2=0.3"],
    "process-subclass": ["interval=0.3"],
    "pool-async": ["pool_size=2", "tasks=6", "task_time=0.3"],
    "pool-apply": ["tasks=4", "task_time=0.2"],
    "queue-basics": ["timeout=0.3"],
    "manager-queue-pool": ["pool_size=2"],
    "gil": ["additions=4000000"],
}


def _run(demo_id, tmp_path, *extra, settings=None):
    sets = [a for s in (FAST.get(demo_id, []) if settings is None else settings)
            for a in ("--set", s)]  # fmt: skip
    return procscope("--run", demo_id, *sets, *extra, tmp=tmp_path)


def _by_role(result, role):
    return [e for e in result.processes().values() if e["args"]["role"] == role]


def _source_line(demo_id, text):
    lines = registry.find(demo_id).path.read_text().splitlines()
    return [i for i, line in enumerate(lines, 1) if text in line]


def _numbers_out(lines):
    return sorted(re.sub(r"\d+(\.\d+)?", "N", line) for line in lines)


def test_every_demo_is_registered_with_the_contract_ids():
    ids = [d.id for d in registry.all_demos()]
    assert ids == [
        "fork-basic", "fork-pids", "fork-twice", "fork-globals", "process-basic",
        "process-attrs", "process-subclass", "pool-async", "pool-apply", "queue-basics",
        "queue-pipeline", "manager-queue-pool",
        # the next lectures (issue 15)
        "lock-race", "pipe", "shared-memory", "start-methods", "pool-map-chunks",
        "zombie-orphan", "futures", "gil",
    ]  # fmt: skip
    for demo in registry.all_demos():
        assert demo.path.is_file() and demo.explanation and demo.explanation_zh
        assert demo.title_zh and all(p.label_zh for p in demo.params)


@pytest.mark.parametrize("demo", registry.all_demos(), ids=lambda d: d.id)
def test_each_demo_prints_the_same_under_plain_python(demo, tmp_path):
    result = _run(demo.id, tmp_path)
    assert result.status == 0, result.stderr
    code, out, err = plain_python(demo.path, *FAST.get(demo.id, []), line_buffered=True)
    assert code == 0, err
    assert _numbers_out(transcript_stream(result, "out")) == _numbers_out(out.splitlines())


def test_fork_basic_lights_each_branch_in_its_own_process(tmp_path):
    result = _run("fork-basic", tmp_path)
    main, child = _by_role(result, "main")[0], _by_role(result, "fork")[0]
    assert child["args"]["ppid"] == main["pid"]
    said = {pid: text for pid, _s, text in result.transcript if "fork() returned" in text}
    assert said[child["pid"]].startswith("Child:  fork() returned 0")
    assert said[main["pid"]].startswith(f"Parent: fork() returned {child['pid']}")
    child_sleep, parent_sleep = _source_line("fork-basic", "time.sleep(1)")
    sleeps = {w["pid"]: w["args"]["line"] for w in result.events("wait") if w["name"] == "sleep"}
    assert sleeps == {child["pid"]: child_sleep, main["pid"]: parent_sleep}


def test_fork_pids_child_knows_its_parent(tmp_path):
    result = _run("fork-pids", tmp_path)
    main, child = _by_role(result, "main")[0], _by_role(result, "fork")[0]
    assert child["args"]["ppid"] == main["pid"]
    lines = dict((pid, text) for pid, _s, text in result.transcript)
    assert f"getppid() is {main['pid']}" in lines[child["pid"]]
    assert f"my child's pid is {child['pid']}" in lines[main["pid"]]


def test_fork_twice_tree_of_four_and_orphans_adopted(tmp_path):
    result = _run("fork-twice", tmp_path)
    procs = result.processes()
    assert len(procs) == 4
    (main,) = _by_role(result, "main")
    parents = [e["args"]["ppid"] for e in procs.values() if e["pid"] != main["pid"]]
    assert parents.count(main["pid"]) == 2
    (child1,) = [p for p in parents if p != main["pid"]]
    assert procs[child1]["args"]["ppid"] == main["pid"]
    adopted = [re.search(r"parent was (\d+), now adopted by (\d+)", t) for _p, _s, t in
               result.transcript]  # fmt: skip
    adopted = [m for m in adopted if m]
    assert len(adopted) == 2 and all(m.group(1) != m.group(2) for m in adopted)


def test_fork_globals_each_process_its_own_copy(tmp_path):
    result = _run("fork-globals", tmp_path)
    main, child = _by_role(result, "main")[0], _by_role(result, "fork")[0]
    lines = {pid: text for pid, _s, text in result.transcript}
    assert lines[child["pid"]].endswith("counter = 101")
    assert lines[main["pid"]].endswith("counter = 100")


def test_process_basic_target_is_a_task_and_join_a_wait(tmp_path):
    result = _run("process-basic", tmp_path)
    (main,), (child,) = _by_role(result, "main"), _by_role(result, "process")
    (task,) = result.events("task")
    assert (task["name"], task["pid"], task["args"]["args"]) == ("run_proc", child["pid"],
                                                                 "'test'")  # fmt: skip
    joins = [w for w in result.events("wait") if w["name"] == "join"]
    assert [w["pid"] for w in joins] == [main["pid"]]
    assert joins[0]["ts"] <= task["ts"] and task["ts"] + task["dur"] <= joins[0]["ts"] + joins[
        0]["dur"]  # fmt: skip


def test_process_attrs_names_liveness_and_exit_codes(tmp_path):
    result = _run("process-attrs", tmp_path, settings=FAST["process-attrs"] + ["name=dongGe"])
    children = {e["name"]: e for e in _by_role(result, "process")}
    assert set(children) == {"Process-1", "dongGe", "Process-3"}
    assert children["Process-1"]["args"]["exitcode"] == 0
    assert children["Process-3"]["args"]["exitcode"] == -15
    out = transcript_stream(result, "out")
    assert "Process-1 is_alive: True" in out
    assert any(line.startswith("Process-1 is_alive: False, exitcode 0") for line in out)


def test_process_subclass_run_is_the_task(tmp_path):
    result = _run("process-subclass", tmp_path)
    (task,) = result.events("task")
    assert task["name"] == "Sleeper.run" and task["pid"] == _by_role(result, "process")[0]["pid"]


def test_pool_async_never_more_busy_lanes_than_the_pool(tmp_path):
    result = _run("pool-async", tmp_path)
    workers = result.workers()
    tasks = [t for t in result.events("task") if t["name"] == "worker"]
    assert len(workers) == 2 and len(tasks) == 6
    assert {t["pid"] for t in tasks} <= set(workers)
    assert max_overlap([(t["ts"], t["ts"] + t["dur"]) for t in tasks]) <= 2
    out = transcript_stream(result, "out")
    assert out.index("---- start ----") < len(out) - 1  # the parent ran on meanwhile


def test_pool_apply_tasks_never_overlap(tmp_path):
    result = _run("pool-apply", tmp_path)
    tasks = [t for t in result.events("task") if t["name"] == "worker"]
    assert len(tasks) == 4
    assert max_overlap([(t["ts"], t["ts"] + t["dur"]) for t in tasks]) == 1
    main = _by_role(result, "main")[0]["pid"]
    assert len([w for w in result.events("wait") if w["name"] == "apply" and w["pid"] == main]) == 4


def test_queue_basics_timed_out_put_ends_in_full(tmp_path):
    result = _run("queue-basics", tmp_path)
    puts = [w for w in result.events("wait") if w["name"] == "put"]
    full = [w for w in puts if w["args"].get("outcome") == "Full"]
    assert len(full) == 1 and full[0]["dur"] >= 0.29e6
    assert [w for w in result.events("wait") if w["args"].get("outcome") == "Empty"]
    assert "put_nowait raised queue.Full at once" in transcript_stream(result, "out")


def test_queue_pipeline_items_travel_from_writer_to_reader(tmp_path):
    result = _run("queue-pipeline", tmp_path)
    tasks = {t["name"]: t["pid"] for t in result.events("task")}
    puts = [w["args"]["detail"] for w in result.events("wait")
            if w["name"] == "put" and w["pid"] == tasks["write"]]  # fmt: skip
    gets = [w for w in result.events("wait") if w["name"] == "get" and w["pid"] == tasks["read"]]
    assert puts == ["Queue.put('A')", "Queue.put('B')", "Queue.put('C')"] and len(gets) == 3


def test_manager_queue_pool_has_the_manager_lane(tmp_path):
    result = _run("manager-queue-pool", tmp_path)
    assert len(_by_role(result, "manager")) == 1
    assert "reader got itcast" in transcript_stream(result, "out")


def test_manager_queue_pool_without_manager_shows_the_lesson(tmp_path):
    result = _run("manager-queue-pool", tmp_path, settings=["pool_size=2", "use_manager=no"])
    assert result.status == 0
    lesson = ("RuntimeError: Queue objects should only be shared between processes through "
              "inheritance")  # fmt: skip
    assert transcript_stream(result, "out").count(lesson) == 2
    assert not _by_role(result, "manager")


@pytest.mark.parametrize(
    "demo", [d for d in registry.all_demos() if not d.needs_fork], ids=lambda d: d.id
)
def test_demos_without_fork_run_under_spawn(demo, tmp_path):
    result = _run(demo.id, tmp_path, "--start-method", "spawn")
    assert result.status == 0, result.stderr
    code, out, _err = plain_python(demo.path, *FAST.get(demo.id, []), line_buffered=True)
    assert _numbers_out(transcript_stream(result, "out")) == _numbers_out(out.splitlines())
    assert all(e["args"]["start_method"] == "spawn" for e in _by_role(result, "process"))


def _set(setting: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "main.py", "--run", "pool-async", "--set", setting]
    return subprocess.run(command, capture_output=True, text=True, cwd=registry.DEMO_DIR.parents[1])


def test_set_errors_name_the_valid_parameters():
    done = _set("size=2")
    assert done.returncode == 2
    assert "its parameters: pool_size, tasks, task_time" in done.stderr
    done = _set("pool_size=99")
    assert done.returncode == 2 and "from 1 to 16" in done.stderr


def test_fork_globals_values_are_watched_per_process(tmp_path):
    """The probe reports module-level variables per process (the watched values)."""
    from workers.run import Run

    demo = registry.find("fork-globals")
    run = Run(demo.path, ["delay=0.3"])
    run.start()
    while not run.poll():
        run.pump()
    main = run.model.main
    child = next(p for p in run.model.processes.values() if p.role == "fork")
    assert main.values["counter"] == "100" and child.values["counter"] == "101"


def test_the_same_seed_gives_the_same_task_durations(tmp_path):
    """Fair comparisons: a demo's random task lengths come from its seed."""

    def durations(seed: str, run: str) -> list[float]:
        (tmp_path / run).mkdir()
        settings = ["pool_size=4", "tasks=6", "task_time=0.4", f"seed={seed}"]
        result = _run("pool-async", tmp_path / run, settings=settings)
        assert result.status == 0, result.stderr
        done = sorted(t["args"]["args"] for t in result.events("task"))
        assert len(done) == 6
        by_task = {t["args"]["args"]: t["dur"] / 1e6 for t in result.events("task")}
        return [by_task[name] for name in done]

    first, again, other = durations("7", "a"), durations("7", "b"), durations("8", "c")
    assert all(abs(x - y) < 0.05 for x, y in zip(first, again, strict=True))  # sleeps, +- noise
    assert any(abs(x - y) > 0.05 for x, y in zip(first, other, strict=True))


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("demo", registry.all_demos(), ids=lambda d: d.id)
def test_each_demo_fits_80_columns_in_both_languages(demo):
    """The code pane shows 80 columns at default zoom on a 1600-pixel screen (a Chinese
    character takes two)."""
    for path in (demo.path, demo.path_in("zh_CN")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert _display_width(line) <= 80, f"{path.name}:{number}"


@pytest.mark.parametrize("demo", registry.all_demos(), ids=lambda d: d.id)
def test_each_chinese_demo_is_the_same_program_on_the_same_lines(demo):
    import ast

    english, chinese = demo.path, demo.path_in("zh_CN")
    assert chinese != english and chinese.parent.name == "zh"

    def statements(path):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        return [(type(n).__name__, n.lineno, n.end_lineno) for n in ast.walk(tree)
                if isinstance(n, ast.stmt)]  # fmt: skip

    assert statements(chinese) == statements(english)


@pytest.mark.parametrize("demo_id", ["fork-twice", "pool-async", "queue-basics"])
def test_a_chinese_demo_runs_and_prints_as_many_lines(demo_id, tmp_path):
    demo = registry.find(demo_id)
    settings = [a for s in FAST.get(demo_id, []) for a in ("--set", s)]
    english = procscope("--run", demo_id, *settings, tmp=tmp_path)
    (tmp_path / "zh").mkdir()
    chinese = procscope("--run", str(demo.path_in("zh_CN")), "--",
                        *[s for s in FAST.get(demo_id, [])], tmp=tmp_path / "zh")  # fmt: skip
    assert english.status == chinese.status == 0, chinese.stderr
    assert len(english.transcript) == len(chinese.transcript)
    assert any("\u4e00" <= ch <= "\u9fff" for _p, _s, text in chinese.transcript for ch in text)


# ---- the next lectures (issue 15): each demo's visual, checked in its trace -------------


def test_lock_race_loses_updates_without_the_lock_and_none_with_it(tmp_path):
    result = _run("lock-race", tmp_path, settings=[])
    assert result.status == 0, result.stderr
    out = transcript_stream(result, "out")
    lost = {line.split(":")[0]: int(line.rsplit(" ", 1)[1]) for line in out
            if "lost updates" in line}  # fmt: skip
    assert lost["without the lock"] > 0 and lost["with the lock"] == 0
    assert any(w["name"] == "acquire" for w in result.events("wait"))  # the lock's waits


def test_pipe_shows_recv_waits_an_arrow_per_message_and_the_eof(tmp_path):
    result = _run("pipe", tmp_path, settings=[])
    assert result.status == 0, result.stderr
    recvs = [w for w in result.events("wait") if w["name"] == "recv"]
    arrows = [e for e in result.events("message") if e["name"] == "pipe" and e["ph"] == "s"]
    sent = [line for line in transcript_stream(result, "out") if "sends" in line]
    assert len(arrows) >= len(sent) > 0 and len(recvs) >= len(arrows)
    assert "EOFError: the other end closed" in transcript_stream(result, "out")


def test_zombie_orphan_shows_a_zombie_and_an_adopted_orphan(tmp_path):
    result = _run("zombie-orphan", tmp_path, settings=[])
    assert result.status == 0, result.stderr
    assert len(result.events("zombie")) >= 1
    assert any("state Z before wait()" in line for line in transcript_stream(result, "out"))


def test_start_methods_spawn_takes_longer_to_start_than_fork(tmp_path):
    result = _run("start-methods", tmp_path, settings=[])
    assert result.status == 0, result.stderr
    processes = result.processes()
    gaps = {}
    starts = [e for e in result.events("message") if e["name"] == "start"]
    ends = {e["id"]: e for e in starts if e["ph"] == "f"}
    for begin in (e for e in starts if e["ph"] == "s"):
        end = ends[begin["id"]]
        method = processes[end["pid"]]["args"].get("start_method")
        if processes[end["pid"]]["args"]["role"] == "process" and method:
            gaps[method] = end["ts"] - begin["ts"]
    assert {"fork", "spawn"} <= set(gaps) and gaps["spawn"] > gaps["fork"]
    assert any(p["args"]["role"] == "forkserver" for p in processes.values())
    greetings = {line.split(" child:")[0]: line for line in transcript_stream(result, "out")
                 if " child: greeting" in line}  # fmt: skip
    assert "changed" in greetings["fork"]  # the fork child has the parent's memory
    assert all("changed" not in greetings[m] for m in greetings if m != "fork")


def test_pool_map_chunks_draws_ceil_n_over_c_groups(tmp_path):
    result = _run("pool-map-chunks", tmp_path, settings=["tasks=10", "chunksize=3"])
    assert result.status == 0, result.stderr
    chunks = result.events("chunk")
    map_chunks = [c for c in chunks if c["args"]["tasks"] <= 3]
    assert sum(c["args"]["tasks"] for c in map_chunks) >= 10
    assert len([c for c in chunks if c["name"].startswith("chunk of")]) >= 4  # ceil(10 / 3)


def test_futures_shows_broken_process_pool_and_which_futures_failed(tmp_path):
    result = _run("futures", tmp_path, settings=[])
    assert result.status == 0, result.stderr
    out = transcript_stream(result, "out")
    failed = [line for line in out if "failed with BrokenProcessPool" in line]
    assert failed and any("result" in line for line in out if line.startswith("future"))


def test_shared_memory_changes_in_every_process_and_plain_copies_diverge():
    """The Values tab's data: each child ends with the shared Value at its last reading,
    its own plain copy counting only its own additions; the parent's plain copy unchanged."""
    import time

    from workers.run import Run

    run = Run(registry.find("shared-memory").path, ["pause=0.05"])
    run.start()
    try:
        deadline = time.monotonic() + 60
        while not run.poll():
            assert time.monotonic() < deadline
            run.pump()
            time.sleep(0.01)
    finally:
        run.stop()
    assert run.exitcode == 0
    children = [p for p in run.model.processes.values() if p.role == "process"]
    assert len(children) == 2
    for child in children:
        assert child.values["plain_int"] == "3"  # its own three additions only
        assert int(child.values["shared_value"]) >= 3  # saw the other child's too, or soon
    assert max(int(c.values["shared_value"]) for c in children) == 6  # one shared Value
    main = run.model.main
    assert main.values.get("plain_int", "0") == "0"  # the parent's copy never moved


def test_gil_gives_each_thread_a_sub_lane_and_lets_one_run_at_a_time(tmp_path):
    result = _run("gil", tmp_path, settings=["workers=2", "additions=20000000"])
    assert result.status == 0, result.stderr
    main = next(pid for pid, e in result.processes().items() if e["args"]["role"] == "main")
    names = {e["tid"]: e["args"]["name"] for e in result.trace["traceEvents"]
             if e.get("name") == "thread_name" and e["pid"] == main}  # fmt: skip
    threads = {tid for tid, name in names.items() if tid != main}
    assert len(threads) == 2 and names[main] == "MainThread"
    tasks = [e for e in result.events("task") if e["name"] == "add_up"]
    assert {e["tid"] for e in tasks if e["pid"] == main} == threads  # a task on each sub-lane
    in_processes = [e for e in tasks if e["pid"] != main]
    assert len(in_processes) == 2 and all(e["tid"] == e["pid"] for e in in_processes)
    looks: dict[int, dict[int, float]] = {}  # each look at the threads: tid -> share of a CPU
    for e in result.trace["traceEvents"]:
        if e.get("ph") == "C" and e["pid"] == main and e["tid"] in threads:
            looks.setdefault(e["ts"], {})[e["tid"]] = next(iter(e["args"].values()))
    both = [shares for shares in looks.values() if len(shares) == 2]
    assert len(both) >= 3  # looked at while both threads were there
    for shares in both:  # the GIL: together about one CPU, so one of them running
        assert len(running_of(shares)) <= 1 and sum(shares.values()) <= 1.2, shares
    assert any(running_of(shares) for shares in both)  # (and not none, always)
    first, second = sorted(in_processes, key=lambda e: e["ts"])
    assert second["ts"] < first["ts"] + first["dur"]  # the processes ran at the same time
