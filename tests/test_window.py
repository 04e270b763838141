"""The window, offscreen: real runs started from the panels, checked against their traces."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import psutil
import pytest
from PySide6.QtGui import QAction

from tests.helpers import ROOT

pytest.importorskip("PySide6")

from gui.app import create_app  # noqa: E402
from gui.settings import Settings  # noqa: E402
from gui.window import YOUR_PROGRAM, MainWindow  # noqa: E402

RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def window(qtbot):
    create_app()
    Settings()._store.clear()  # every test starts from the defaults
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _set(panel, **values):
    for control in panel.controls:
        if control.param.name in values:
            control.set_text(str(values[control.param.name]))


def test_pool_async_from_the_slider_matches_its_trace(window, qtbot, tmp_path):
    panel = window.show_concept("pool-async")
    slider = panel.controls[0].editor
    assert panel.controls[0].param.name == "pool_size"
    slider.setValue(2)
    _set(panel, tasks=5, task_time=0.3)
    qtbot.mouseClick(panel.start_button, qtbot_button())
    assert panel.live
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    assert "pool_size=2" in panel.run.args

    trace_path = tmp_path / "run.json"
    window.export("json", str(trace_path))
    trace = json.loads(trace_path.read_text())["traceEvents"]
    processes = {e["pid"]: e for e in trace if e.get("cat") == "process"}
    tasks = [e for e in trace if e.get("cat") == "task"]

    lanes = [p.pid for p in panel.gantt.lanes]
    assert sorted(lanes) == sorted(processes)
    workers = [pid for pid, e in processes.items() if e["args"]["role"] == "pool-worker"]
    assert len(workers) == 2
    assert lanes[0] == next(p for p, e in processes.items() if e["args"]["role"] == "main")
    bars = sorted((pid, round(s.start * 1e6), round((s.end - s.start) * 1e6))
                  for pid, s in panel.gantt.bars("task"))  # fmt: skip
    expected = sorted((t["pid"], t["ts"], t["dur"]) for t in tasks)
    assert len(bars) == 5
    for (pid, ts, dur), (tpid, tts, tdur) in zip(bars, expected, strict=True):
        assert pid == tpid and abs(ts - tts) <= 1 and abs(dur - tdur) <= 2
    assert panel.history.rowCount() == 1
    assert any("task 4 done" in line for line in panel.console.lines())
    for kind in ("png", "svg", "txt"):
        window.export(kind, str(tmp_path / f"run.{kind}"))
    assert (tmp_path / "run.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "run.svg").read_text()
    assert len((tmp_path / "run.txt").read_text().splitlines()) == len(panel.run.model.prints)
    window.export("json", str(tmp_path / "mistyped.svg"))  # a trace never hides in a .svg
    assert not (tmp_path / "mistyped.svg").exists()
    assert json.loads((tmp_path / "mistyped.svg.json").read_text())["traceEvents"]
    assert panel.code.markers() == {}  # nobody is anywhere once the run is over


def test_stopping_a_long_run_leaves_nothing(window, qtbot):
    panel = window.show_concept("process-subclass")
    _set(panel, interval=30)
    panel.start()
    qtbot.waitUntil(lambda: len(panel.run.model.tasks) == 1, timeout=RUN_TIMEOUT_MS)
    pids = list(panel.run.model.processes)
    assert len(pids) == 2
    qtbot.mouseClick(panel.stop_button, qtbot_button())
    assert panel.run.finished and not panel.live
    assert not [p for p in pids if psutil.pid_exists(p) and _not_zombie(p)]
    assert panel.history.item(0, 6).text() == "stopped"


def test_switching_panels_and_closing_stop_the_run(window, qtbot):
    panel = window.show_concept("process-subclass")
    _set(panel, interval=30)
    panel.start()
    qtbot.waitUntil(lambda: len(panel.run.model.processes) == 2, timeout=RUN_TIMEOUT_MS)
    window.show_concept("pool-async")
    assert panel.run.finished
    other = window.show_concept("process-basic")
    _set(other, work=30)
    other.start()
    qtbot.waitUntil(lambda: len(other.run.model.processes) == 2, timeout=RUN_TIMEOUT_MS)
    window.close()
    assert other.run.finished


def test_open_a_program_file_and_run_it(window, qtbot, tmp_path):
    program = tmp_path / "mine.py"
    program.write_text(
        "import os\nfrom multiprocessing import Process\n\n"
        "def hello(n):\n    print('hello', n, os.getpid())\n\n"
        "if __name__ == '__main__':\n"
        "    ps = [Process(target=hello, args=(i,)) for i in range(3)]\n"
        "    [p.start() for p in ps]\n    [p.join() for p in ps]\n    print('bye')\n"
    )
    assert window.open_program(str(program))
    panel = window.panels[YOUR_PROGRAM]
    assert window.current_panel() is panel
    assert "def hello(n):" in panel.code.toPlainText()
    panel.start()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    assert panel.run.exitcode == 0
    assert len(panel.gantt.lanes) == 4 and len(panel.gantt.bars("task")) == 3
    lines = panel.console.lines()
    assert sum("hello" in line for line in lines) == 3 and lines[-1].endswith("bye")


def test_a_bad_file_is_refused_with_a_message(window, tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def (:\n")
    assert not window.open_program(str(bad))
    assert "not valid Python" in window.statusBar().currentMessage()
    assert window.panels[YOUR_PROGRAM].program is None


def test_code_view_marks_where_each_process_is(window, qtbot):
    panel = window.show_concept("fork-globals")
    _set(panel, delay=20)
    panel.start()

    source = panel.code.toPlainText().splitlines()

    def a_process_marked_at_its_sleep():
        panel.refresh_views()  # the condition itself, not "any marker": a busy machine
        return any("time.sleep(p.delay)" in source[n - 1] for n in panel.code.markers())

    qtbot.waitUntil(a_process_marked_at_its_sleep, timeout=RUN_TIMEOUT_MS)
    panel.stop()


def test_headless_png_draws_the_gantt(tmp_path):
    png = tmp_path / "gantt.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--run", "pool-async", "--set", "tasks=4",
         "--set", "task_time=0.2", "--png", str(png)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_painting_many_bars_does_not_abort(tmp_path):
    """PySide6 6.12.0 aborted on Python 3.11 after a few thousand QPainter calls
    (none_dealloc, DESIGN.md section 5). Paint plenty, in a child so an abort is a failure."""
    script = (
        "import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from gui.app import create_app; from gui.views.gantt import GanttView\n"
        "from gui.palette import ProcessColours; from workers.model import RunModel\n"
        "from workers import wire\n"
        "app = create_app(); m = RunModel(0.0); g = GanttView(); g.resize(800, 400)\n"
        "recs = [(wire.BEGIN, 0.0, 1, 'MainProcess', 'main', None)]\n"
        "for i in range(3000): recs += [(wire.TASK, i*0.01, i, 'f%d' % (i%12), str(i)),"
        " (wire.TASK_END, i*0.01+0.008, i, None)]\n"
        "m.apply(wire.decode(wire.encode(7, recs))[1]); g.set_model(m, ProcessColours())\n"
        "g.show()\n"
        "for k in range(40): g.refresh(30.0); g.grab()\n"
        "print('painted')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "painted" in done.stdout


def _not_zombie(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def _settled(run, quiet_ticks: int = 5) -> bool:
    """Nothing more arrives: the queue stayed empty for QUIET_TICKS looks in a row."""
    for _ in range(quiet_ticks):
        if run.pump() or not run.collector.events.empty():
            return False
        time.sleep(0.02)
    return True


def test_pause_stops_all_progress_and_resume_goes_on(window, qtbot):
    panel = window.show_concept("pool-async")
    _set(panel, tasks=40, task_time=0.2)
    panel.start()
    qtbot.waitUntil(lambda: len(panel.run.model.tasks) >= 3, timeout=RUN_TIMEOUT_MS)
    panel.pause_button.click()
    assert panel.run.paused
    qtbot.waitUntil(lambda: _settled(panel.run), timeout=RUN_TIMEOUT_MS)  # in flight arrives
    frozen = (len(panel.run.model.tasks), len(panel.run.model.prints))

    def looks() -> int:  # the run goes on looking at its frozen processes' CPU
        return len(set(panel.run.model.threads.t1))

    seen = looks()
    qtbot.waitUntil(lambda: looks() >= seen + 20, timeout=RUN_TIMEOUT_MS)
    assert (len(panel.run.model.tasks), len(panel.run.model.prints)) == frozen
    panel.pause_button.click()
    assert not panel.run.paused
    qtbot.waitUntil(lambda: len(panel.run.model.tasks) > frozen[0], timeout=RUN_TIMEOUT_MS)
    panel.stop()


def test_zoom_scales_the_gantt_axis_font_and_the_code(window):
    panel = window.current_panel()
    axis = panel.gantt.getAxis("left")
    window.set_zoom(1.0)
    base = axis.style["tickFont"].pointSizeF()
    code = panel.code.font().pointSizeF()
    window.step_zoom(+1)
    window.step_zoom(+1)
    assert axis.style["tickFont"].pointSizeF() > base * 1.2
    assert panel.code.font().pointSizeF() > code * 1.2
    assert Settings().zoom == window.zoom
    window.set_zoom(1.0)
    assert axis.style["tickFont"].pointSizeF() == base


def test_dark_theme_reaches_the_plot(window):
    panel = window.current_panel()
    window.set_theme("dark")
    assert panel.gantt.backgroundBrush().color().name() == "#1e1f22"
    window.set_theme("light")
    assert panel.gantt.backgroundBrush().color().name() == "#ffffff"


def test_captions_and_slow_motion_say_what_happens(window, qtbot):
    panel = window.show_concept("fork-globals")
    _set(panel, delay=0.2)
    panel.speed.setCurrentIndex(panel.speed.findData(4.0))
    panel.start()
    assert "×4" in panel.slow_label.text()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    main = panel.run.model.main
    child = next(p for p in panel.run.model.processes.values() if p.role == "fork")
    # each process's own copy of the global, side by side
    assert panel.values.value("counter", main.pid) == "100"
    assert panel.values.value("counter", child.pid) == "101"
    said = panel.caption.history
    assert f"{main.pid} called fork(): it now has a child, {child.pid}." in said
    assert f"{child.pid} (fork of {main.pid}) exited with code 0." in said
    sleep = next(w for w in panel.run.model.waits if w.name == "sleep")
    assert sleep.detail == "0.2 s (x4 slow motion)"
    assert 0.75 < sleep.end - sleep.start < 1.5  # 0.2 s, four times as long


def test_next_concept_and_the_shortcuts_list(window):
    first = window.current_panel().demo.id
    window.step_concept(+1)
    assert window.current_panel().demo.id != first
    window.step_concept(-1)
    assert window.current_panel().demo.id == first
    shortcuts = {a.shortcut().toString() for a in window.findChildren(QAction)}
    assert {"Ctrl+R", "Ctrl+P", "F5", "Ctrl+0", "F1"} <= shortcuts


def test_parameters_are_remembered(window, qtbot):
    panel = window.show_concept("process-basic")
    _set(panel, work=0.1, name="remember-me")
    panel.start()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    again = MainWindow()
    qtbot.addWidget(again)
    restored = again.show_concept("process-basic").parameters()
    assert restored["name"] == "remember-me"


def test_step_mode_from_the_window(window, qtbot):
    panel = window.show_concept("fork-basic")
    panel.step_mode.setChecked(True)
    panel.start()
    assert panel.step_button.isVisibleTo(panel)
    qtbot.waitUntil(lambda: bool(panel.run.model.held()), timeout=RUN_TIMEOUT_MS)
    assert any(c.startswith(f"{panel.run.model.main.pid} waits for a step")
               for c in _captions_after_refresh(panel))  # fmt: skip
    stepped = {panel.step() for _ in range(1)}
    assert stepped == {panel.run.model.main.pid}
    panel.continue_run()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    assert panel.run.exitcode == 0 and len(panel.run.model.prints) == 3


def _captions_after_refresh(panel):
    panel.refresh_views()
    return panel.caption.history


def test_switching_language_at_run_time(window):
    panel = window.show_concept("pool-async")
    assert panel.start_button.text() == "▶ Start"
    window.set_language("zh_CN")
    try:
        assert panel.start_button.text() == "▶ 开始"
        assert panel.title.text() == "进程池与 apply_async"
        assert panel.controls[0].label.text() == "进程池大小:"
        assert panel.gantt.getAxis("bottom").labelText == "自开始以来的秒数"
        menus = [a.text() for a in window.menuBar().actions()]
        assert "运行(&R)" in menus
        other = window.show_concept("fork-basic")  # made after the switch
        assert other.title.text() == "os.fork() 返回两次"
    finally:
        window.set_language("en")
    assert panel.start_button.text() == "▶ Start" and panel.title.text() == "Pool with apply_async"


def test_hostile_records_do_not_wedge_the_window(window, qtbot):
    """A process of the run that sends records no probe would (huge pids, NaN times, lone
    surrogates, 100 fake processes): the window draws on, and Stop and export work."""
    from tests.helpers import PROGRAMS

    assert window.open_program(str(PROGRAMS / "sealed" / "hostile.py"))
    panel = window.panels[YOUR_PROGRAM]
    panel.start()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    assert panel.run.exitcode == 0 and panel.run.rejected >= 7
    panel.refresh_views()
    assert any("hostile done" in line for line in panel.console.lines())
    panel.stop()


def test_a_pause_is_a_band_and_left_out_of_the_makespan(window, qtbot):
    panel = window.show_concept("pool-async")
    _set(panel, tasks=6, task_time=0.3)
    panel.start()
    qtbot.waitUntil(lambda: len(panel.run.model.tasks) >= 2, timeout=RUN_TIMEOUT_MS)
    panel.pause_button.click()
    paused_at = time.monotonic()
    qtbot.waitUntil(lambda: time.monotonic() - paused_at >= 1.0, timeout=5000)
    panel.pause_button.click()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    model = panel.run.model
    ((began, ended),) = model.pauses
    assert 0.95 <= ended - began < 3.0
    band = panel.gantt._pause_bands[0]
    assert band.getRegion() == pytest.approx((began, ended))
    record = panel.history.records[-1]
    main = model.main
    assert record.paused == pytest.approx(ended - began, abs=0.01)
    assert record.makespan < main.end - main.start - 0.9  # the paused second is left out
    cell = panel.history.item(panel.history.rowCount() - 1, 3).text()
    assert f"(paused {record.paused:.1f} s)" in cell


def _printed_by_place(model) -> list[tuple[str, str]]:
    """Who printed what, in order, by place in the tree (pids differ from run to run)."""
    import re

    from workers.steps import place_in_tree

    return [(place_in_tree(model, p.pid), re.sub(r"\d+", "N", p.text))
            for p in model.prints_in_order()]  # fmt: skip


def test_the_step_grid_shows_the_interleaving_exports_it_and_replays_it(
    window, qtbot, tmp_path, monkeypatch
):
    import gui.panels.step_control as step_control

    assert window.open_program(str(ROOT / "tests" / "programs" / "steps" / "two_forks.py"))
    panel = window.panels[YOUR_PROGRAM]
    panel.step_mode.setChecked(True)
    panel.start()
    assert panel.tabs.currentWidget() is panel.step_grid

    def step_children_first():  # the newest held process, until the run ends
        held = sorted(p.pid for p in panel.run.model.held())
        if held:
            panel.stepper.selected_pid = held[-1]
            panel.step()
        return panel.run.finished

    qtbot.waitUntil(step_children_first, timeout=RUN_TIMEOUT_MS)
    steps = panel.run.steps.steps
    grid = panel.step_grid
    assert grid.table.columnCount() == len(steps) and grid.table.rowCount() >= 3
    rows = panel.run.steps.rows(panel.run.model)
    for step in steps:  # one filled cell per column: the chosen process's row, its line
        filled = [r for r in range(grid.table.rowCount()) if grid.cell(r, step.number - 1)]
        assert filled == [rows.index(step.pid)]
        assert grid.cell(filled[0], step.number - 1) == str(step.line)
    grid.save(tmp_path / "steps.txt")
    grid.save(tmp_path / "steps.png")
    assert "replay: " + " ".join(panel.run.steps.sequence()) in (tmp_path / "steps.txt").read_text()
    assert (tmp_path / "steps.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    first = _printed_by_place(panel.run.model)

    monkeypatch.setattr(step_control, "REPLAY_EVERY", 0.0)  # no need to watch at class pace
    grid.replay.setChecked(True)
    sequence = panel.run.steps.sequence()
    panel.start()  # the replay chooses; after it, Step all until the end
    qtbot.waitUntil(lambda: panel.stepper.replay is None, timeout=RUN_TIMEOUT_MS)
    assert panel.run.steps.sequence() == sequence
    qtbot.waitUntil(lambda: panel.run.finished or panel.step_all() or False,
                    timeout=RUN_TIMEOUT_MS)  # fmt: skip
    assert _printed_by_place(panel.run.model) == first


def test_reset_to_defaults_restores_every_parameter(window):
    panel = window.show_concept("pool-async")
    defaults = panel.parameters()
    for control in panel.controls:  # move every parameter away from its default
        if control.param.kind is bool:
            control.set_text("no" if control.param.default else "yes")
        elif control.param.kind in (int, float):
            control.set_text(str(control.param.high or control.param.default + 1))
    assert panel.parameters() != defaults
    panel.params.reset_button.click()
    assert panel.parameters() == defaults
    again = MainWindow().show_concept("pool-async")  # and the saved ones are the defaults too
    assert again.parameters() == defaults


def test_a_run_lasts_until_its_last_process_ends_orphans_included(window, qtbot):
    panel = window.show_concept("fork-twice")
    panel.start()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    model = panel.run.model
    last_end = max(p.end for p in model.processes.values() if not p.helper)
    assert last_end > model.main.end  # the orphans outlive the main process
    record = panel.history.records[-1]
    assert abs(record.makespan - (last_end - model.main.start)) < 0.01
    assert panel.status.startswith(f"Finished in {record.makespan:.2f} s")


def test_the_panel_is_a_thin_view():
    source = (ROOT / "gui" / "panels" / "concept.py").read_text()
    assert "workers.cli" not in source and len(source.splitlines()) < 250


def test_the_screenshot_script_keeps_its_own_settings(tmp_path):
    """It sets zoom, language and parameters: never in the user's settings."""
    import os

    user_config = tmp_path / "user-config"
    env = {**os.environ, "XDG_CONFIG_HOME": str(user_config), "QT_QPA_PLATFORM": "offscreen"}
    shot = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "screenshots" / "take.py"), "--demo",
         "fork-basic", "--after", "0.3", "--zoom", "1.3", "--out", str(tmp_path / "shots")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shot.returncode == 0, shot.stderr
    assert list((tmp_path / "shots").glob("fork-basic*.png"))
    assert not user_config.exists()  # the app wrote its settings elsewhere


