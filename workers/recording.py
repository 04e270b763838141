"""A recorded run: the Chrome/Perfetto trace of the run, with procscope's own data in its
``otherData`` (Perfetto ignores it and still opens the file). Qt-free.

Why the trace and not a file of procscope's own: one file is what a student sends and
what a lecturer keeps, and it opens in Perfetto as well as in procscope. What procscope
needs beyond the trace is the run's journal (workers/journal.py: every change made to the
model, with its moment), which gives back the window's state at any moment; the program's
source, its arguments and parameters, the start method, and when it was recorded.

    otherData.procscope = {"format": "procscope-recording", "version": 1, "t0": ...,
                           "program": NAME, "source": TEXT, "args": [...], "demo": ID|null,
                           "parameters": {...}, "start_method": ..., "recorded": ISO time,
                           "complete": true|false, "journal": [[KIND, t, ...], ...]}
"""

from __future__ import annotations

import datetime
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from workers.journal import CALL, CALLS, CLOSED, MESSAGE, OUTPUT, WATERMARK
from workers.trace import trace_document, write_atomically

FORMAT = "procscope-recording"
VERSION = 1
MAX_FILE_BYTES = 1 << 30  # a bigger file is refused before it is read


class RecordingError(ValueError):
    """A file that is not a recording procscope can replay (one line says why)."""


@dataclass
class Recording:
    t0: float
    journal: list[list]
    program: str = "program.py"
    path: str = ""  # where the program was (its lines in the journal name this file)
    source: str = ""
    args: list[str] = field(default_factory=list)
    demo: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    start_method: str | None = None
    recorded: str = ""
    complete: bool = True
    other: dict = field(default_factory=dict)  # the rest of the trace's otherData


def save_recording(run, path: str | Path, parameters: dict[str, str] | None = None,
                   demo: str | None = None, other: dict | None = None) -> None:  # fmt: skip
    """Write RUN (a finished workers.run.Run) to PATH: its trace, and what a replay needs."""
    try:
        source = Path(run.program).read_text(encoding="utf-8", errors="replace")
    except OSError:
        source = ""
    data = dict(other or {})
    data["procscope"] = {
        "format": FORMAT,
        "version": VERSION,
        "t0": run.model.t0,
        "program": Path(run.program).name,
        "path": str(run.program),
        "source": source,
        "args": list(run.args),
        "demo": demo,
        "parameters": dict(parameters or {}),
        "start_method": run.start_method,
        "recorded": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "complete": not run.journal.full,
        "journal": run.journal.entries,
    }
    document = trace_document(run.model, data)
    write_atomically(path, json.dumps(document, separators=(",", ":")))


def is_recording_path(path: str) -> bool:
    """Whether PATH names a recorded run rather than a program (by what it holds)."""
    try:
        with open(path, "rb") as file:
            head = file.read(1 << 16)
    except OSError:
        return False
    return head.lstrip()[:1] == b"{" and b'"traceEvents"' in head or FORMAT.encode() in head


def load_recording(path: str | Path) -> Recording:
    """The recording in PATH, checked; RecordingError (one line) for anything else."""
    name = Path(path).name
    try:
        size = Path(path).stat().st_size
        if Path(path).is_dir():
            raise RecordingError(f"{name} is a folder, not a recorded run")
        if size > MAX_FILE_BYTES:
            raise RecordingError(f"{name} is too big to be a recorded run ({size:,} bytes)")
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RecordingError(f"cannot read {name}: {exc.strerror}") from None
    if not raw.strip():
        raise RecordingError(f"{name} is empty")
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordingError(f"{name} is not a recorded run (it is not text)") from None
    except (ValueError, RecursionError):
        why = "not JSON: cut short or damaged?"
        raise RecordingError(f"{name} is not a recorded run ({why})") from None
    data = document.get("otherData") if isinstance(document, dict) else None
    ours = data.get("procscope") if isinstance(data, dict) else None
    if not isinstance(ours, dict) or ours.get("format") != FORMAT:
        what = "a trace" if isinstance(document, dict) and "traceEvents" in document else "JSON"
        raise RecordingError(f"{name} is {what}, but not a run recorded by procscope "
                             "(record one with --record, or File > Save run)")  # fmt: skip
    if ours.get("version") != VERSION:
        found = ours.get("version")
        raise RecordingError(f"{name} was recorded by another version of procscope "
                             f"(format {found!r}, this one reads {VERSION})")  # fmt: skip
    try:
        recording = Recording(
            t0=_number(ours["t0"]), journal=_journal(ours["journal"]),
            program=str(ours.get("program") or "program.py"), path=str(ours.get("path", "")),
            source=str(ours.get("source", "")),
            args=[str(a) for a in ours.get("args", [])], demo=ours.get("demo"),
            parameters={str(k): str(v) for k, v in dict(ours.get("parameters", {})).items()},
            start_method=ours.get("start_method"), recorded=str(ours.get("recorded", "")),
            complete=bool(ours.get("complete", True)),
            other={k: v for k, v in data.items() if k != "procscope"},
        )  # fmt: skip
    except (KeyError, TypeError, ValueError) as exc:
        raise RecordingError(f"{name} is a damaged recording ({exc})") from None
    from workers.replay import Replay  # (replay imports this module)

    try:
        Replay(recording).seek(math.inf)  # it replays to its end, or it is refused now
    except Exception as exc:
        raise RecordingError(f"{name} is a damaged recording ({type(exc).__name__})") from None
    return recording


_ARITY = {MESSAGE: 3, OUTPUT: 6, CLOSED: 4, WATERMARK: 6, CALL: 4}


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"not a time: {value!r:.40}")
    return float(value)


def _journal(entries) -> list[list]:
    if not isinstance(entries, list):
        raise ValueError("no journal")
    last = -math.inf
    for entry in entries:
        if not isinstance(entry, list) or len(entry) != _ARITY.get(entry[0] if entry else None):
            raise ValueError(f"bad journal entry {entry!r:.60}")
        t = _number(entry[1])
        if t < last:
            raise ValueError("journal out of order")
        last = t
        if entry[0] == CALL and (entry[2] not in CALLS or not isinstance(entry[3], list)):
            raise ValueError(f"unknown call {entry[2]!r:.40}")
    return entries
