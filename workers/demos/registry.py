"""The built-in demos: one entry per concept drives the window's panels, --list and the tests.

A demo's parameters reach its program as ``NAME=VALUE`` command-line arguments, read by
``demo_args.py`` next to the programs, so a student sees them at the top of each file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent


class ParameterError(ValueError):
    """A --set that names no parameter of the demo, or a value outside its range."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: type  # int, float, bool or str
    default: object
    label: str
    label_zh: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def parse(self, text: str) -> object:
        """The value of TEXT for this parameter, or ParameterError saying what is allowed."""
        try:
            if self.kind is bool:
                lowered = text.strip().lower()
                if lowered not in ("1", "0", "yes", "no", "true", "false", "on", "off"):
                    raise ValueError
                value: object = lowered in ("1", "yes", "true", "on")
            else:
                value = self.kind(text)
        except ValueError:
            raise ParameterError(f"{self.name} must be {self.allowed()}, not {text!r}") from None
        if self.kind in (int, float) and not (
            (self.low is None or value >= self.low) and (self.high is None or value <= self.high)
        ):
            raise ParameterError(f"{self.name} must be {self.allowed()}, not {text!r}")
        if self.choices and value not in self.choices:
            raise ParameterError(f"{self.name} must be {self.allowed()}, not {text!r}")
        return value

    def allowed(self) -> str:
        if self.kind is bool:
            return "yes or no"
        if self.choices:
            return "one of " + ", ".join(self.choices)
        kind = {int: "a whole number", float: "a number", str: "text"}[self.kind]
        if self.low is not None and self.high is not None:
            return f"{kind} from {self.low:g} to {self.high:g}"
        return kind

    def format(self, value: object) -> str:
        if self.kind is bool:
            return "yes" if value else "no"
        return str(value)


@dataclass(frozen=True)
class Demo:
    id: str
    group: str  # fork, Process, Pool, Queue
    title: str
    title_zh: str
    file: str
    explanation: str
    explanation_zh: str
    params: tuple[Param, ...] = ()
    needs_fork: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return DEMO_DIR / self.file

    def path_in(self, language: str) -> Path:
        """The program as a class taught in LANGUAGE reads it: zh_CN has its own copies
        (workers/demos/zh/: the same code on the same lines, comments and printed text in
        Chinese); any other language, or a missing copy, the English one."""
        if language == "zh_CN" and (DEMO_DIR / "zh" / self.file).is_file():
            return DEMO_DIR / "zh" / self.file
        return self.path

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        valid = ", ".join(p.name for p in self.params) or "none"
        raise ParameterError(f"demo {self.id} has no parameter {name!r} (its parameters: {valid})")

    def arguments(self, settings: dict[str, str]) -> list[str]:
        """Program arguments for these --set values (validated); defaults stay implicit."""
        return [
            f"{name}={self.param(name).format(self.param(name).parse(text))}"
            for name, text in settings.items()
        ]

    def available(self) -> bool:
        return not self.needs_fork or hasattr(os, "fork")


def _demos() -> tuple[Demo, ...]:
    from workers.demos.catalog import DEMOS

    return DEMOS


def all_demos() -> tuple[Demo, ...]:
    return _demos()


def find(demo_id: str) -> Demo | None:
    return next((d for d in _demos() if d.id == demo_id), None)