def test_every_lane_keeps_a_readable_height_and_the_lanes_scroll(qtbot):
    """Zoomed in on a small window, lanes do not shrink under their labels: the lane area
    scrolls instead (and the wheel over the labels scrolls it)."""
    from gui.palette import ProcessColours
    from gui.views.gantt import GanttView
    from workers import wire
    from workers.model import RunModel

    create_app()
    model = RunModel(0.0)
    model.apply([wire.ProcessBegin(100 + i, 0.01 * i, 100 if i else 1, f"Worker-{i}",
                                   "pool-worker" if i else "main", "fork")
                 for i in range(14)])  # fmt: skip
    view = GanttView()
    qtbot.addWidget(view)
    view.resize(900, 420)
    view.show()
    view.set_model(model, ProcessColours())
    view.set_font_scale(2.0)
    view.refresh(1.0)
    qtbot.waitUntil(lambda: view.lane_window.bar.isVisible(), timeout=5000)
    window = view.lane_window
    (_x, (y0, y1)) = view.getPlotItem().getViewBox().viewRange()
    lane_px = view.getPlotItem().getViewBox().sceneBoundingRect().height() / (y1 - y0)
    assert lane_px >= window.min_lane_px() * 0.99  # each lane as high as its label needs
    assert window.shown() < 14
    window.bar.setValue(window.bar.maximum())
    (_x, (y0, y1)) = view.getPlotItem().getViewBox().viewRange()
    assert y0 < 13 < y1  # the last lane can be reached
    view.highlight(100)  # selecting a process brings its lane into view
    (_x, (y0, y1)) = view.getPlotItem().getViewBox().viewRange()
    assert y0 < 0 < y1


