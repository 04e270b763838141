"""procscope against its peers: the same programs run plain (``python prog.py``), under
``procscope --run``, under VizTracer (``python -m viztracer``, a tracer: every call) and
under py-spy (``py-spy record --subprocesses --idle``, a sampling profiler outside the
process). A peer that is not installed (or cannot attach: py-spy needs ptrace) is skipped
with a line saying so; a run still going after HANG_AFTER seconds is killed (its process
group) and counted as hung. Each repeat runs every peer right after a plain run of its own
(pairs, so the machine's noise hits both alike); figures are medians of the per-pair
ratios to plain, with their range. One JSON line per program.

Programs: sleep_bound_pool (Pool(4), 40 sleeps of 0.1 s), fib_pool (Pool(2).map(fib,
[32] * 4): millions of calls), tiny_map_20000 (20,000 tiny tasks, chunksize 1, Pool(2)),
fork_twice (a child forks again and leaves an orphan), manager_queue (2,000 items through
a Manager().Queue() from one Pool worker to another).

    pip install viztracer py-spy      (optional: each peer that is missing is skipped)
    python bench/peers.py [REPEAT] [PROGRAM ...]     (about 8 min at REPEAT=5: VizTracer is slow)

On 2026-11-29 (2 noisy shared cores, Python 3.11.7, commit ca9d706, n=5), median ratios to
plain, procscope / VizTracer / py-spy: sleep_bound_pool 1.13 / 1.08 / 1.02, fib_pool 1.19 /
21.5 / 1.25, tiny_map_20000 3.1 / 24.1 / 1.40, fork_twice 1.41 / 4.6 / 1.05, manager_queue
3.0 / 10.8 / 1.39 (VizTracer hung in 3 of 5 manager_queue runs: a Pool worker blocked at
terminate()). procscope costs far less than a tracer where a program makes many calls or
many tasks, and more than py-spy wherever a program starts, ends or hands work over often.

On 2026-12-06 (n=3, after issue 17's second round): sleep_bound_pool 1.05 / 1.13 / 1.05,
fib_pool 1.19 / 22.9 / 1.31, tiny_map_20000 2.36 / 28.5 / 1.53, fork_twice 1.19 / 4.5 /
1.07, manager_queue 2.77 / hung 3 of 3 / 1.39.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import PROCSCOPE, QUIET_ENV, report, spread, timed
from overhead import FIB_POOL, SLEEP_POOL, TINY_MAP

FORK_TWICE = """
import os
import time

child = os.fork()
if child == 0:
    if os.fork() == 0:  # the grandchild: its parent leaves at once, so it is an orphan
        time.sleep(0.2)
        print("orphan, adopted by", os.getppid(), flush=True)
        os._exit(0)
    print("child", os.getpid(), "leaves its child behind", flush=True)
    os._exit(0)
os.waitpid(child, 0)
time.sleep(0.4)  # plain python waits for the main process only: let the orphan end first
print("main done")
"""

MANAGER_QUEUE = """
from multiprocessing import Manager, Pool

def produce(q, n):
    for i in range(n):
        q.put(i)

def consume(q, n):
    return sum(q.get() for _ in range(n))

if __name__ == "__main__":
    with Manager() as manager:
        q = manager.Queue()
        with Pool(2) as pool:
            total = pool.apply_async(consume, (q, 2000))
            pool.apply_async(produce, (q, 2000)).get()
            print(total.get())
