"""Indented JSON text, the same bytes as json.dumps(value, ensure_ascii=False, indent=N).

The standard library writes indented JSON with its pure-Python encoder (its C encoder only
writes compact text), one generator step per value: on a folder's figures or themes that
took longer than the analysis. This writer builds the same text with far fewer calls.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C version where available
from typing import Any

_INF = float("inf")
_STR_ONLY = frozenset((str,))


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
    if isinstance(value, Spool):
        _write_spool(value, newline, step, out)
        return
    if isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + step
        if len(value) > 8 and _STR_ONLY.issuperset(map(type, value)):
            # Strings only (segment's tokens, say): each is encoded in C, joined once.
            out.append("[" + inner + ("," + inner).join(map(encode_basestring, value))
                       + newline + "]")
            return
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


def _write_spool(spool: Spool, newline: str, step: str, out: list[str]) -> None:
    inner = newline + step
    if not spool.count:
        out.append("[]")
        return
    if inner != "\n" + " " * (spool.indent * spool.level):  # rendered for another place
        _write(spool.items(), newline, step, out)
        return
    separator = "[" + inner
    if isinstance(out, _Sink):
        out.flush()
    for text in spool._texts():
        out.append(separator + text)
        if isinstance(out, _Sink):
            out.flush()
        separator = "," + inner
    out.append(newline + "]")


def dumps_indented(value: Any, indent: int = 2) -> str:
    """json.dumps(value, ensure_ascii=False, indent=indent), byte for byte."""
    out: list[str] = []
    _write(value, "\n", " " * indent, out)
    return "".join(out)


def dumps_at(value: Any, level: int, indent: int = 2) -> str:
    """`value`'s text as it reads `level` levels deep in an indented document (its inner
    lines carry that many indents more)."""
    out: list[str] = []
    _write(value, "\n" + " " * (indent * level), " " * indent, out)
    return "".join(out)


class Spool:
    """A JSON array whose items were written out already (by the worker processes), kept in
    a temporary file until the document is printed: a folder's per-document results then
    take disk, not memory, and the parent never renders them itself.

    Items are rendered with `dumps_at(item, level)`, `level` being where the array's items
    stand in the document (2 for a list under a top-level key). The writers above copy the
    text as it is; anywhere else the items are read back (`items()`).
    """

    def __init__(self, level: int = 2, indent: int = 2) -> None:
        import tempfile

        self.level = level
        self.indent = indent
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self._chunks: list[tuple[int, int]] = []  # (characters, items) per chunk
        self.count = 0

    def add(self, text: str, items: int = 1) -> None:
        """Append `items` items: their texts joined by the array's separator (see `join`)."""
        if items:
            self._file.write(text)
            self._chunks.append((len(text), items))
            self.count += items

    def join(self, texts: list[str]) -> str:
        """Item texts as one chunk for `add`."""
        return ("," + "\n" + " " * (self.indent * self.level)).join(texts)

    def __len__(self) -> int:
        return self.count

    def _texts(self) -> Any:
        self._file.flush()
        self._file.seek(0)
        for size, _ in self._chunks:
            yield self._file.read(size)
        self._file.seek(0, 2)

    def items(self) -> list[Any]:
        """The items as values again."""
        import json

        out: list[Any] = []
        for text in self._texts():
            out.extend(json.loads("[" + text + "]"))
        return out

    def close(self) -> None:
        self._file.close()


def write_indented(value: Any, stream: Any, indent: int = 2) -> None:
    """dumps_indented(value, indent) written to `stream` in pieces: a Spool's text goes
    from its file to the stream without being held whole."""
    out = _Sink(stream)
    _write(value, "\n", " " * indent, out)
    out.flush()


class _Sink(list):  # type: ignore[type-arg]
    """The pieces `_write` appends, passed on to a stream now and then."""

    def __init__(self, stream: Any) -> None:
        super().__init__()
        self.stream = stream

    def append(self, text: str) -> None:
        super().append(text)
        if len(self) >= 4096:
            self.flush()

    def flush(self) -> None:
        self.stream.write("".join(self))
        self.clear()
