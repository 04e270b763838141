"""A process's begin and end as the probe sees them: at start-up, after every fork in the
child, at exec, and on every way out (atexit, os._exit, multiprocessing's bootstrap end)."""

from __future__ import annotations

import os
import sys

from . import output, sampler, state, stepping, transport
from .state import now, wire


def _name() -> str:
    st = state.current
    mp = sys.modules.get("multiprocessing.process")
    if st.role in ("forkserver", "resource-tracker"):
        return st.role  # multiprocessing calls its helpers "MainProcess" too
    return mp.current_process().name if mp is not None else "MainProcess"


def begin(ppid: int, start_method: str | None) -> None:
    """Connect (handing the collector this process's output pipes and task page), then
    say who this process is."""
    st = state.current
    plan = {} if st.origin == "host" else output.plan_own_pipes()
    handed = output.read_ends(plan)
    page = output.open_page()
    if page is not None:
        handed.append((page, "page"))
    try:
        st.conn = transport.connect(st.pid, [fd for fd, _s in handed], [s for _f, s in handed])
    except Exception:
        st.dead = True
        output.abandon(plan)  # no collector: the output stays where it was
        plan = {}
    finally:
        for fd, stream in handed:
            if stream == "page" or not st.dead:
                os.close(fd)
    if plan:
        output.commit(plan)
    elif st.origin == "host":
        output.claim_given_pipes()
    transport.emit((wire.BEGIN, now(), ppid, _name(), st.role, start_method))
    transport.flush()


def set_exit_code(code: int) -> None:
    """The host tells the main process's exit status before the interpreter exits."""
    state.current.exit_code = code


def end(code: int | None) -> None:
    """The process says goodbye, once; later calls (os._exit after the bootstrap's end)
    only send what its threads added since: a Queue's feeder thread may still be sending
    its last items. The connection closes with the process."""
    st = state.current
    if not st.ended:
        sampler.disarm()
        try:
            sampler.watch()
        except Exception:
            pass
        transport.emit((wire.END, now(), code))
        st.ended = True
    transport.flush()


def at_exit() -> None:
    """The last atexit handler (registered first): multiprocessing's own, which join the
    queues' feeder threads, have run. Goodbye, and the connection closes now, not in a
    finalizer at interpreter shutdown."""
    st = state.current
    end(st.exit_code)
    if st.conn is not None:
        try:
            st.conn.close()
        except OSError:
            pass
        st.conn = None


def before_fork() -> None:
    try:
        state.current.fork_t = now()  # the child reads it: the arrow to it starts here
        transport.sync()
    except Exception:
        pass


def _about_to_exec() -> bool:
    """True in the child of subprocess with a preexec_fn: it runs a little Python, then
    execs. The probe stays out of it (no timer, no connection, no pipes)."""
    try:
        caller = sys._getframe(2).f_code
    except ValueError:
        return False
    return caller.co_name == "_execute_child" and caller.co_filename.endswith("subprocess.py")


def after_fork_in_child() -> None:
    parent = state.current
    try:
        if _about_to_exec():
            state.replace(parent.role, "fork").silent = True
            return
        origin = "forkserver" if parent.role == "forkserver" else "fork"
        st = state.replace("fork", origin)
        st.stepping, st.stepped = parent.stepping, True
        if parent.conn is not None:
            try:
                parent.conn.close()  # only this process's copy of the parent's connection
            except OSError:
                pass
        if parent.page is not None:
            parent.page.close()  # the parent's page: never written from here
        output.forget_parent_pipes(parent)
        sampler.arm()
        begin(parent.pid, origin)
        transport.emit((wire.FORKED, parent.fork_t or now(), parent.pid))
    except Exception:
        pass


def on_exec(name: str) -> None:
    """Before exec: say what this process becomes; nothing of the probe may outlive it."""
    try:
        transport.emit((wire.EXEC, now(), name))
        sampler.disarm()
        transport.flush()
    except Exception:
        pass


def on_exec_failed() -> None:
    sampler.install_sampler()


def start_stepping_if_asked() -> None:
    if os.environ.get("PROCSCOPE_STEP") == "1":
        stepping.start()
