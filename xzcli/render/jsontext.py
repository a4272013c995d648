"""Indented JSON text, the same bytes as json.dumps(value, ensure_ascii=False, indent=N).

The standard library writes indented JSON with its pure-Python encoder (its C encoder only
writes compact text), one generator step per value: on a folder's figures or themes that
took longer than the analysis. This writer builds the same text with far fewer calls.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C version where available
from typing import Any

_INF = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str | None:
    """The text of a str, None, bool, int or float (what json writes), else None."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)  # type: ignore[no-any-return]
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return _float(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    # Subclasses (str or int enums …) are written as json writes them.
    if isinstance(value, str):
        return encode_basestring(value)  # type: ignore[no-any-return]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)  # type: ignore[no-any-return]
    if isinstance(key, float):
        return encode_basestring(_float(key))  # type: ignore[no-any-return]
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))  # type: ignore[no-any-return]
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _write(value: Any, newline: str, step: str, out: list[str]) -> None:
    text = _scalar(value)
    if text is not None:
        out.append(text)
        return
    if isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + step
        separator = "[" + inner
        for item in value:
            text = _scalar(item)
            if text is None:
                out.append(separator)
                _write(item, inner, step, out)
            else:
                out.append(separator + text)
            separator = "," + inner
        out.append(newline + "]")
        return
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + step
        separator = "{" + inner
        for key, item in value.items():
            text = _scalar(item)
            if text is None:
                out.append(separator + _key(key) + ": ")
                _write(item, inner, step, out)
            else:
                out.append(separator + _key(key) + ": " + text)
            separator = "," + inner
        out.append(newline + "}")
        return
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def dumps_indented(value: Any, indent: int = 2) -> str:
    """json.dumps(value, ensure_ascii=False, indent=indent), byte for byte."""
    out: list[str] = []
    _write(value, "\n", " " * indent, out)
    return "".join(out)