def test_the_code_pane_shows_80_columns_at_1600_pixels(window, qtbot):
    window.resize(1600, 1000)
    panel = window.show_concept("pool-async")
    qtbot.waitUntil(lambda: panel.code.viewport().width() > 100, timeout=5000)
    columns = panel.code.viewport().width() / panel.code.fontMetrics().horizontalAdvance("x")
    assert columns >= 80


def test_focus_gives_the_panel_to_one_pane_and_back(window):
    panel = window.show_concept("pool-async")
    panes = panel.panes
    assert panes.toggle_focus(panel.console.view)
    assert panel.console.isVisibleTo(panel) and not panel.gantt.isVisibleTo(panel)
    assert not panel.code.isVisibleTo(panel) and not panel.tabs.isVisibleTo(panel)
    assert panes.toggle_focus(None)  # again: everything back
    assert all(p.isVisibleTo(panel) for p in (panel.gantt, panel.code, panel.console, panel.tabs))
    assert not panes.toggle_focus(window.concepts)  # the sidebar is no pane


def test_splitter_sizes_are_remembered(window, qtbot):
    window.resize(1600, 1000)
    panel = window.show_concept("pool-async")
    qtbot.waitUntil(lambda: sum(panel.panes.lower.sizes()) > 1000, timeout=5000)
    panel.panes.lower.setSizes([500, sum(panel.panes.lower.sizes()) - 500])
    panel.panes.lower.splitterMoved.emit(500, 1)
    again = MainWindow()  # a new session reads the same settings
    qtbot.addWidget(again)
    again.resize(1600, 1000)
    again.show()
    lower = again.show_concept("pool-async").panes.lower
    qtbot.waitUntil(lambda: sum(lower.sizes()) > 1000, timeout=5000)
    assert abs(lower.sizes()[0] - 500) <= 20


