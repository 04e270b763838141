"""A process's shared page as the collector reads it: the memfd its probe handed over in
its hello (layout in workers/wire_format.py).

- The task area holds the task the process is inside, read when the process is gone: a
  task cut off by its death still shows.
- The post area holds messages the probe put there instead of sending them (before it
  waits: workers/probe/transport.py), read every few milliseconds while the process lives
  and once more when it is gone. The probe writes under a seqlock (the generation is odd
  while it writes); a read that saw the generation change is dropped and done again at the
  next look. Messages are numbered: the collector takes each number once, whether it came
  through the page or, later, the socket.
"""

from __future__ import annotations

import mmap
import os
import struct

from workers import wire_format as wire

_SEQ = struct.Struct("q")  # a message's number, the last field of its watermark
_SEQ_AT = wire.WATERMARK.size - _SEQ.size


class SharedPage:
    def __init__(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        self._map = mmap.mmap(fd, min(size, wire.TASK_AREA + wire.POST_AREA),
                              prot=mmap.PROT_READ)  # fmt: skip
        self._has_posts = len(self._map) >= wire.TASK_AREA + wire.POST_HEADER
        self._seen_gen = 0  # the generation read last: unchanged, nothing new to read

    def task_message(self) -> bytes:
        (size,) = wire.FRAME.unpack_from(self._map, 24)
        if not 0 < size <= wire.TASK_AREA - wire.TASK_HEADER:
            return b""
        return self._map[wire.TASK_HEADER : wire.TASK_HEADER + size]

    def posts(self, after: int, force: bool = False) -> list[tuple[int, bytes]]:
        """(number, message) of the posted messages numbered above AFTER, in order; [] when
        nothing changed since the last look (FORCE: look anyway, the process is gone)."""
        if not self._has_posts:
            return []
        gen, used = wire.POST_COUNTS.unpack_from(self._map, wire.TASK_AREA)
        if (gen == self._seen_gen and not force) or gen & 1:
            return []  # nothing new, or the probe is writing (it died there: torn, dropped)
        start = wire.TASK_AREA + wire.POST_HEADER
        if not 0 <= used <= wire.POST_AREA - wire.POST_HEADER:
            return []
        data = self._map[start : start + used]
        if wire.POST_COUNTS.unpack_from(self._map, wire.TASK_AREA)[0] != gen:
            return []  # it changed while we read: the next look reads it again
        self._seen_gen = gen
        found, at = [], 0
        while at + 4 <= len(data):
            (size,) = wire.FRAME.unpack_from(data, at)
            if not wire.WATERMARK.size <= size <= len(data) - at - 4:
                break
            message = data[at + 4 : at + 4 + size]
            (seq,) = _SEQ.unpack_from(message, _SEQ_AT)
            if seq > after:
                found.append((seq, message))
            at += 4 + size
        return found

    def look_again(self) -> None:
        """What was read is to be read again at the next look (it could not all be taken)."""
        self._seen_gen = -1

    def close(self) -> None:
        self._map.close()
