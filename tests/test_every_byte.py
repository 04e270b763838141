"""Every byte a program writes, by any route, reaches the transcript, attributed to the
process that wrote it, exactly as the same program shows it under plain python on a
terminal (a pty each for stdout and stderr)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import PROGRAMS, plain_in_pty, procscope, transcript_stream

BYTES = PROGRAMS / "bytes"


def _same_output(result, plain) -> None:
    status, out, err = plain
    assert transcript_stream(result, "out") == out
    assert transcript_stream(result, "err") == err


def _names(result) -> dict[int, str]:
    return {pid: e["name"] for pid, e in result.processes().items()}


def test_every_route_of_output_and_who_wrote_it(tmp_path):
    folder = tmp_path / "listing"
    folder.mkdir()
    (folder / "only-file.txt").write_text("")
    result = procscope("--run", str(BYTES / "routes.py"), "--", str(folder), tmp=tmp_path)
    plain = plain_in_pty(BYTES / "routes.py", str(folder))
    assert result.status == plain[0] == 0, result.stderr
    _same_output(result, plain)
    names = _names(result)
    writer = {text: names[pid] for pid, _s, text in result.transcript}
    assert writer["from os.system"] == "sh"
    assert writer["from subprocess.run"] == "echo"
    assert writer["from a shell"] == writer["shell to stderr"] == "sh"
    assert writer["only-file.txt"] == "ls"
    for text in ("print to sys.stdout", "os.write to fd 1", "to sys.__stdout__",
                 "from C puts", "os.write to fd 2", "no newline at the end"):  # fmt: skip
        assert writer[text] == "MainProcess"
    main = next(p for p, e in result.processes().items() if e["args"]["role"] == "main")
    children = [e for e in result.processes().values() if e["args"]["ppid"] == main]
    assert sorted(e["name"] for e in children) == ["echo", "ls", "sh", "sh"]
    assert all(e["args"]["exitcode"] == 0 for e in children)


@pytest.mark.parametrize("where", ["main", "child"])
@pytest.mark.parametrize("how", ["segv", "kill", "_exit"])
def test_the_last_line_before_the_process_dies(tmp_path, where, how):
    program = BYTES / "last_words.py"
    result = procscope("--run", str(program), "--", where, how, tmp=tmp_path)
    plain = plain_in_pty(program, where, how)
    assert (result.status == 0) == (plain[0] == 0)
    _same_output(result, plain)
    assert f"last words before {how}" in transcript_stream(result, "out")


def test_prints_at_interpreter_shutdown(tmp_path):
    result = procscope("--run", str(BYTES / "shutdown.py"), tmp=tmp_path)
    plain = plain_in_pty(BYTES / "shutdown.py")
    _same_output(result, plain)
    assert transcript_stream(result, "out")[-1] == "__del__ at shutdown"


@pytest.mark.parametrize("alphabet", ["cjk", "emoji"])
def test_long_lines_of_wide_characters(tmp_path, alphabet):
    result = procscope("--run", str(BYTES / "wide.py"), "--", alphabet, tmp=tmp_path)
    plain = plain_in_pty(BYTES / "wide.py", alphabet)
    assert result.status == 0 and len(plain[1]) == 40
    _same_output(result, plain)
    assert result.trace["otherData"]["rejected_messages"] == 0


def test_many_prints_without_a_newline(tmp_path):
    result = procscope("--run", str(BYTES / "partial.py"), "--", "200000", tmp=tmp_path)
    plain = plain_in_pty(BYTES / "partial.py", "200000")
    _same_output(result, plain)
    assert transcript_stream(result, "out") == ["." * 200_000]


def test_children_that_never_run_the_probe(tmp_path):
    result = procscope("--run", str(BYTES / "isolated.py"), tmp=tmp_path)
    plain = plain_in_pty(BYTES / "isolated.py")
    assert result.status == 0
    assert sorted(transcript_stream(result, "out")) == sorted(plain[1])
    names = _names(result)
    main = next(p for p, e in result.processes().items() if e["args"]["role"] == "main")
    writers = {text: pid for pid, _s, text in result.transcript}
    for text in ("isolated child", "no-site child", "child without environment"):
        pid = writers[text]  # each heard as itself, a child of the main process
        assert pid != main and names[pid].startswith("python")
        assert result.processes()[pid]["args"]["ppid"] == main
    execd = result.processes()[writers["exec after fork"]]
    assert execd["args"]["ppid"] == main and execd["args"]["exitcode"] == 0


def test_processes_the_probe_never_spoke_for(tmp_path):
    result = procscope("--run", str(BYTES / "identities.py"), tmp=tmp_path)
    assert result.status == 0, result.stderr
    processes = result.processes()
    main = next(p for p, e in processes.items() if e["args"]["role"] == "main")
    by_name = {e["name"]: e for e in processes.values()}
    assert by_name["ls"]["args"]["ppid"] == main and by_name["ls"]["args"]["exitcode"] == 0
    assert by_name["sh"]["args"]["ppid"] == main and by_name["sh"]["args"]["exitcode"] == 3
    doomed = by_name["doomed"]
    assert doomed["args"]["ppid"] == main and doomed["args"]["exitcode"] == -9
    assert doomed["args"]["start_method"] == "spawn"
    (tracker,) = [e for e in processes.values() if e["args"]["role"] == "resource-tracker"]
    assert tracker["args"]["ppid"] == main
    assert all(pid_or_zero in processes or pid_or_zero == 0 for pid_or_zero in
               [e["args"]["ppid"] for e in processes.values() if e["pid"] != main])  # fmt: skip
    assert "doomed exitcode -9" in transcript_stream(result, "out")


def test_a_blocked_task_cut_off_by_terminate_is_lost(tmp_path):
    marker = tmp_path / "task-began"
    result = procscope("--run", str(BYTES / "blocked_task.py"), "--", str(marker), tmp=tmp_path)
    assert result.status == 0, result.stderr
    (task,) = result.events("task")
    assert task["name"] == "blocked"
    assert task["args"]["error"] == "lost: its process was killed by SIGTERM (terminate())"
    assert result.processes()[task["pid"]]["args"]["exitcode"] == -15


_VARYING = re.compile(r"0x[0-9a-f]+|pid \d+|\d+ (?=\w+Process)")


def _traceback_lines(lines: list[str]) -> list[str]:
    return [_VARYING.sub("*", line) for line in lines]


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("program", ["tb_target.py", "tb_pool.py", "tb_futures.py",
                                     "tb_main.py"])  # fmt: skip
def test_tracebacks_are_those_of_plain_python(tmp_path, program, method):
    path = BYTES / program
    result = procscope("--run", str(path), "--start-method", method, tmp=tmp_path)
    status, out, err = plain_in_pty(path, start_method=method)
    assert (result.status == 0) == (status == 0)
    assert "Traceback (most recent call last):" in err
    assert _traceback_lines(transcript_stream(result, "err")) == _traceback_lines(err)
    assert not any(
        "probe" in line or "workers/" in line for line in transcript_stream(result, "err")
    )