def test_each_panel_keeps_its_own_status_line(window, qtbot):
    panel = window.show_concept("fork-basic")
    panel.start()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    assert window.statusBar().currentMessage().startswith("Finished")
    window.show_concept("pool-async")
    assert not window.statusBar().currentMessage().startswith("Finished")
    window.show_concept("fork-basic")
    assert window.statusBar().currentMessage().startswith("Finished")


def test_a_demo_without_parameters_shows_no_parameter_row(window):
    panel = window.show_concept("fork-twice")
    assert not panel.params.isVisibleTo(panel)
    assert window.show_concept("pool-async").params.isVisibleTo(window.show_concept("pool-async"))


def test_the_process_tree_puts_children_under_parents_and_an_adopted_orphan_on_top(window, qtbot):
    from gui.views.process_tree import ADOPTED_ROLE

    window.show_concept(YOUR_PROGRAM)
    assert window.open_program(str(ROOT / "tests" / "programs" / "orphan.py"))
    panel = window.panels[YOUR_PROGRAM]
    panel.tabs.setCurrentWidget(panel.processes)
    panel.start()
    tree = panel.processes
    main = None

    def child_under_main() -> bool:
        nonlocal main
        rows = tree.rows()
        main = panel.run.model.main.pid if panel.run.model.main else None
        return len(rows) == 2 and rows[0] == (main, 0) and rows[1][1] == 1

    qtbot.waitUntil(child_under_main, timeout=RUN_TIMEOUT_MS)
    child = tree.rows()[1][0]

    def adopted_on_top() -> bool:
        index = tree._find(child, tree.model().index(-1, -1))  # anywhere in the tree
        return (child, 0) in tree.rows() and tree.model().data(index, ADOPTED_ROLE) is not None

    qtbot.waitUntil(adopted_on_top, timeout=RUN_TIMEOUT_MS)
    index = tree._find(child, tree.model().index(-1, -1))
    adopter, when = tree.model().data(index, ADOPTED_ROLE)
    assert adopter != main and when > 0.2
    parent_text = tree.model().data(tree.model().index(index.row(), 1, index.parent()))
    assert parent_text.startswith(f"{main} \u2192 {adopter}")
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)


