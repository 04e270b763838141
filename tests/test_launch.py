"""The start of a run (issue 17): the program starts first (workers/launch.py), before
procscope imports its run machinery, and procscope brings as little as possible into the
program's interpreter. What the program sees must stay what plain python gives it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.helpers import PROGRAMS, ROOT
from workers import wire_format
from workers.launch import launch
from workers.peer import Peer
from workers.run import Run

# Modules a program sees under procscope that plain python does not give it: the probe's
# own, and small C modules it needs (pipes, the task page, its socket, the line sampler).
# Anything else in a program that does not import it itself is a cost procscope put there
# (threading, socket, json, signal, typing, traceback ... cost 1-4 ms each at every start).
PROBE_MODULES = {
    "_json", "_signal", "_socket", "_struct", "fcntl", "mmap", "struct", "termios",
    "reprlib", "atexit", "runpy", "workers", "workers.host", "_procscope_wire",
    "sitecustomize",  # the probe's boot module (site keeps it; it chains to the real one)
}  # fmt: skip

MODULES = "import json, sys; print(json.dumps(sorted(sys.modules)))"


def _modules(command: list[str], cwd) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_procscope_brings_no_module_a_program_would_pay_for(tmp_path):
    program = tmp_path / "modules.py"
    program.write_text(MODULES + "\n")
    plain = _modules([sys.executable, str(program)], tmp_path)
    observed = _modules([sys.executable, str(ROOT / "main.py"), "--run", str(program)], tmp_path)
    extra = {m for m in observed - plain if not m.startswith("_procscope_probe")}
    assert extra <= PROBE_MODULES, sorted(extra - PROBE_MODULES)
    for heavy in ("threading", "socket", "signal", "typing", "traceback", "selectors"):
        assert heavy not in extra


def test_the_program_shares_stdin_on_the_command_line_and_reads_nothing_in_the_window(
    tmp_path,
):
    program = tmp_path / "reads.py"
    program.write_text("import sys\nprint('read', repr(sys.stdin.read()))\n")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--run", str(program)],
                          input="typed\n", capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.stdout == "read 'typed\\n'\n", done.stderr
    run = Run(program)  # as the window runs it: stdin is /dev/null, never procscope's
    run.start()
    deadline = time.monotonic() + 60
    while not run.poll() and time.monotonic() < deadline:
        run.pump()
        run.wait(0.02)
    assert [p.text for p in run.model.prints] == ["read ''"]


def test_a_program_runs_in_the_folder_it_is_given(tmp_path):
    """Another folder than procscope's own: launched by subprocess, not posix_spawn."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    program = tmp_path / "cwd.py"
    program.write_text("import os\nprint(os.getcwd())\n")
    run = Run(program, cwd=elsewhere)
    run.start()
    deadline = time.monotonic() + 60
    while not run.poll() and time.monotonic() < deadline:
        run.pump()
        run.wait(0.02)
    assert [p.text for p in run.model.prints] == [str(elsewhere)]
    assert run.exitcode == 0


def test_a_launch_nobody_takes_over_leaves_nothing_behind():
    launched = launch(str(PROGRAMS / "forever.py"), [], os.getcwd(), False)
    assert os.path.exists(launched.address)
    launched.abandon()  # procscope failed between the launch and the run taking it over
    assert not os.path.exists(launched.folder)
    with pytest.raises(ProcessLookupError):
        os.kill(launched.child.pid, 0)  # killed and reaped: not even a zombie


def test_the_collector_reads_messages_however_the_socket_cuts_them():
    ours, theirs = socket.socketpair()
    peer = Peer(ours, 42)
    frames = [wire_format.encode(42, [("Z", float(i))]) for i in range(3)]
    stream = b"".join(len(f).to_bytes(4, "big") + f for f in frames)
    try:
        theirs.sendall(stream[:-5])  # two whole messages and most of the third
        assert peer.messages() == frames[:2]
        theirs.sendall(stream[-5:])
        assert peer.messages() == frames[2:]
        theirs.sendall((2**30).to_bytes(4, "big"))  # a length past the limit: the peer is cut
        assert peer.messages() is None
    finally:
        peer.close()
        theirs.close()


@pytest.mark.parametrize(
    "value",
    [
        [1, 4242, [["B", 1.25, 1, "MainProcess", "main", None]]],
        [1, 7, [["O", 0.5, 0, 'quote " backslash \\ tab \t nul \x00 é 中 😀']]],
        [1, 7, [["T", 1e300, 2**70, "f", "", -0.0], ["w", 3.0, 1, True, False]]],
        [1, 7, [["V", 1 / 3, "x", "nan"], {"key": [1, 2.5]}]],
    ],
)
def test_the_probe_encodes_exactly_what_json_dumps_does(value):
    """The probe uses json's C encoder without the json package (2 ms of every start):
    the same bytes on every supported Python."""
    assert wire_format.dumps(value) == json.dumps(value, separators=(",", ":"))
    assert json.loads(wire_format.encode(7, value)) == [1, 7, json.loads(json.dumps(value))]
