"""Reads a demo's parameters from its command line: ``python pool_async.py pool_size=2``.

procscope's controls set them the same way; with none given, each demo uses its defaults.
"""

import sys
from types import SimpleNamespace

_TRUE, _FALSE = ("1", "yes", "true", "on"), ("0", "no", "false", "off")


def _convert(text, default):
    if isinstance(default, bool):
        if text.lower() not in _TRUE + _FALSE:
            raise ValueError(text)
        return text.lower() in _TRUE
    return type(default)(text)


def params(**defaults):
    """The parameters: DEFAULTS, overridden by NAME=VALUE arguments."""
    values = dict(defaults)
    for arg in sys.argv[1:]:
        name, _, text = arg.partition("=")
        if name not in defaults:
            sys.exit(f"unknown parameter {name!r}; this demo has: {', '.join(defaults)}")
        try:
            values[name] = _convert(text, defaults[name])
        except ValueError:
            sys.exit(f"{name}={text!r}: expected something like {defaults[name]!r}")
    return SimpleNamespace(**values)