def test_in_chinese_a_demo_panel_shows_and_runs_the_chinese_program(window, qtbot):
    panel = window.show_concept("fork-basic")
    window.set_language("zh_CN")
    try:
        assert panel.program.parent.name == "zh"
        assert "调用一次" in panel.code.toPlainText()
        panel.start()
        qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
        assert any("\u4e00" <= ch <= "\u9fff" for line in panel.console.lines() for ch in line)
    finally:
        window.set_language("en")
    assert panel.program.parent.name == "demos"


def test_a_refusal_from_workers_reads_in_chinese(window, tmp_path):
    window.set_language("zh_CN")
    try:
        assert not window.open_program(str(tmp_path / "missing.py"))
        assert window.statusBar().currentMessage().startswith("没有这个文件：")
        (tmp_path / "bad.py").write_text("def (:\n")
        assert not window.open_program(str(tmp_path / "bad.py"))
        assert "不是有效的 Python 程序（第 1 行" in window.statusBar().currentMessage()
    finally:
        window.set_language("en")


def test_a_long_printed_line_wraps_in_the_console(window, qtbot, tmp_path):
    program = tmp_path / "long.py"
    program.write_text("print('short')\nprint('x' * 300)\nprint('short again')\n")
    assert window.open_program(str(program))
    panel = window.panels[YOUR_PROGRAM]
    panel.start()
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    view = panel.console.view
    rows = panel.console.lines()
    long_row = next(i for i, text in enumerate(rows) if text.startswith("xxx"))
    short_row = rows.index("short")
    char = view.fontMetrics().horizontalAdvance("x")
    needed = 300 * char / max(view.viewport().width() - 12 * char, 1)
    assert view.rowHeight(long_row) >= view.rowHeight(short_row) * min(int(needed), 12)
    assert view.rowHeight(long_row) > view.rowHeight(short_row)


