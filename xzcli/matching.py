"""Matching many literal terms at once: one regular expression shaped like their trie."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


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
