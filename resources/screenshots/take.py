"""Screenshots of procscope for the README, made by the app itself (refreshable, not drawn).

    xvfb-run -a -s "-screen 0 1600x1000x24" python resources/screenshots/take.py
    ... take.py --replay RUN.json --after 1.2    (a recorded run, replayed to 1.2 s)

Each shot opens the window, starts a demo from its panel and grabs the window while the
run is live. Runs under Xvfb (a real window) or, less faithfully, QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
# Settings of their own (zoom, language, parameters): the user's are left untouched.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="procscope-screenshots-")

SHOTS = {  # file -> (demo id, parameters, seconds into the run, steps, zoom, language)
    "pool-async.png": ("pool-async", {"pool_size": "3", "tasks": "10"}, 2.6, 0, 1.0, "en"),
    "fork-twice-stepped-zh.png": ("fork-twice", {}, 0.5, 9, 1.3, "zh_CN"),
    "queue-pipeline.png": ("queue-pipeline", {}, 2.4, 0, 1.0, "en"),
    "manager-queue-pool.png": ("manager-queue-pool", {"pool_size": "2"}, 2.4, 0, 1.0, "en"),
    "fork-twice-steps.png": ("fork-twice", {}, 0.5, 12, 1.0, "en"),
    "gil.png": ("gil", {"workers": "2", "additions": "40000000"}, 2.0, 0, 1.0, "en"),
}


def _width(text: str) -> int:
    """Columns TEXT takes in a monospace font (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def what_fits(panel) -> dict:
    """Whether the shot clips anything a lecture needs: the code's longest line against the
    columns the code pane shows, the console's against its width, and whether every lane
    in view keeps a height its label fits in."""
    code = panel.code
    char = code.fontMetrics().horizontalAdvance("x") or 1
    longest_code = max((_width(line.rstrip()) for line in code.toPlainText().splitlines()),
                       default=0)  # fmt: skip
    wraps = code.lineWrapMode() != code.LineWrapMode.NoWrap
    console = panel.console.view
    console_char = console.fontMetrics().horizontalAdvance("x") or 1
    pid_columns = panel.console.pid_digits() + 2  # the pid, a space, the margins
    printed = [_width(p.text) + pid_columns for p in panel.run.model.prints] if panel.run else []
    lanes = panel.gantt.lane_window
    vb = panel.gantt.getPlotItem().getViewBox()
    (_x, (y0, y1)) = vb.viewRange()
    lane_px = vb.sceneBoundingRect().height() / max(y1 - y0, 1e-9)
    return {
        "code_columns": round(code.viewport().width() / char), "code_longest": longest_code,
        "code_wraps": wraps,
        "console_columns": round(console.viewport().width() / console_char),
        "console_longest": max(printed, default=0),
        "console_wraps": True,  # a wider line wraps onto more rows (gui/views/console.py)
        "lanes_labelled": lane_px >= lanes.min_lane_px() * 0.99,
    }  # fmt: skip


def take(
    name: str,
    demo_id: str,
    params: dict[str, str],
    after: float,
    out_dir: Path,
    steps: int = 0,
    zoom: float = 1.0,
    language: str = "en",
    theme: str = "light",
    size: tuple[int, int] = (1600, 1000),
) -> Path:
    from PySide6.QtWidgets import QApplication

    from gui.app import create_app
    from gui.window import MainWindow

    app = create_app()
    window = MainWindow()
    window.resize(*size)
    window.show()
    window.set_theme(theme)
    panel = window.show_concept(demo_id)
    for control in panel.controls:
        if control.param.name in params:
            control.set_text(params[control.param.name])
    window.set_language(language)
    window.set_zoom(zoom)
    if zoom > 1:  # presenter view: full screen with larger text
        window.toggle_presenter()
        window.set_zoom(zoom)
    panel.step_mode.setChecked(steps > 0)
    panel.start()
    for _ in range(steps):  # in step mode: one line of the next process in turn, each time
        deadline = time.monotonic() + 5
        while not panel.run.model.held() and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        panel.step()
        for _ in range(20):
            QApplication.processEvents()
            time.sleep(0.01)
    deadline = time.monotonic() + after
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    out_dir.mkdir(parents=True, exist_ok=True)
    print(json.dumps({"shot": name, **what_fits(panel)}))
    path = out_dir / name
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    panel.stop()
    if window.isFullScreen():
        window.toggle_presenter()
    window.set_zoom(1.0)
    window.set_language("en")
    window.set_theme("light")
    window.close()
    app.processEvents()
    return path


def take_replay(name: str, recording: Path, at: float, out_dir: Path) -> Path:
    """A recorded run, replayed in the window and stopped at AT seconds (mid-scrub)."""
    from PySide6.QtWidgets import QApplication

    from gui.app import create_app
    from gui.window import MainWindow

    app = create_app()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    if not window.open_program(str(recording)):
        raise SystemExit(window.statusBar().currentMessage())
    window.current_panel().replayer.seek(at)
    for _ in range(30):
        QApplication.processEvents()
        time.sleep(0.01)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    window.close()
    app.processEvents()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNG files")
    parser.add_argument("--only", help="one shot's file name")
    parser.add_argument("--demo", help="an ad-hoc shot of this demo (with --set, --after)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--after", type=float, default=3.0, help="seconds into the run")
    parser.add_argument("--steps", type=int, default=0, help="run in step mode, this many steps")
    parser.add_argument("--zoom", type=float, default=1.0, help="font zoom, as in presenter view")
    parser.add_argument("--language", default="en", help="en or zh_CN")
    parser.add_argument("--theme", default="light", help="light, dark or high-contrast")
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--replay", type=Path, help="a recorded run to shoot at --after seconds")
    options = parser.parse_args()
    if options.replay:
        print(take_replay(f"replay-{options.replay.stem}.png", options.replay, options.after,
                          options.out))  # fmt: skip
        return
    if options.demo:
        params = dict(item.split("=", 1) for item in options.set)
        size = tuple(int(n) for n in options.size.split("x"))
        name = f"{options.demo}-{options.theme}-{options.size}.png"
        print(take(name, options.demo, params, options.after, options.out, options.steps,
                   options.zoom, options.language, options.theme, size))  # fmt: skip
        return
    for name, (demo_id, params, after, steps, zoom, language) in SHOTS.items():
        if options.only in (None, name):
            print(take(name, demo_id, params, after, options.out, steps, zoom, language))


if __name__ == "__main__":
    main()