def test_reset_everything_to_defaults(window):
    panel = window.show_concept("pool-async")
    defaults = panel.parameters()
    panel.controls[0].set_text("7")
    window.set_zoom(1.5)
    window.set_theme("dark")
    window.settings.max_processes = 9
    window.reset_to_defaults()
    assert panel.parameters() == defaults and window.zoom == 1.0
    assert window.settings.theme == "light" and window.settings.max_processes == 64


def test_killing_a_pool_worker_from_its_lane_menu_and_the_pool_replaces_it(window, qtbot):
    """The lane's menu sends SIGKILL to a worker mid-task: the chart marks it, the worker's
    lane ends killed, and the Pool starts a new worker in its place."""
    import signal

    from gui.views.lane_menu import show_lane_menu

    panel = window.show_concept("pool-async")
    _set(panel, pool_size="2", tasks="6", task_time="3.0")
    panel.start()
    model = lambda: panel.run.model  # noqa: E731 (the run's model once started)
    qtbot.waitUntil(lambda: any(t.end is None for t in model().tasks), timeout=RUN_TIMEOUT_MS)
    worker = next(t.pid for t in model().tasks if t.end is None)
    menu = show_lane_menu(panel, worker, panel.gantt.mapToGlobal(panel.gantt.rect().center()))
    kill = next(a for a in menu.actions() if a.data() == int(signal.SIGKILL))
    kill.trigger()
    menu.close()
    assert [(pid, name) for pid, _t, name in model().signals] == [(worker, "SIGKILL")]
    # its lane ends when its connection closes; its status comes when its parent reaps it
    qtbot.waitUntil(lambda: model().processes[worker].exitcode is not None,
                    timeout=RUN_TIMEOUT_MS)  # fmt: skip
    assert not model().processes[worker].alive
    assert model().processes[worker].exitcode == -signal.SIGKILL
    workers = lambda: [p for p in model().processes.values() if p.role == "pool-worker"]  # noqa: E731
    qtbot.waitUntil(lambda: len([p for p in workers() if p.alive]) == 2, timeout=RUN_TIMEOUT_MS)
    assert len(workers()) == 3  # the killed one, and the one that replaced it
    panel.stop()


