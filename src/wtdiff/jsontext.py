"""JSON text as ``json.dumps(data, ensure_ascii=False, indent=2)`` writes it, written faster.

With an indent, the standard library encodes in Python, through one generator per level of
nesting: every piece of text of a comparison's report — a few hundred thousand — is handed up
through each generator above it, and that took nine tenths of the JSON report's time. :func:`dumps`
walks the same data once, appending each piece to one list, and writes the same characters:
strings through the standard library's own (compiled) string encoder, numbers as it writes them
(``NaN`` and ``Infinity`` included), keys converted as it converts them, a two-space indent,
a comma at the end of each line but the last of a list or object, and ``": "`` after a key. ``tests/test_jsontext.py``
checks the two agree on arbitrary data.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps"]


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``."""
    out: list[str] = []
    _write(data, out, "\n")
    return "".join(out)


def _number(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """A dict key as the standard library turns it into a string (it refuses other types)."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _number(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append ``value``'s text to ``out``; ``newline`` is a line break and the current indent."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_number(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[" + inner)
        for k, item in enumerate(value):
            if k:
                out.append("," + inner)
            _write(item, out, inner)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{" + inner)
        for k, (key, item) in enumerate(value.items()):
            if k:
                out.append("," + inner)
            out.append(encode_basestring(_key(key)) + ": ")
            _write(item, out, inner)
        out.append(newline + "}")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
