"""procscope as a user installs it: a wheel, in a fresh virtual environment, from any folder."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
import zipfile

import pytest

from tests.helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("procscope-*.whl")
    return built


def test_the_wheel_carries_the_probe_demos_and_resources_under_one_name(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "main.py", "workers/host.py", "workers/probe/__init__.py", "workers/probe/output.py",
        "workers/probe/boot/sitecustomize.py", "workers/demos/pool_async.py",
        "workers/demos/demo_args.py", "resources/procscope.svg", "resources/procscope.desktop",
        "resources/icons/procscope-256.png", "gui/window.py",
    ):  # fmt: skip
        assert f"procscope/{needed}" in names, needed
    # nothing but procscope/ in site-packages: no gui, workers or main to clash with others
    assert all(n.startswith(("procscope/", "procscope-0")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[gui_scripts]" in text and "procscope = procscope.main:entry" in text


def test_installed_wheel_runs_a_demo_from_any_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # Dependencies come from this environment (a .pth line), procscope only from the wheel.
    (purelib,) = [p for p in site.getsitepackages() if p.endswith("site-packages")][:1]
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    new_site = subprocess.run([str(python), "-c", where], capture_output=True, text=True)
    new_site = new_site.stdout.strip()
    with open(os.path.join(new_site, "deps.pth"), "w") as pth:
        pth.write(purelib + "\n")
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    away = tmp_path / "elsewhere"
    away.mkdir()
    procscope = str(env_dir / "bin" / "procscope")
    listed = subprocess.run([procscope, "--list"], capture_output=True, text=True, cwd=away)
    assert listed.returncode == 0 and listed.stdout.startswith("fork-basic\t")
    trace = away / "t.json"
    done = subprocess.run([procscope, "--run", "fork-basic", "--trace", str(trace)],
                          capture_output=True, text=True, cwd=away, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "fork() returned 0" in done.stdout
    other = json.loads(trace.read_text())["otherData"]
    assert other["program"].startswith(new_site)  # the installed demo, not this checkout
    for clash in ("workers", "gui", "main"):  # only procscope's own process sees these
        probe = subprocess.run([str(python), "-c", f"import {clash}"], capture_output=True,
                               text=True, cwd=away)  # fmt: skip
        assert probe.returncode != 0, clash
