"""The command line's contract: usage errors are one line and exit 2, with nothing run."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from tests.helpers import PROGRAMS, ROOT, procscope


def _main(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args],
                          capture_output=True, text=True, timeout=60, cwd=cwd)  # fmt: skip


@pytest.mark.parametrize(
    "args, says",
    [
        (["--run", "no-such-demo"], "unknown demo 'no-such-demo'"),
        (["--run", "missing.py"], "no such file: missing.py"),
        (["--run", str(PROGRAMS)], "is a folder"),
        (
            ["--run", str(PROGRAMS / "fork_twice.py"), "--start-method", "teleport"],
            "start method 'teleport' is not available",
        ),
        (
            ["--run", str(PROGRAMS / "fork_twice.py"), "--set", "pool_size=3"],
            "--set applies to built-in demos",
        ),
        (
            ["--run", str(PROGRAMS / "fork_twice.py"), "--trace", "/no/such/dir/t.json"],
            "its folder does not exist",
        ),
        (["--run", str(PROGRAMS / "fork_twice.py"), "--timeout", "0"], "--timeout needs"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_usage_errors_say_one_line_and_run_nothing(tmp_path, args, says):
    marker = tmp_path / "ran"
    done = _main(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
    assert done.stdout == "" and not marker.exists()


def test_a_syntax_error_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad program.py"
    bad.write_text("print('never runs')\ndef broken(:\n")
    done = _main("--run", str(bad), cwd=tmp_path)
    assert done.returncode == 2
    assert "not valid Python (line 2" in done.stderr
    assert "never runs" not in done.stdout


def test_a_binary_file_is_not_a_program(tmp_path):
    binary = tmp_path / "picture.py"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    done = _main("--run", str(binary), cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "is not a Python program" in done.stderr or "not valid Python" in done.stderr


def test_a_program_path_with_spaces_and_non_ascii(tmp_path):
    folder = tmp_path / "cours 进程"
    folder.mkdir()
    program = folder / "程序 one.py"
    program.write_text("print('你好, 进程')\n", encoding="utf-8")
    transcript = tmp_path / "t.txt"
    done = _main("--run", str(program), "--transcript", str(transcript), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pid, stream, text = transcript.read_text(encoding="utf-8").rstrip("\n").split("\t")
    assert (stream, text) == ("out", "你好, 进程") and int(pid) > 0


def test_program_arguments_after_a_double_dash(tmp_path):
    program = tmp_path / "echo.py"
    program.write_text("import sys\nprint(sys.argv[1:])\n")
    done = _main("--run", str(program), "--", "a", "b c", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == "['a', 'b c']\n"


def test_install_desktop_entry_for_this_user(tmp_path):
    data = tmp_path / "share"
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--install-desktop-entry"],
                          capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    entry = (data / "applications" / "procscope.desktop").read_text()
    assert "MimeType=text/x-python" in entry
    # The menu's command really starts procscope (asked here for --list instead of a file).
    (exec_line,) = [line for line in entry.splitlines() if line.startswith("Exec=")]
    command = [("--list" if a == "%f" else a) for a in shlex.split(exec_line[len("Exec=") :])]
    listed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert listed.stdout.startswith("fork-basic\t"), listed.stderr
    assert (data / "icons/hicolor/256x256/apps/procscope.png").exists()
    assert (data / "icons/hicolor/scalable/apps/procscope.svg").exists()


@pytest.mark.parametrize("option", [["--png", "x.png"], ["--trace", "t.json"], ["--timeout", "3"],
                                    ["--set", "tasks=3"], ["--start-method", "spawn"]])  # fmt: skip
def test_an_option_of_a_run_without_run_is_refused(option, tmp_path):
    """Without --run the window would open and ignore it (or fail without a display)."""
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *option], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    said = f"procscope: {option[0]} applies to a run: add --run ID|PROGRAM.py"
    assert done.stderr.strip() == said
    assert not list(tmp_path.iterdir())


def test_written_files_have_the_usual_permissions(tmp_path):
    result = procscope("--run", "fork-basic", tmp=tmp_path)
    assert result.status == 0
    for name in ("trace.json", "transcript.txt"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    from workers.trace import _umask

    return _umask()


def test_a_sweep_writes_a_plot_and_one_makespan_per_value(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--run", "pool-async", "--set", "tasks=4",
         "--set", "task_time=0.2", "--sweep", "pool_size=1..3", "--png", "sweep.png"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "sweep.png").read_bytes()[:4] == b"\x89PNG"
    rows = (tmp_path / "sweep.csv").read_text().splitlines()
    assert rows[0] == "pool_size,makespan_s,speedup,exitcode"
    values = [row.split(",") for row in rows[1:]]
    assert [v[0] for v in values] == ["1", "2", "3"]
    assert all(float(v[1]) > 0 and v[3] == "0" for v in values)
    assert float(values[0][2]) == 1.0


@pytest.mark.parametrize(
    "sweep", ["pool_size=3..1", "pool_size=1-4", "nothing=1..3", "pool_size=1..99"]
)
def test_a_bad_sweep_is_refused_before_anything_runs(sweep, tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--run", "pool-async",
                           "--sweep", sweep], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 2 and done.stderr.startswith("procscope: --sweep")
    assert done.stdout == ""


def test_the_serial_fraction_of_amdahl_s_law_is_fitted():
    from workers.sweep import Point, amdahl, serial_fraction

    points = [Point(n, 10.0 * (0.2 + 0.8 / n), 0) for n in (1, 2, 4, 8)]
    assert abs(serial_fraction(points) - 0.2) < 1e-9
    assert abs(amdahl(0.2, 4) - 1 / (0.2 + 0.8 / 4)) < 1e-12
