"""Posts (issue 17): before a process waits, what it batched is written into its shared
page instead of being sent (no syscall). The collector takes posts every few milliseconds,
once more when the process is gone, and each numbered message once, whether it came
through the page or later through the socket."""

from __future__ import annotations

import json
import mmap
import os
import socket
import struct
import time

from workers import wire_format as wire
from workers.collector import Collector
from workers.launch import private_folder, socket_path_for
from workers.probe import output, state
from workers.run import Run
from workers.wire_records import Disconnected


def _run_until(run: Run, done, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        run.pump()
        run.wait(0.02)


def test_a_process_that_waits_is_shown_waiting(tmp_path):
    """Its wait was posted, never sent: only the collector's looks at the page bring it."""
    program = tmp_path / "waits.py"
    program.write_text("import time\nprint('ready', flush=True)\ntime.sleep(60)\n")
    run = Run(program)
    run.start()
    try:
        _run_until(run, lambda: any(w.name == "sleep" for w in run.model.waits))
        (wait,) = [w for w in run.model.waits if w.name == "sleep"]
        assert wait.end is None  # shown while it waits
    finally:
        run.stop()


def test_every_task_of_a_busy_pool_once_and_the_last_ones_after_terminate(tmp_path):
    """Workers post before each wait; the pool is terminated as soon as map returns, so
    their last posts are read from the page of a killed process, or were taken before."""
    program = tmp_path / "pool.py"
    program.write_text(
        "from multiprocessing import Pool\n\n"
        "def square(x):\n    return x * x\n\n"
        "if __name__ == '__main__':\n"
        "    with Pool(2) as pool:\n"
        "        print(sum(pool.map(square, range(3000), chunksize=1)))\n"
    )
    run = Run(program)
    run.start()
    _run_until(run, run.poll)
    assert run.finished and run.exitcode == 0 and run.rejected == 0
    tasks = [t for t in run.model.tasks if t.name == "square"]
    assert sorted(t.detail for t in tasks) == sorted(str(i) for i in range(3000))
    assert all(t.end is not None and not t.outcome for t in tasks)


def _collector() -> Collector:
    folder = private_folder()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path_for(folder))
    listener.listen(8)
    return Collector(listener, folder, os.urandom(32))


def _peer_with_page(collector: Collector, pid: int) -> tuple[socket.socket, mmap.mmap]:
    """A probe's connection as the probe makes it: a hello handing over its shared page."""
    fd = os.memfd_create("test-page")
    os.ftruncate(fd, output.PAGE_SIZE)
    page = mmap.mmap(fd, output.PAGE_SIZE)
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(collector.address)
    hello = json.dumps([wire.VERSION, pid, wire.HELLO, ["page"], collector.authkey.hex()])
    socket.send_fds(sock, [struct.pack("!i", len(hello)) + hello.encode()], [fd])
    os.close(fd)
    return sock, page


def _message(pid: int, seq: int, text: str) -> bytes:
    data = wire.encode(pid, [(wire.OUT, 1.0, 0, text)])
    return wire.WATERMARK.pack(1.0, 0, 0, seq) + data


def _take(collector: Collector, until) -> list:
    items, deadline = [], time.monotonic() + 20
    while not until(items) and time.monotonic() < deadline:
        try:
            items.append(collector.events.get(timeout=0.05))
        except Exception:
            pass
    return items


def test_the_collector_takes_each_message_once_by_page_or_socket_and_the_rest_at_death():
    collector = _collector()
    pid = 4242
    sock, page = _peer_with_page(collector, pid)
    st = state.current
    saved = (st.page, st.post_used, st.post_gen)
    try:
        st.page, st.post_used, st.post_gen = page, 0, 0
        posted = [_message(pid, seq, f"posted {seq}") for seq in (1, 2)]
        for message in posted:  # the probe's own post, into the page
            assert output.post(wire.FRAME.pack(len(message)) + message)
        items = _take(collector, lambda got: len(got) >= 2)  # taken from the page, alive
        assert [json.loads(i)[2][0][3] for i in items] == ["posted 1", "posted 2"]
        # the probe then sends them too (with a new one) and starts its page over
        for message in [*posted, _message(pid, 3, "sent 3")]:
            sock.sendall(wire.FRAME.pack(len(message)) + message)
        output.clear_posts()
        last = _message(pid, 4, "posted 4, then the process died")
        assert output.post(wire.FRAME.pack(len(last)) + last)
        sock.close()  # gone: the page is read once more
        items = _take(collector, lambda got: any(isinstance(i, Disconnected) for i in got))
        texts = [json.loads(i)[2][0][3] for i in items if isinstance(i, bytes)]
        assert texts == ["sent 3", "posted 4, then the process died"]
        assert collector.rejected == 0
    finally:
        st.page, st.post_used, st.post_gen = saved
        page.close()
        collector.close()
