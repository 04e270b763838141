"""Installs procscope's probe in every interpreter the observed program starts.

procscope puts this folder first on PYTHONPATH, so the main process, spawn and
forkserver children and multiprocessing's helper processes all run it at start-up;
forked children inherit the installed probe. It then steps aside: the folder leaves
sys.path, and any sitecustomize the machine had still runs.
"""

import importlib.machinery
import importlib.util
import os
import sys


def _load(name, path, package=False):
    folder = [os.path.dirname(path)] if package else None
    spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=folder)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _boot():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    if os.environ.get("PROCSCOPE_ADDRESS") and "_procscope_probe" not in sys.modules:
        try:
            _load(
                "_procscope_probe", os.path.join(os.path.dirname(here), "__init__.py"), package=True
            ).install()
        except Exception as exc:  # the program must run even if the probe cannot
            sys.stderr.write(f"procscope: probe not installed: {exc!r}\n")
    # Chain to the sitecustomize this one hides, if there is one.
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", sys.path)
    if spec is not None and spec.origin and os.path.dirname(spec.origin) != here:
        del sys.modules["sitecustomize"]
        _load("sitecustomize", spec.origin)


_boot()