def test_the_sweep_button_runs_each_size_and_plots_the_speed_up(window, qtbot):
    panel = window.show_concept("pool-async")
    assert panel.run_controls.sweep_button.isVisibleTo(panel)
    assert not window.show_concept("fork-basic").run_controls.sweep_button.isVisibleTo(panel)
    panel = window.show_concept("pool-async")
    _set(panel, pool_size="3", tasks="3", task_time="0.3")
    assert panel.sweeper.start()
    qtbot.waitUntil(lambda: panel.sweeper.dialog is not None, timeout=3 * RUN_TIMEOUT_MS)
    points = panel.sweeper.points
    assert [p.value for p in points] == [1, 2, 3] and all(p.exitcode == 0 for p in points)
    assert points[0].makespan > points[2].makespan  # three workers beat one
    assert panel.history.rowCount() == 3
    panel.sweeper.dialog.close()


def test_gil_draws_a_sub_lane_per_thread_under_its_process_shaded_by_cpu(window, qtbot):
    panel = window.show_concept("gil")
    _set(panel, workers=2, additions=6_000_000)
    qtbot.mouseClick(panel.start_button, qtbot_button())
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    model = panel.run.model
    main = model.main.pid
    threads = panel.gantt.thread_lanes
    known = [(main, tid) for tid in model.threads.of[main]]
    assert [(pid, tid) for pid, tid, _name in threads] == known
    assert len(threads) == 2 and all(tid != main for _pid, tid, _name in threads)
    main_lane = panel.gantt.lane_of(main)
    sub_lanes = [panel.gantt.lane_of(main, tid) for _pid, tid, _name in threads]
    assert sub_lanes == [main_lane + 1, main_lane + 2]  # right under their process
    on_threads = [(s.tid, s.name) for pid, s in panel.gantt.bars("task") if pid == main]
    assert sorted(on_threads) == sorted((tid, "add_up") for _pid, tid, _name in threads)
    shades = panel.gantt.cpu._item.opts
    assert len(shades["x0"]) > 0 and max(shades["height"]) > 0  # CPU shades were drawn


