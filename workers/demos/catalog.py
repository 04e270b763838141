"""The demo catalogue: ids are a contract (CONCEPTS.md)."""

from __future__ import annotations

from workers.demos.registry import Demo

DEMOS: tuple[Demo, ...] = ()
