"""Traditional -> simplified Chinese for analysis (xzcli[t2s], OpenCC's data), offsets kept.

The converted text has the same length as the original and every character stands where
its original stood, so an offset into one is an offset into the other. OpenCC converts
phrase by phrase (乾隆 stays 乾隆, 乾燥 becomes 干燥); a line whose phrase conversion would
change its length (a few phrases map to a longer or shorter word) is converted character
by character instead, and a character whose conversion is not one character is kept.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from xzcli.errors import InputError

EXTRA_MESSAGE = "--t2s needs the t2s extra: pip install 'xzcli[t2s]'"


@lru_cache(maxsize=1)
def _converter() -> Any:
    try:
        import opencc
    except ImportError:
        raise InputError(EXTRA_MESSAGE) from None
    try:
        return opencc.OpenCC("t2s")
    except Exception:  # the pure-Python reimplementation names its configs with .json
        return opencc.OpenCC("t2s.json")


def check_available() -> None:
    """Fail once, up front, when OpenCC is not installed."""
    _converter()


def to_simplified(text: str) -> str:
    """`text` in simplified characters; same length, each character in its own place."""
    if text.isascii():
        return text
    converter = _converter()
    out: list[str] = []
    chars: dict[str, str] = {}
    for line in text.splitlines(keepends=True):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(_one(ch, converter, chars) for ch in line)
        out.append(converted)
    return "".join(out)


def _one(ch: str, converter: Any, cache: dict[str, str]) -> str:
    found = cache.get(ch)
    if found is None:
        found = converter.convert(ch) if not ch.isascii() else ch
        if len(found) != 1:
            found = ch
        cache[ch] = found
    return found
