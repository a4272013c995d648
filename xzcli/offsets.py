"""Offsets into an analysis text, computed one way everywhere: lines and tokens."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate

_NEWLINE = re.compile("\n")


def line_starts(text: str) -> list[int]:
    """Where each line of `text` starts (an analysis text ends every line with "\\n")."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def line_number(starts: Sequence[int], offset: int) -> int:
    """The 1-based line holding `offset`, given line_starts(text)."""
    return bisect_right(starts, offset)


def lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for every line of `text`, without its "\\n" (blank lines too)."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def token_starts(words: Sequence[str]) -> list[int]:
    """Where each of `words` starts when they cover a text in order, then the text's end:
    one more offset than words (a C loop, not a Python step per word)."""
    return list(accumulate(map(len, words), initial=0))