"""

PROGRAMS = {
    "sleep_bound_pool": SLEEP_POOL,
    "fib_pool": FIB_POOL,
    "tiny_map_20000": TINY_MAP,
    "fork_twice": FORK_TWICE,
    "manager_queue": MANAGER_QUEUE,
}

# A peer: given the program and a folder for its output, the command that runs it observed.
Peer = Callable[[Path, Path], list[str]]
HANG_AFTER = 60.0  # seconds: an observed run still going then is killed and counted as hung


def observed_run(command: list[str], tmpdir: Path) -> float | None:
    """Wall seconds of COMMAND, or None if it hung: then its whole process group is killed
    (VizTracer's SIGTERM handler can leave a Pool worker blocked forever at terminate()).
    Its temporary files go in TMPDIR (a killed VizTracer leaves its per-process files)."""
    env = {**QUIET_ENV, "TMPDIR": str(tmpdir)}
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True)  # fmt: skip
    try:
        code = proc.wait(timeout=HANG_AFTER)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return None
    if code != 0:
        raise subprocess.CalledProcessError(code, command)
    return time.perf_counter() - started


def _procscope(program: Path, out: Path) -> list[str]:
    return [*PROCSCOPE, str(program)]


def _viztracer(program: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "viztracer", "--quiet", "-o", str(out / "viz.json"),
            str(program)]  # fmt: skip


def _py_spy_binary() -> str | None:
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


def _py_spy(program: Path, out: Path) -> list[str]:
    # --idle: a program that only sleeps has no samples otherwise, and py-spy then fails
    return [_py_spy_binary() or "py-spy", "record", "--subprocesses", "--idle", "-o",
            str(out / "spy.svg"), "--", sys.executable, str(program)]  # fmt: skip


def available_peers() -> dict[str, Peer]:
    peers: dict[str, Peer] = {"procscope": _procscope}
    if importlib.util.find_spec("viztracer") is not None:
        peers["viztracer"] = _viztracer
    else:
        print("peers: viztracer is not installed (pip install viztracer): skipped")
    if _py_spy_binary() is not None:
        peers["py-spy"] = _py_spy
    else:
        print("peers: py-spy is not installed (pip install py-spy): skipped")
    return peers


def compare(name: str, source: str, peers: dict[str, Peer], repeat: int, folder: Path) -> None:
    program = folder / f"{name}.py"
    program.write_text(source)
    plain: dict[str, list[float]] = {peer: [] for peer in peers}
    observed: dict[str, list[float]] = {peer: [] for peer in peers}
    hung: dict[str, int] = {peer: 0 for peer in peers}
    failed: set[str] = set()
    for _ in range(repeat):
        for peer, command in peers.items():
            if peer in failed:
                continue
            base = timed([sys.executable, str(program)])
            out = Path(tempfile.mkdtemp(dir=folder))
            try:
                seconds = observed_run(command(program, out), out)
            except Exception as exc:  # a peer that cannot run here (py-spy without ptrace)
                print(f"peers: {peer} failed on {name} ({exc}): skipped")
                failed.add(peer)
                continue
            finally:
                shutil.rmtree(out, ignore_errors=True)  # VizTracer writes hundreds of MB
            if seconds is None:
                print(f"peers: {peer} hung on {name} (killed after {HANG_AFTER:g} s)")
                hung[peer] += 1
                continue
            plain[peer].append(base)
            observed[peer].append(seconds)
    every_plain = [t for peer in peers if peer not in failed for t in plain[peer]]
    figures = {"plain_s": spread(every_plain)} if every_plain else {}
    for peer in peers:
        if peer in failed:
            continue
        figures[peer] = {"hung": hung[peer]} if hung[peer] else {}
        if observed[peer]:
            pairs = zip(plain[peer], observed[peer], strict=True)
            figures[peer].update(seconds=spread(observed[peer]),
                                 ratio=spread([o / p for p, o in pairs], 2))  # fmt: skip
    report("peers", program=name, repeat=repeat, **figures)


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    chosen = sys.argv[2:] or list(PROGRAMS)
    unknown = [name for name in chosen if name not in PROGRAMS]
    if unknown:
        sys.exit(f"unknown program {unknown[0]!r}; programs: {', '.join(PROGRAMS)}")
    peers = available_peers()
    with tempfile.TemporaryDirectory() as folder:
        for name in chosen:
            compare(name, PROGRAMS[name], peers, repeat, Path(folder))


if __name__ == "__main__":
    main()
