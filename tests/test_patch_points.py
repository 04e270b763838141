"""Every private internal the probe patches still exists, with the parameters the probe
relies on, on the Python running the tests (CI runs them on 3.11 and 3.13). If CPython moves
one, this fails by name, before any observed program silently loses its tasks or waits."""

from __future__ import annotations

import importlib
import inspect

import pytest

from workers.probe.patches import PATCHES, PRIVATE_PATCH_POINTS


def _resolve(module_name: str, path: str):
    value = importlib.import_module(module_name)
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize(("module", "path"), PRIVATE_PATCH_POINTS)
def test_a_private_patch_point_exists(module, path):
    if path == "BaseProcess._target":  # an instance attribute: set by __init__
        process = importlib.import_module(module).BaseProcess(target=print)
        assert process._target is print
        return
    if path == "Thread._target":  # instance attributes too
        thread = importlib.import_module(module).Thread(target=print, args=(1,), kwargs={})
        assert (thread._target, thread._args, thread._kwargs) == (print, (1,), {})
        return
    assert _resolve(module, path) is not None


FIRST_PARAMETERS = {  # callable -> the parameters the probe passes, in order
    ("multiprocessing.pool", "Pool.apply_async"): ["self", "func"],
    ("multiprocessing.pool", "Pool._map_async"): ["self", "func", "iterable", "mapper"],
    ("multiprocessing.pool", "Pool.imap"): ["self", "func"],
    ("multiprocessing.pool", "Pool.imap_unordered"): ["self", "func"],
    ("multiprocessing.managers", "BaseProxy._callmethod"): ["self", "methodname", "args", "kwds"],
    ("multiprocessing.util", "spawnv_passfds"): ["path", "args", "passfds"],
    ("multiprocessing.synchronize", "SemLock._make_methods"): ["self"],
    ("concurrent.futures.process", "_process_chunk"): ["fn", "chunk"],
    ("concurrent.futures.process", "ProcessPoolExecutor.submit"): ["self", "fn"],
    ("subprocess", "Popen.__init__"): ["self", "args"],
}


@pytest.mark.parametrize(("where", "names"), FIRST_PARAMETERS.items())
def test_a_patched_callable_takes_what_the_probe_passes(where, names):
    parameters = list(inspect.signature(_resolve(*where)).parameters)
    assert parameters[: len(names)] == names


def test_a_queue_binds_the_pipe_ends_the_probe_wraps():
    import multiprocessing

    queue = multiprocessing.Queue()
    try:  # Queue._reset binds these per instance; the probe wraps them there
        assert queue._send_bytes == queue._writer.send_bytes
        assert queue._recv_bytes == queue._reader.recv_bytes
    finally:
        queue.close()
        queue.join_thread()


def test_every_patched_module_imports():
    for name in PATCHES:
        importlib.import_module(name)


def test_the_default_context_can_be_chosen_without_fixing_it():
    context = importlib.import_module("multiprocessing.context")
    assert set(context._concrete_contexts) >= {"fork", "spawn", "forkserver"}
    default = context._default_context
    assert hasattr(default, "_default_context") and hasattr(default, "_actual_context")


# Methods whose body workers/probe/pipes.py repeats, to record inside their locks: if
# CPython changes one, the probe must change with it. Compared without blank lines,
# comments and docstrings.
REPEATED_BODIES = {
    ("multiprocessing.queues", "SimpleQueue.put"): """
        def put(self, obj):
            obj = _ForkingPickler.dumps(obj)
            if self._wlock is None:
                self._writer.send_bytes(obj)
            else:
                with self._wlock:
                    self._writer.send_bytes(obj)
    """,
    ("multiprocessing.queues", "SimpleQueue.get"): """
        def get(self):
            with self._rlock:
                res = self._reader.recv_bytes()
            return _ForkingPickler.loads(res)
    """,
    ("multiprocessing.queues", "JoinableQueue.task_done"): """
        def task_done(self):
            with self._cond:
                if not self._unfinished_tasks.acquire(False):
                    raise ValueError('task_done() called too many times')
                if self._unfinished_tasks._semlock._is_zero():
                    self._cond.notify_all()
    """,
    ("multiprocessing.queues", "JoinableQueue.join"): """
        def join(self):
            with self._cond:
                if not self._unfinished_tasks._semlock._is_zero():
                    self._cond.wait()
    """,
    ("multiprocessing.connection", "_ConnectionBase.send"): """
        def send(self, obj):
            self._check_closed()
            self._check_writable()
            self._send_bytes(_ForkingPickler.dumps(obj))
    """,
    ("multiprocessing.connection", "_ConnectionBase.recv"): """
        def recv(self):
            self._check_closed()
            self._check_readable()
            buf = self._recv_bytes()
            return _ForkingPickler.loads(buf.getbuffer())
    """,
}


def _code_lines(source: str) -> list[str]:
    lines, in_doc = [], False
    for line in source.splitlines():
        text = line.strip()
        if text.startswith(('"""', "'''")):
            in_doc = not in_doc if text.count(text[:3]) == 1 else in_doc
            continue
        if text and not in_doc and not text.startswith("#"):
            lines.append(text)
    return lines


@pytest.mark.parametrize(("where", "body"), REPEATED_BODIES.items())
def test_a_repeated_body_is_still_what_cpython_has(where, body):
    import workers.probe  # noqa: F401 (nothing is patched in the test process)

    original = _resolve(*where)
    assert _code_lines(inspect.getsource(original)) == _code_lines(body)


def test_a_manager_server_binds_recv_and_send_once_at_its_start():
    """workers/probe/manager_calls.py replaces conn.recv and conn.send before serve_client
    binds them; it must bind them once, before its loop."""
    from multiprocessing.managers import Server

    lines = _code_lines(inspect.getsource(Server.serve_client))
    assert "recv = conn.recv" in lines and "send = conn.send" in lines
    assert lines.index("recv = conn.recv") < lines.index("while not self.stop_event.is_set():")
    # and a connection is numbered before accept_connection answers, then served
    lines = _code_lines(inspect.getsource(Server.accept_connection))
    assert lines[-2:] == ["c.send(('#RETURN', None))", "self.serve_client(c)"]
