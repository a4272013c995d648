"""Token n-grams: runs of 2-5 words that recur, within punctuation, without stop-word edges.

Per document, `analyse` cuts the text into runs of word tokens between punctuation marks and
whitespace (an n-gram never reaches across ，。、；“” or a line end), takes every n-gram of the
wanted sizes inside each run and drops those that begin or end with a stop word or a bare
number (的 发展 is not a phrase, nor 2 亿元; 推动 高质量发展 is); `merge` adds counts and
document counts; `payload` ranks them.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import and_, eq, not_
from typing import Any

from xzcli.errors import UsageError
from xzcli.keywords import add_counts, is_number, is_word
from xzcli.segment import Segmenter
from xzcli.sources import Document, analysis_text

SCHEMA = "xzcli.ngrams/1"
DEFAULT_SIZES = (2, 3, 4, 5)
MIN_SIZE, MAX_SIZE = 1, 8
# Tokens never hold whitespace, so a space joins them unambiguously inside the counters.
_JOIN = " "


def parse_sizes(spec: str) -> tuple[int, ...]:
    """`2-5`, `3` or `2,4` -> the n-gram sizes, or a UsageError naming what is wrong."""
    sizes: set[int] = set()
    for item in (p.strip() for p in spec.replace("，", ",").split(",")):
        if not item:
            continue
        low, sep, high = item.partition("-")
        try:
            a = int(low)
            b = int(high) if sep else a
        except ValueError:
            raise UsageError(f"--sizes: {item!r} is not a size or a range such as 2-5") from None
        if not (MIN_SIZE <= a <= b <= MAX_SIZE):
            raise UsageError(f"--sizes: {item!r}; sizes run from {MIN_SIZE} to {MAX_SIZE}, low "
                             "to high")
        sizes.update(range(a, b + 1))
    if not sizes:
        raise UsageError("--sizes: give a size or a range such as 2-5")
    return tuple(sorted(sizes))


@dataclass
class NgramCounts:
    """Mergeable n-gram counts and document counts over any number of documents."""

    counts: Counter[str] = field(default_factory=Counter)
    documents: Counter[str] = field(default_factory=Counter)
    tokens: int = 0
    n_documents: int = 0

    def merge(self, other: NgramCounts) -> NgramCounts:
        # add_counts is Counter.update in C: a document holds thousands of n-grams.
        add_counts(self.counts, other.counts)
        add_counts(self.documents, other.documents)
        self.tokens += other.tokens
        self.n_documents += other.n_documents
        return self


def analyse(doc: Document, segmenter: Segmenter, *,
            sizes: Sequence[int] = DEFAULT_SIZES) -> NgramCounts:
    """One document's n-gram counts, over the whole token sequence at once.

    Each window of n tokens counts when it holds no punctuation or whitespace token and
    neither of its ends is a stop word or a bare number (2 亿元 产业, 1.2 万个 recur only
    by accident). Every step is a pass in C (map, zip, compress, Counter.update); each
    distinct word is judged once.
    """
    words = segmenter.words(analysis_text(doc.text))
    stopwords = segmenter.stopwords
    distinct = set(words)
    # Per distinct word: its place in the sequence ("" for punctuation and whitespace, so
    # any window may be joined; the masks below drop every window that holds one), and
    # whether an n-gram may start or end on it.
    shown = {w: w if is_word(w) else "" for w in distinct}
    edges = {w: bool(shown[w]) and w not in stopwords and not is_number(w) for w in distinct}
    seq = list(map(shown.__getitem__, words))
    edge = list(map(edges.__getitem__, words))
    breaks = list(accumulate(map(not_, seq), initial=0))  # non-words before each place
    tokens = len(seq) - breaks[-1]
    counts: Counter[str] = Counter()
    for n in sizes:
        # The windows: n shifted copies of the sequence, as long as the shortest.
        windows = zip(*(seq[k:] for k in range(n)), strict=False)
        # Both ends may end an n-gram (edge[i] and edge[i+n-1]), and the window holds no
        # non-word (as many non-words before its end as before its start).
        whole = map(and_, map(and_, edge, edge[n - 1:]), map(eq, breaks[n:], breaks))
        counts.update(map(_JOIN.join, compress(windows, whole)))
    return NgramCounts(counts, Counter(dict.fromkeys(counts, 1)), tokens, 1)


def merge(left: NgramCounts, right: NgramCounts) -> NgramCounts:
    return left.merge(right)


@dataclass(frozen=True)
class NgramOptions:
    sizes: tuple[int, ...] = DEFAULT_SIZES
    top: int = 30
    min_count: int = 2
    min_documents: int = 1


@dataclass(frozen=True)
class Ngram:
    ngram: str
    tokens: tuple[str, ...]
    n: int
    count: int
    documents: int
    per_10k: float


def ranked(result: NgramCounts, options: NgramOptions | None = None) -> list[Ngram]:
    """N-grams by count, then document count, then text (deterministic)."""
    options = options or NgramOptions()
    documents = result.documents
    eligible: Mapping[str, int] = result.counts
    if options.min_documents > 1:  # every n-gram is in one document at least
        eligible = {key: c for key, c in eligible.items()
                    if documents[key] >= options.min_documents}
    # Only n-grams as frequent as the top-th count can rank in the top: a folder holds
    # millions of n-grams, and each comparison of the sort below is a step in Python.
    floor = options.min_count
    if 0 < options.top < len(eligible):
        floor = max(floor, heapq.nlargest(options.top, eligible.values())[-1])
    chosen = sorted(compress(eligible.items(), map(floor.__le__, eligible.values())),
                    key=lambda kc: (-kc[1], -documents[kc[0]], kc[0]))
    if options.top > 0:
        chosen = chosen[:options.top]
    out = []
    for key, c in chosen:
        parts = tuple(key.split(_JOIN))
        rate = round(c * 10000 / result.tokens, 2) if result.tokens else 0.0
        out.append(Ngram("".join(parts), parts, len(parts), c, result.documents[key], rate))
    return out


def payload(result: NgramCounts, options: NgramOptions,
            segmenter: Segmenter | None = None) -> dict[str, Any]:
    """The JSON payload of `xzcli ngrams` (after the envelope); the segmenter is not needed
    here (the signature is the one compare and collocates share)."""
    return {
        "sizes": list(options.sizes),
        "min_count": options.min_count,
        "documents": result.n_documents,
        "tokens": result.tokens,
        "ngrams": [{**vars(g), "tokens": list(g.tokens)} for g in ranked(result, options)],
    }
