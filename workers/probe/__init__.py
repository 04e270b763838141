"""The probe: runs inside every process of the observed program and reports what it does.

Loaded by ``boot/sitecustomize.py`` as the package ``_procscope_probe`` (a name no program
uses), so the program's own imports are untouched. Standard library only. Its modules:

- state: settings, and the one per-process state object a forked child replaces;
- transport: batched records to the collector, split under its size limit, re-entrant safe;
- output: the process's own stdout/stderr pipes (output is captured below Python);
- lifecycle: begin, end, fork, exec;
- children: os-level hooks (exit, waitpid, system, posix_spawn, exec, subprocess, the
  helpers multiprocessing spawns), so every child is known from its parent;
- tasks / waits: Process.run and Pool work items as tasks, blocking calls as waits;
- sampler: the current line (SIGPROF, CPU time) and the program's watched values;
- stepping: step mode's line tracer;
- patches: which module gets which patch, as the program imports it.

There is no thread here (fork + threads is unsafe) and no SIGTERM handler (a pending
Python-level handler let Pool.terminate() hang).
"""

from __future__ import annotations

from .lifecycle import set_exit_code
from .patches import install

__all__ = ["install", "set_exit_code"]
