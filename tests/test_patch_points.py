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
