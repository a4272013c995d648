"""Matching many literal terms at once: Aho-Corasick automata, or a regex shaped like a trie."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import Any


class LiteralMatcher:
    """Every place any of many literal terms stands in a text, found in one pass.

    Aho-Corasick automata (ahocorasick-rs, in Rust) are built once per set of terms; a scan
    costs about the same whether there are ten terms or ten thousand, and no term is too
    long to match. Offsets are character offsets into the text.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = frozenset(t for t in terms if t)
        self._patterns = sorted(self.terms)
        self._all: Any = None
        self._longest: Any = None

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term) of every occurrence, overlapping ones included."""
        if not self._patterns or not text:
            return []
        if self._all is None:
            import ahocorasick_rs

            self._all = ahocorasick_rs.AhoCorasick(self._patterns)
        patterns = self._patterns
        return [(s, e, patterns[i])
                for i, s, e in self._all.find_matches_as_indexes(text, overlapping=True)]

    def longest_leftmost(self, text: str, boundaries: AbstractSet[int] | None = None,
                         word_of: Callable[[int, int], bool] | None = None
                         ) -> list[tuple[int, str]]:
        """(offset, term) left to right, never overlapping: at each place the longest term
        that starts there, then on from its end (印度尼西亚 is never also 印度).

        With `boundaries` (token boundaries: the offsets where one token ends and the next
        begins, 0 and len(text) included), an occurrence that cuts a token does not count:
        one that lies inside a single token (产品 in 产品质量) or starts and ends on
        boundaries (科技创新 over 科技|创新) does, one that takes part of a token and part of
        the next does not (市政 in 市|政协委员). With `word_of` as well, one that lies inside
        a single longer token counts only when word_of(start, end) says it is a word of that
        token (企业 in 国有|企业 is, 产能 in 生|产能|力 is not). A longer term that would cut a
        token then leaves its place to a shorter one that does not.
        """
        if not self._patterns or not text:
            return []
        patterns = self._patterns
        if boundaries is None:
            if self._longest is None:
                import ahocorasick_rs

                self._longest = ahocorasick_rs.AhoCorasick(
                    patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            return [(s, patterns[i]) for i, s, _ in self._longest.find_matches_as_indexes(text)]
        found = [(s, -e, term) for s, e, term in self.occurrences(text)
                 if not cuts_token(s, e, boundaries)
                 and (word_of is None or (s in boundaries and e in boundaries)
                      or word_of(s, e))]
        found.sort()
        out: list[tuple[int, str]] = []
        reached = 0
        for start, neg_end, term in found:
            if start >= reached:
                out.append((start, term))
                reached = -neg_end
        return out


def cuts_token(start: int, end: int, boundaries: AbstractSet[int]) -> bool:
    """True when the span start:end takes part of a token and part of another: a token
    boundary lies inside it while the span itself does not start and end on boundaries."""
    if start in boundaries and end in boundaries:
        return False
    return not boundaries.isdisjoint(range(start + 1, end))


def trie_pattern(terms: Iterable[str]) -> str:
    """A regex matching the longest of `terms` at each position (leftmost, then longest)."""
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a term ends here: try to go on (greedy), else stop here
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return build(trie)
