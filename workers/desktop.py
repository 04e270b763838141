"""``procscope --install-desktop-entry``: put procscope in this user's application menu
(freedesktop.org: Linux desktops), with its icon and "Open with procscope" for .py files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> str:
    """How the menu starts procscope: the installed command, or this checkout's main.py."""
    installed = Path(sys.executable).parent / "procscope"
    if installed.exists():
        return f'"{installed}"'
    return f'"{sys.executable}" "{RESOURCES.parent / "main.py"}"'


def install_desktop_entry() -> list[Path]:
    """Write the .desktop file and the icons; returns what was written."""
    data = _data_home()
    written = []
    entry = (RESOURCES / "procscope.desktop").read_text(encoding="utf-8")
    entry = entry.replace("Exec=procscope %f", f"Exec={launch_command()} %f")
    apps = data / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    target = apps / "procscope.desktop"
    target.write_text(entry, encoding="utf-8")
    written.append(target)
    for size in ICON_SIZES:
        folder = data / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.copyfile(RESOURCES / "icons" / f"procscope-{size}.png",
                                            folder / "procscope.png")))  # fmt: skip
    scalable = data / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    written.append(Path(shutil.copyfile(RESOURCES / "procscope.svg", scalable / "procscope.svg")))
    if shutil.which("update-desktop-database"):  # refreshes "Open with" for .py files
        subprocess.run(["update-desktop-database", str(apps)], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return written
