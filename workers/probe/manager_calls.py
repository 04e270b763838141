"""A Manager's traffic, for the arrows: put -> manager -> get. A manager's objects live in
its server process, which the probe also observes; every proxy call is a request on the
calling thread's own connection to that server, and one reply on it.

Paired by counting, never by timing. A connection is named the same at both ends: the
manager's address, the client's pid (the server asks the kernel who is on the other end,
SO_PEERCRED), and its number among that client's connections to that manager. The client
numbers a connection as it opens it, holding a lock until the server has answered its
first request; the server numbers it before that answer. So both count connections in the
same order, even with several threads. On one connection, the server serves request by
request: the k-th call made is the k-th request served, and the k-th reply sent the k-th
received. Both ends also record the call's label, which must match. The program's data is
left as it is.
"""

from __future__ import annotations

import _thread
import functools
import os
import struct

from .sampler import short_repr
from .state import now, wire
from .tasks import hide_frame
from .transport import emit

_BROKEN = -1  # a connection that failed mid-call: its count is not known from here


def channel(address, client_pid: int, number: int) -> int:
    import zlib  # (here: only a program with a manager pays its import)

    return zlib.crc32(f"{address}|{client_pid}|{number}".encode()) or 1


_opened: dict[tuple[str, int], int] = {}  # (address, pid) -> connections opened so far
_opening = _thread.RLock()  # an RLock: a signal handler may call a proxy mid-connect


def _new_lock_after_fork() -> None:
    """A thread of the parent may have held the lock when another forked: the child's copy
    would stay held forever."""
    global _opening
    _opening = _thread.RLock()


os.register_at_fork(after_in_child=_new_lock_after_fork)


def call_label(method: str, args) -> str:
    try:
        shown = ", ".join(short_repr(a) for a in args) if type(args) is tuple else ""
    except Exception:
        shown = "?"
    return f"{method}({shown})"


def reply_label(reply) -> str:
    """A reply's value, if it carries one (None and errors carry none)."""
    try:
        kind, value = reply
        return short_repr(value) if kind == "#RETURN" and value is not None else ""
    except Exception:
        return ""


def patch_managers(managers) -> None:
    _patch_client(managers.BaseProxy)
    _patch_server(managers.Server)


def _patch_client(proxy_cls) -> None:
    orig_callmethod, orig_connect = proxy_cls._callmethod, proxy_cls._connect

    @functools.wraps(orig_connect)
    def _connect(self):
        with _opening:
            key = (str(self._token.address), os.getpid())
            number = _opened[key] = _opened.get(key, 0) + 1
            try:
                orig_connect(self)
            except BaseException as exc:
                hide_frame(exc)
                raise
            try:
                ch = channel(key[0], key[1], number)
                self._tls.connection.__dict__["_procscope_channel"] = ch
            except Exception:
                pass

    proxy_cls._connect = _connect

    @functools.wraps(orig_callmethod)
    def _callmethod(self, methodname, args=(), kwds={}):  # noqa: B006 (the original's)
        sent = now()
        try:
            result = orig_callmethod(self, methodname, args, kwds)
        except (OSError, EOFError) as exc:  # the connection broke, or may have
            _count(self, None)
            hide_frame(exc)
            raise
        except BaseException as exc:  # the server answered with an error: a round trip
            _count(self, (sent, methodname, args))
            hide_frame(exc)
            raise
        _count(self, (sent, methodname, args))
        return result

    proxy_cls._callmethod = _callmethod


def _count(proxy, call) -> None:
    try:
        conn = proxy._tls.connection
        seen = conn.__dict__
        seq = seen.get("_procscope_seq", 0)
        if seq == _BROKEN:
            return
        if call is None:
            seen["_procscope_seq"] = _BROKEN
            return
        ch = seen.get("_procscope_channel")
        if not ch:
            return  # opened before the probe was there
        seq += 1
        seen["_procscope_seq"] = seq
        sent, method, args = call
        emit((wire.MANAGER, sent, ch, seq, "call", call_label(method, args)))
        emit((wire.MANAGER, now(), ch, seq, "return", ""))
    except Exception:
        pass


def _patch_server(server_cls) -> None:
    orig_accept, orig_serve = server_cls.accept_connection, server_cls.serve_client
    accepted: dict[int, int] = {}  # client pid -> its connections so far
    accepting = _thread.allocate_lock()

    @functools.wraps(orig_accept)
    def accept_connection(self, c, name):
        try:  # numbered before the answer that lets the client go on
            peer = _peer_pid(c)
            with accepting:
                number = accepted[peer] = accepted.get(peer, 0) + 1
            c.__dict__["_procscope_served"] = channel(str(self.address), peer, number)
        except Exception:
            pass  # not a Unix socket (a TCP manager): no arrows, the calls go on
        return orig_accept(self, c, name)

    @functools.wraps(orig_serve)
    def serve_client(self, conn):
        try:
            ch = conn.__dict__.get("_procscope_served")
            if ch:
                _watch_connection(conn, ch)
        except Exception:
            pass
        return orig_serve(self, conn)

    server_cls.accept_connection, server_cls.serve_client = accept_connection, serve_client


def _peer_pid(conn) -> int:
    import socket  # (the manager's server has it already)

    with socket.socket(fileno=os.dup(conn.fileno())) as sock:
        creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[0]


def _watch_connection(conn, ch: int) -> None:
    """serve_client binds conn.recv and conn.send once, at its start: these go first."""
    orig_recv, orig_send = conn.recv, conn.send
    count = {"served": 0, "replied": 0}

    def recv():
        request = orig_recv()
        count["served"] += 1
        try:
            label = call_label(request[1], request[2])
            emit((wire.MANAGER, now(), ch, count["served"], "serve", label))
        except Exception:
            pass
        return request

    def send(reply):
        sent = now()
        orig_send(reply)
        count["replied"] += 1
        emit((wire.MANAGER, sent, ch, count["replied"], "reply", reply_label(reply)))

    conn.recv, conn.send = recv, send