def test_a_saved_run_replays_in_the_window_without_starting_a_process(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    panel = window.show_concept("fork-twice")
    qtbot.mouseClick(panel.start_button, qtbot_button())
    qtbot.waitUntil(lambda: panel.run.finished, timeout=RUN_TIMEOUT_MS)
    live_lines = panel.console.lines()
    assert window.save_run(str(tmp_path / "saved"))  # File > Save run (.json added)
    before = {p.pid for p in psutil.Process().children(recursive=True)}

    assert window.open_program(str(tmp_path / "saved.json"))
    replay_panel = window.current_panel()
    control = replay_panel.replayer
    assert control.isVisible() and "fork_twice.py" in replay_panel.title.text()
    assert not replay_panel.start_button.isEnabled()  # a replay starts nothing
    assert replay_panel.code.toPlainText() == panel.code.toPlainText()
    control.to_end()
    assert replay_panel.console.lines() == live_lines
    assert len(replay_panel.gantt.lanes) == len(panel.gantt.lanes) == 4
    control.to_start()
    assert replay_panel.console.lines() == [] and replay_panel.gantt.lanes == []
    replay_panel.setFocus()
    for _ in range(6):  # Right: the next moment something changed
        qtbot.keyClick(replay_panel, Qt.Key.Key_Right)
    assert 0 < control.at < control.replay.duration
    moved = control.at
    qtbot.keyClick(replay_panel, Qt.Key.Key_Left)
    assert control.at < moved
    qtbot.keyClick(replay_panel, Qt.Key.Key_End)
    assert control.at == control.replay.duration
    control.speed.setCurrentIndex(control.speed.count() - 1)  # 4x
    control.play_button.setChecked(True)  # from the end: starts again from 0
    assert control.at < control.replay.duration
    qtbot.waitUntil(lambda: not control.play_button.isChecked(), timeout=RUN_TIMEOUT_MS)
    assert control.at == control.replay.duration and replay_panel.console.lines() == live_lines
    assert {p.pid for p in psutil.Process().children(recursive=True)} == before

    (tmp_path / "broken.json").write_text('{"traceEvents": [')
    assert not window.open_program(str(tmp_path / "broken.json"))
    assert "broken.json" in window.statusBar().currentMessage()
    assert control.active  # the replay shown is left as it was


def test_a_replayed_zombie_reads_zombie_until_its_parent_waits(window, tmp_path):
    from gui.views.process_tree import STATE_ROLE
    from tests.helpers import procscope

    recorded = procscope("--run", "zombie-orphan", "--set", "delay=0.6", "--record", "z.json",
                         tmp=tmp_path)  # fmt: skip
    assert recorded.status == 0, recorded.stderr
    (band,) = recorded.events("zombie")
    assert window.open_program(str(tmp_path / "z.json"))
    panel = window.current_panel()

    def state_at(t: float) -> str:
        panel.replayer.seek(t)
        tree = panel.processes.tree
        rows = [tree.index(r, 0, tree.index(0, 0)) for r in range(tree.rowCount(tree.index(0, 0)))]
        child = next(i for i in rows if i.internalId() == band["pid"])
        return tree.data(child, STATE_ROLE)

    middle = (band["ts"] + band["dur"] / 2) / 1e6
    assert state_at(middle) == "zombie"
    assert state_at((band["ts"] + band["dur"]) / 1e6 + 0.05) == "exited"  # reaped by wait()


def test_moving_back_in_a_replay_keeps_the_chart_where_it_was(window, tmp_path):
    from tests.helpers import procscope

    recorded = procscope("--run", "fork-twice", "--record", "r.json", tmp=tmp_path)
    assert recorded.status == 0, recorded.stderr
    assert window.open_program(str(tmp_path / "r.json"))
    control = window.current_panel().replayer
    box = window.current_panel().gantt.getPlotItem().getViewBox()
    control.to_end()
    box.setXRange(0.2, 0.6, padding=0)  # the lecturer zoomed in
    control.seek(control.replay.duration / 3)  # back: a new model under the same views
    (left, right) = box.viewRange()[0]
    assert abs(left - 0.2) < 1e-6 and abs(right - 0.6) < 1e-6
