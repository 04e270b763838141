"""Faults injected on purpose: crashing programs, runaway programs, garbage on the wire.
procscope shows each on the right lane, ends the run cleanly and leaves nothing behind."""

from __future__ import annotations

import json
import os
import random
import socket
import struct
import time
from multiprocessing.connection import Connection

import pytest

from tests.helpers import PROGRAMS, procscope, transcript_stream
from workers.run import Run
from workers.trace import write_atomically
from workers.wire import MAX_TEXT


def _role(result, role):
    return [e for e in result.processes().values() if e["args"]["role"] == role]


def test_a_target_and_a_pool_task_that_raise(tmp_path):
    result = procscope("--run", str(PROGRAMS / "target_raises.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    (child,) = _role(result, "process")
    assert child["args"]["exitcode"] == 1
    child_err = [t for p, s, t in result.transcript if p == child["pid"] and s == "err"]
    assert child_err[-1] == "RuntimeError: target failed"
    failed = [t for t in result.events("task") if t["args"].get("error")]
    assert {t["name"] for t in failed} == {"broken", "task"}
    assert "ValueError('task 2 failed')" in [t["args"]["error"] for t in failed]
    assert "get raised task 2 failed" in transcript_stream(result, "out")


def test_a_segfault_in_a_child(tmp_path):
    result = procscope("--run", str(PROGRAMS / "segfault.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    (child,) = _role(result, "process")
    assert child["args"]["exitcode"] == -11
    assert (child["pid"], "out", "about to crash") in result.transcript
    assert transcript_stream(result, "out")[-1] == "exitcode -11"


def test_a_pool_worker_killed_from_outside(tmp_path):
    result = procscope("--run", str(PROGRAMS / "worker_killed.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    workers = _role(result, "pool-worker")
    killed = [w for w in workers if w["args"]["exitcode"] == -9]
    assert len(killed) == 1 and len(workers) == 4  # the Pool started a replacement
    (task,) = result.events("task")
    assert task["args"]["error"].startswith("lost")
    assert task["pid"] in {w["pid"] for w in killed}
    assert "the task was lost with its worker" in transcript_stream(result, "out")


def test_a_fork_bomb_is_stopped_by_the_process_cap(tmp_path):
    result = procscope("--run", str(PROGRAMS / "fork_bomb.py"), "--max-processes", "20",
                       tmp=tmp_path, timeout=120)  # fmt: skip
    assert result.status == 1
    assert result.stderr.strip().endswith("more than 20 processes at once (the process cap)")
    assert result.trace["otherData"]["stopped"].startswith("it ran more than 20")
    # the no_process_left_behind fixture checks that the whole bomb is gone


def test_a_flood_of_prints_and_a_huge_line_lose_nothing(tmp_path):
    program = tmp_path / "flood.py"
    program.write_text(
        "import sys\nfor i in range(100000):\n    print(i)\n"
        "print('x' * 10_000_000)\nsys.stdout.write('no newline at the end')\n"
    )
    result = procscope("--run", str(program), tmp=tmp_path)
    assert result.status == 0
    out = transcript_stream(result, "out")
    assert out[:100000] == [str(i) for i in range(100000)]
    assert out[100000] == "x" * MAX_TEXT + f"... [{10_000_000 - MAX_TEXT} more characters]"
    assert out[-1] == "no newline at the end" and len(out) == 100002


@pytest.fixture
def live_run():
    run = Run(PROGRAMS / "sleeper.py")
    run.start()
    deadline = time.monotonic() + 20
    while not run.model.processes and time.monotonic() < deadline:
        run.pump()
        time.sleep(0.01)
    yield run
    run.stop()


def _speak(address: str, payload: bytes) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(2)
        try:
            sock.connect(address)
            sock.sendall(payload)
            sock.recv(64)
        except OSError:
            pass


def _peer(address: str) -> Connection:
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(address)
    return Connection(sock.detach())


def test_the_collector_survives_strangers_and_garbage(live_run):
    run = live_run
    address, key = run.collector.address, run.collector.authkey
    assert oct(os.stat(os.path.dirname(address)).st_mode & 0o777) == "0o700"
    rng = random.Random(3)
    # strangers: no key, a wrong key, silence, a huge length header
    _speak(address, b"GET / HTTP/1.0\r\n\r\n")
    _speak(address, struct.pack("!i", 2**30))
    stranger = _peer(address)  # a hello with a wrong key: dropped, nothing it says counts
    stranger.send_bytes(json.dumps([1, 4243, "hello", [], "not the key"]).encode())
    stranger.send_bytes(b'[1, 4243, [["B", 1.0, 1, "stranger", "main", null]]]')
    silent = socket.socket(socket.AF_UNIX)
    silent.connect(address)
    # a peer that says garbage instead of hello
    rude = _peer(address)
    rude.send_bytes(b"\x00" * 64)
    # a peer with the key that says hello, then garbage of every kind
    conn = _peer(address)
    hello = json.dumps([1, 4242, "hello", [], key.hex()]).encode()
    conn.send_bytes(hello)
    for _ in range(300):
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
        conn.send_bytes(junk)
    conn.send_bytes(b'[1, 4242, [["O", 1.0, 0]]]')  # a record with a field missing
    conn.send_bytes(b"[" * 50_000)
    conn.close()
    deadline = time.monotonic() + 30
    while not run.poll() and time.monotonic() < deadline:
        run.pump()
        time.sleep(0.01)
    silent.close()
    rude.close()
    stranger.close()
    assert run.finished and not run.stopped and run.exitcode == 0
    assert run.rejected >= 300
    assert 4243 not in run.model.processes  # the stranger without the key was not heard
    ticks = [p.text for p in run.model.prints]
    assert ticks == [f"tick {i}" for i in range(6)]
    assert not os.path.exists(os.path.dirname(address))  # the private folder is gone


def test_start_and_stop_at_random_moments(tmp_path):
    rng = random.Random(11)
    programs = [PROGRAMS / "pool_async.py", PROGRAMS / "fork_twice.py",
                PROGRAMS / "manager_queue.py", PROGRAMS / "forever.py"]  # fmt: skip
    for i in range(8):
        run = Run(programs[i % len(programs)])
        run.start()
        deadline = time.monotonic() + rng.uniform(0.0, 0.6)
        while time.monotonic() < deadline:
            run.pump()
            time.sleep(0.005)
        started = time.monotonic()
        run.stop()
        assert time.monotonic() - started < 2.5
        assert run.finished
        assert not os.path.exists(os.path.dirname(run.collector.address))


def test_an_atomic_write_that_fails_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "transcript.txt"
    path.write_text("the old one\n")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_atomically(path, "half of it\n" * 1000)
    assert path.read_text() == "the old one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["transcript.txt"]


def test_pool_terminate_never_hangs_under_the_probe(tmp_path):
    """Pool.__exit__ terminates workers with SIGTERM; a worker blocked on the task queue's
    lock must die of it (a Python-level SIGTERM handler in the probe once made it hang)."""
    program = tmp_path / "pool_exit.py"
    program.write_text(
        "from multiprocessing import Pool\n\n"
        "def tiny(i):\n    return i + 1\n\n"
        "if __name__ == '__main__':\n"
        "    with Pool(4) as pool:\n"
        "        results = [pool.apply_async(tiny, (i,)) for i in range(300)]\n"
        "        print(sum(r.get() for r in results))\n"
    )
    # The hang hit about 1 run in 20; 30 runs catch it most of the time.
    for _ in range(30):
        result = procscope("--run", str(program), "--timeout", "10", tmp=tmp_path)
        assert result.status == 0, result.stderr


def test_sigterm_to_procscope_stops_the_run(tmp_path):
    import signal
    import subprocess
    import sys

    from tests.helpers import ROOT

    command = [sys.executable, str(ROOT / "main.py"), "--run", str(PROGRAMS / "forever.py")]
    runner = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert runner.stdout.readline()  # the program runs
    runner.send_signal(signal.SIGTERM)
    assert runner.wait(timeout=10) == 128 + signal.SIGTERM
    # the no_process_left_behind fixture checks the program's four processes are gone


def test_every_task_is_in_the_trace_when_the_pool_ends_as_its_results_arrive(tmp_path):
    """Workers batch their records; a worker sends them before it waits and before it hands
    over a result the parent may end the pool on."""
    for attempt in range(3):
        result = procscope("--run", str(PROGRAMS / "terminated_pool.py"), tmp=tmp_path)
        assert result.status == 0, result.stderr
        tasks = [t for t in result.events("task") if t["name"] == "tiny"]
        assert len(tasks) == 1000, (attempt, len(tasks))
        assert all("error" not in t["args"] for t in tasks)
        results = [e for e in result.events("message") if e["name"] == "result" and e["ph"] == "s"]
        assert len(results) == 1000, (attempt, len(results))
