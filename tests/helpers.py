"""Running procscope's command line the way a user does, and reading what it wrote."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = Path(__file__).resolve().parent / "programs"


@dataclass
class Result:
    status: int
    stdout: str
    stderr: str
    trace: dict
    transcript: list[tuple[int, str, str]]

    def events(self, cat: str) -> list[dict]:
        return [e for e in self.trace.get("traceEvents", []) if e.get("cat") == cat]

    def processes(self) -> dict[int, dict]:
        return {e["pid"]: e for e in self.events("process")}

    def workers(self) -> dict[int, dict]:
        return {p: e for p, e in self.processes().items() if e["args"]["role"] == "pool-worker"}


def procscope(*args: str, tmp: Path, timeout: float = 90) -> Result:
    """python main.py --run ... with a trace and a transcript into TMP."""
    trace, transcript = tmp / "trace.json", tmp / "transcript.txt"
    trace.unlink(missing_ok=True)
    transcript.unlink(missing_ok=True)
    ours, theirs = list(args), []
    if "--" in ours:  # the program's own arguments stay last
        ours, theirs = ours[: ours.index("--")], ours[ours.index("--") :]
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)  # the program's buffering as a student's shell has it
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *ours,
         "--trace", str(trace), "--transcript", str(transcript), *theirs],
        capture_output=True, text=True, timeout=timeout, cwd=tmp, env=env,
    )  # fmt: skip
    lines = []
    if transcript.exists():
        for line in transcript.read_text(encoding="utf-8").splitlines():
            pid, stream, text = line.split("\t", 2)
            lines.append((int(pid), stream, text))
    data = json.loads(trace.read_text()) if trace.exists() else {}
    return Result(done.returncode, done.stdout, done.stderr, data, lines)


# Line-buffered streams, as on a terminal: whole lines, and forks do not repeat output.
_LINE_BUFFERED = (
    "import runpy, sys; sys.stdout.reconfigure(line_buffering=True); "
    "sys.stderr.reconfigure(line_buffering=True); sys.argv = sys.argv[1:]; "
    "sys.path[0] = __import__('os').path.dirname(sys.argv[0]); "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)


def plain_python(
    program: Path, *args: str, timeout: float = 60, line_buffered: bool = False
) -> tuple[int, str, str]:
    """The same program without procscope. Unbuffered by default, so that forks do not
    repeat output; LINE_BUFFERED when several processes print at once (whole lines)."""
    before = {p.pid for p in psutil.Process().children()}
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    command = ["-c", _LINE_BUFFERED] if line_buffered else []
    if line_buffered:
        env.pop("PYTHONUNBUFFERED")
    done = subprocess.run(
        [sys.executable, *command, str(program), *args],
        capture_output=True, text=True, timeout=timeout, env=env, cwd=program.parent,
    )  # fmt: skip
    _adopt_orphans(before)
    return done.returncode, done.stdout, done.stderr


def _adopt_orphans(before: set[int], within: float = 10.0) -> None:
    """Be init for the orphans of a plain-python run (the tests make this process their
    subreaper): wait for them to end and reap them, as init would."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        orphans = [p for p in psutil.Process().children() if p.pid not in before]
        if not orphans:
            return
        for orphan in orphans:
            try:
                if orphan.status() == psutil.STATUS_ZOMBIE:
                    os.waitpid(orphan.pid, 0)
            except (psutil.Error, ChildProcessError):
                pass
        time.sleep(0.02)


_VARYING = re.compile(r"(pid|ppid)=\d+|took=[\d.]+|0x[0-9a-f]+")


def normalized(lines) -> list[str]:
    """Lines with pids and timings taken out, sorted (processes interleave freely)."""
    return sorted(_VARYING.sub(lambda m: m.group(0).split("=")[0] + "=*", line) for line in lines)


def transcript_stream(result: Result, stream: str) -> list[str]:
    return [text for _pid, s, text in result.transcript if s == stream]


def max_overlap(spans: list[tuple[float, float]]) -> int:
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    busy = peak = 0
    for _, step in edges:
        busy += step
        peak = max(peak, busy)
    return peak


def plain_in_pty(
    program: Path, *args: str, timeout: float = 60, start_method: str | None = None
) -> tuple[int, list[str], list[str]]:
    """The same program under plain python with stdout and stderr on terminals (a pty each,
    output bytes untranslated), as a student runs it. Returns (status, out lines, err lines).
    START_METHOD is set the way procscope sets it: as the default, not fixed."""
    import pty
    import select
    import termios

    before = {p.pid for p in psutil.Process().children()}
    masters, slaves = [], []
    for _ in range(2):
        master, slave = pty.openpty()
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.OPOST  # no \n -> \r\n: the bytes as written
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        masters.append(master)
        slaves.append(slave)
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    if start_method:  # no frame of ours in a traceback: a sitecustomize sets the default
        env["PYTHONPATH"] = str(_METHOD_SITE)
        env["PLAIN_START_METHOD"] = start_method
    proc = subprocess.Popen([sys.executable, str(program), *args], stdin=subprocess.DEVNULL,
                            stdout=slaves[0], stderr=slaves[1], cwd=program.parent,
                            env=env)  # fmt: skip
    for slave in slaves:
        os.close(slave)
    data = [bytearray(), bytearray()]
    open_masters = set(masters)
    deadline = time.monotonic() + timeout
    while open_masters and time.monotonic() < deadline:
        ready, _w, _x = select.select(list(open_masters), [], [], 0.5)
        for master in ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if chunk:
                data[masters.index(master)] += chunk
            else:
                open_masters.discard(master)
    for master in masters:
        os.close(master)
    status = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    _adopt_orphans(before)
    # Colours a terminal gets (3.13's tracebacks) are not text: procscope's programs see a
    # pipe and print none, so compare the text.
    out, err = (_COLOURS.sub("", bytes(d).decode("utf-8", "backslashreplace")).split("\n")
                for d in data)  # fmt: skip
    return status, _drop_last_empty(out), _drop_last_empty(err)


_COLOURS = re.compile("\x1b\\[[0-9;]*m")


def _drop_last_empty(lines: list[str]) -> list[str]:
    return lines[:-1] if lines and lines[-1] == "" else lines


_METHOD_SITE = PROGRAMS / "plain_site"
