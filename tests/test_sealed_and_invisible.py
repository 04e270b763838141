"""The probe changes nothing a program does, nothing of a run escapes it, and nothing a run
sends can break procscope (issue 12)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers import PROGRAMS, ROOT, procscope, transcript_stream
from workers.run import Run

SEALED = PROGRAMS / "sealed"


@pytest.mark.parametrize("where", ["main", "fork", "spawn"])
def test_exec_and_preexec_fn_children_that_burn_cpu_live(tmp_path, where):
    result = procscope("--run", str(SEALED / "exec_children.py"), "--", where, tmp=tmp_path)
    assert result.status == 0, result.stderr
    out = transcript_stream(result, "out")
    assert "exec after fork: 0" in out and "preexec_fn: 0" in out and "shell: 0" in out
    assert out.count("burnt True") == 2 and "shell burnt" in out


def test_a_signal_handler_that_logs_never_hangs_the_program(tmp_path):
    for run in range(10):
        ready, done = tmp_path / f"ready-{run}", tmp_path / f"done-{run}"
        command = [sys.executable, str(ROOT / "main.py"), "--run", str(SEALED / "signalled.py"),
                   "--timeout", "60", "--transcript", str(tmp_path / "t.txt"), "--",
                   str(ready), str(done)]  # fmt: skip
        runner = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not (ready.exists() and ready.read_text()) and time.monotonic() < deadline:
            time.sleep(0.01)
        pid = int(ready.read_text())
        rng = random.Random(run)
        for _ in range(400):
            try:
                os.kill(pid, signal.SIGUSR1)
            except ProcessLookupError:
                break
            time.sleep(rng.uniform(0, 0.004))
        done.touch()
        assert runner.wait(timeout=90) == 0  # 124 would be a hang
        out = [line for line in (tmp_path / "t.txt").read_text().splitlines()
               if "\tout\t" in line]  # fmt: skip
        assert out[-1].endswith("\treceived True")


def test_task_arguments_with_a_raising_or_huge_repr(tmp_path):
    result = procscope("--run", str(SEALED / "bad_repr.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    assert transcript_stream(result, "out") == ["['Touchy', 'Huge', 'Touchy']", "child exitcode 0"]
    shown = sorted(t["args"]["args"] for t in result.events("task"))
    assert shown == ["thing"] * 4  # labelled by the parameter's name, never by its repr


def test_a_value_whose_id_was_reused_is_shown_new():
    run = Run(SEALED / "reused_ids.py")
    seen: list[str] = []
    run.start()
    try:
        deadline = time.monotonic() + 60
        while not run.poll():
            assert time.monotonic() < deadline
            run.pump()
            main = run.model.main
            if main is not None and main.values.get("value") not in (None, *seen[-1:]):
                seen.append(main.values["value"])
            time.sleep(0.002)
    finally:
        run.stop()
    assert run.model.main.values["value"] == "29.5"
    assert len(seen) >= 10  # the values changed on screen, not stuck on an old id


@pytest.mark.parametrize("timeout", [None, "1"])
def test_children_that_leave_the_session_die_with_the_run(tmp_path, timeout):
    seconds = "4" if timeout else "1.5"
    extra = ["--timeout", timeout] if timeout else []
    started = time.monotonic()
    result = procscope("--run", str(SEALED / "escapes.py"), *extra, "--", seconds, tmp=tmp_path)
    assert result.status == (124 if timeout else 0), result.stderr
    if not timeout:  # the run lasts as long as its last process
        assert time.monotonic() - started >= 1.5
    sleeps = [e for e in result.processes().values() if e["name"] == "sleep"]
    assert len(sleeps) == 3
    # the no_process_left_behind fixture checks that every one of them is gone


def test_seventy_processes_one_after_another_are_not_a_fork_bomb(tmp_path):
    result = procscope("--run", str(SEALED / "sequential.py"), tmp=tmp_path, timeout=180)
    assert result.status == 0, result.stderr
    assert transcript_stream(result, "out") == ["all 70 done"]


def test_the_cap_counts_non_python_processes(tmp_path):
    result = procscope("--run", str(SEALED / "many_sleeps.py"), "--max-processes", "10",
                       tmp=tmp_path, timeout=120)  # fmt: skip
    assert result.status == 1
    assert "more than 10 processes at once" in result.stderr


def test_hostile_records_leave_procscope_running(tmp_path):
    result = procscope("--run", str(SEALED / "hostile.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    assert "hostile done" in transcript_stream(result, "out")
    other = result.trace["otherData"]
    assert other["rejected_messages"] >= 7
    pids = set(result.processes())
    assert all(0 < pid <= 1 << 22 for pid in pids)
    assert len([p for p in pids if p >= 400000]) == 100  # fake, but harmless: shown, written
    text = (tmp_path / "transcript.txt").read_text(encoding="utf-8")
    assert "lone \\udcff surrogate" in text
    json.dumps(result.trace)  # the trace was written and reads back


def test_a_closed_stdout_never_gets_the_probe_socket(tmp_path):
    out = tmp_path / "child.txt"
    result = procscope("--run", str(SEALED / "closed_fds.py"), "--", str(out), tmp=tmp_path)
    assert result.status == 0, result.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "fd 1" and lines[1:] == [f"line {i}" for i in range(200)]
    assert result.trace["otherData"]["rejected_messages"] == 0


def _refused(tmp_path, *args, env=None) -> subprocess.CompletedProcess:
    marker = tmp_path / "ran"
    program = tmp_path / "marks.py"
    program.write_text(f"open({str(marker)!r}, 'w').close()\n")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--run", str(program), *args],
                          capture_output=True, text=True, timeout=60, env=env)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not marker.exists()  # refused before anything ran
    return done


def test_usage_errors_are_found_before_the_program_runs(tmp_path):
    _refused(tmp_path, "--trace", str(tmp_path))
    _refused(tmp_path, "--transcript", "/proc/x.txt")
    _refused(tmp_path, "--timeout", "nan")
    _refused(tmp_path, "--timeout", "inf")
    long_tmp = tmp_path / ("t" * 100)
    long_tmp.mkdir()
    _refused(tmp_path, env=dict(os.environ, TMPDIR=str(long_tmp)))
    fifo = tmp_path / "fifo.py"
    os.mkfifo(fifo)
    for program in (str(fifo), "/dev/zero"):
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--run", program],
                              capture_output=True, text=True, timeout=30)  # fmt: skip
        assert done.returncode == 2 and "not a regular file" in done.stderr


@pytest.mark.parametrize(("signum", "times"), [(signal.SIGTERM, 2), (signal.SIGINT, 3),
                                                (signal.SIGHUP, 2)])  # fmt: skip
def test_repeated_stop_signals_stop_the_run_once_and_cleanly(tmp_path, signum, times):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    trace = tmp_path / "t.json"
    command = [sys.executable, str(ROOT / "main.py"), "--run", str(PROGRAMS / "forever.py"),
               "--trace", str(trace)]  # fmt: skip
    runner = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=dict(os.environ, TMPDIR=str(private_tmp)))  # fmt: skip
    assert runner.stdout.readline()  # the program runs
    for _ in range(times):
        runner.send_signal(signum)
        time.sleep(0.005)
    _out, err = runner.communicate(timeout=30)
    assert runner.returncode == 128 + signum, err.decode()[-2000:]
    assert b"Traceback" not in err
    other = json.loads(trace.read_text())["otherData"]
    assert other["stopped"].startswith("interrupted")
    assert not list(private_tmp.iterdir())  # the socket's folder went with the run
