"""What may be run: a readable Python source file. Shared by the command line and the
window, so both refuse a bad file with the same one line."""

from __future__ import annotations

from pathlib import Path


class UsageError(Exception):
    """A bad command line: one clear line for the user, exit status 2."""


def check_program(path_text: str) -> Path:
    """A readable Python source file, or UsageError saying what is wrong with it."""
    path = Path(path_text).expanduser()
    if not path.exists():
        raise UsageError(f"no such file: {path_text}")
    if path.is_dir():
        raise UsageError(f"{path_text} is a folder, not a Python program")
    if not path.is_file():  # a FIFO would block the read, /dev/zero would never end it
        raise UsageError(f"{path_text} is not a regular file, not a Python program")
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path_text}: {exc.strerror}") from None
    try:
        compile(source, str(path), "exec")
    except SyntaxError as exc:
        where = f"line {exc.lineno}: {exc.msg}"
        raise UsageError(f"{path_text} is not valid Python ({where})") from None
    except ValueError:  # null bytes: a binary file
        raise UsageError(f"{path_text} is not a Python program") from None
    return path.resolve()
