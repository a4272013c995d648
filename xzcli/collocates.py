"""Collocates: the words that keep a term company within a window of tokens, with MI, G2, t.

Per document, `analyse` finds every place the node term stands as whole tokens, counts the
words within `window` tokens on each side in the same sentence, and counts every word of the
document (the corpus frequencies the measures need); `merge` adds two such results and
`payload` ranks the collocates. Only word tokens take positions: punctuation and whitespace do
not, so 发展，推动 are neighbours. A window stops at a sentence end (。！？；… ! ? ;) and at a
line end (a heading is not part of the next sentence).

For a collocate seen O times in the windows, f_c times in the corpus of N word tokens, and W
the number of token positions all windows cover:

- expected E = W f_c / N (the collocate spread evenly over the corpus)
- MI = log2(O / E)
- t-score = (O - E) / sqrt(O)
- log-likelihood: G2 of the 2x2 table (in a window or not) x (the collocate or not), signed
  negative when O < E.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from typing import Any

from xzcli.keywords import PosFilter, add_counts, is_number, is_word
from xzcli.offsets import token_starts
from xzcli.segment import Segmenter
from xzcli.sources import Document, analysis_text

SCHEMA = "xzcli.collocates/1"
DEFAULT_WINDOW = 5
MEASURES = ("ll", "mi", "t", "count")
EXAMPLES = 3
DECIMALS = 4
# Tokens that end a sentence; a window never reaches past one.
_SENTENCE_END = frozenset("。！？；…!?;")
_OTHER, _WORD, _END = 0, 1, 2  # what a token is to word_tokens: other, a word, a sentence end


@dataclass(frozen=True)
class Example:
    """Where one co-occurrence stands: the node's offset (a `kwic` hit) and the collocate's."""

    source: str
    node_offset: int
    offset: int


@dataclass
class Collocation:
    """Mergeable window counts of one node term over any number of documents."""

    node: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW
    cooccurrences: Counter[str] = field(default_factory=Counter)
    cooccurrence_documents: Counter[str] = field(default_factory=Counter)
    frequencies: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[Example]] = field(default_factory=dict)
    tokens: int = 0
    node_count: int = 0
    window_tokens: int = 0
    n_documents: int = 0

    def merge(self, other: Collocation) -> Collocation:
        self.node = self.node or other.node
        add_counts(self.cooccurrences, other.cooccurrences)
        add_counts(self.cooccurrence_documents, other.cooccurrence_documents)
        add_counts(self.frequencies, other.frequencies)
        for word, found in other.examples.items():
            mine = self.examples.setdefault(word, [])
            if len(mine) < EXAMPLES:
                mine.extend(found[:EXAMPLES - len(mine)])
        self.tokens += other.tokens
        self.node_count += other.node_count
        self.window_tokens += other.window_tokens
        self.n_documents += other.n_documents
        return self


def word_tokens(words: Sequence[str]) -> tuple[list[str], list[int], list[int]]:
    """The word tokens of a text (Segmenter.words), their offsets, and where the sentences
    end among them (the index of the first word token after each sentence end or line end).

    Other punctuation and whitespace take no position and do not end a sentence. Each
    distinct token is judged once; the rest are passes in C.
    """
    kind = {w: _WORD if is_word(w) else _END if "\n" in w or not _SENTENCE_END.isdisjoint(w)
            else _OTHER for w in set(words)}
    kinds = list(map(kind.__getitem__, words))
    is_word_token = list(map(_WORD.__eq__, kinds))
    tokens = list(compress(words, is_word_token))
    offsets = list(compress(token_starts(words), is_word_token))
    before = list(accumulate(is_word_token, initial=0))  # word tokens before each token
    ends = [before[i] for i in compress(count(), map(_END.__eq__, kinds))]
    return tokens, offsets, ends


def node_tokens(term: str, segmenter: Segmenter) -> tuple[str, ...]:
    """The node as the Segmenter cuts it on its own: usually one token (新质生产力)."""
    return tuple(w for w in segmenter.cut(analysis_text(term)) if is_word(w))


def analyse(doc: Document, segmenter: Segmenter, *, node: Sequence[str],
            window: int = DEFAULT_WINDOW) -> Collocation:
    """Window counts of `node` (its tokens, see node_tokens) in one document."""
    node = tuple(node)
    result = Collocation(node=node, window=window, n_documents=1)
    if not node:
        return result
    text = analysis_text(doc.text)
    k = len(node)
    seen: set[str] = set()
    words, offsets, ends = word_tokens(segmenter.words(text))
    result.tokens = len(words)
    result.frequencies.update(words)
    first = node[0]
    for i in compress(count(), map(first.__eq__, words)):
        # The sentence holding the i-th word token: the node and its window stay inside.
        sentence = bisect_right(ends, i)
        low = ends[sentence - 1] if sentence else 0
        high = ends[sentence] if sentence < len(ends) else len(words)
        if i + k > high or tuple(words[i:i + k]) != node:
            continue
        result.node_count += 1
        node_offset = offsets[i]
        span = [*range(max(low, i - window), i), *range(i + k, min(high, i + k + window))]
        result.window_tokens += len(span)
        for j in span:
            word = words[j]
            result.cooccurrences[word] += 1
            seen.add(word)
            found = result.examples.setdefault(word, [])
            if len(found) < EXAMPLES:
                found.append(Example(doc.source, node_offset, offsets[j]))
    result.cooccurrence_documents.update(seen)
    return result


def merge(left: Collocation, right: Collocation) -> Collocation:
    return left.merge(right)


# -- measures ----------------------------------------------------------------------------------
def expected(window_tokens: int, frequency: int, tokens: int) -> float:
    return window_tokens * frequency / tokens if tokens else 0.0


def mutual_information(observed: int, expect: float) -> float:
    return math.log2(observed / expect) if observed > 0 and expect > 0 else 0.0


def t_score(observed: int, expect: float) -> float:
    return (observed - expect) / math.sqrt(observed) if observed > 0 else 0.0


def log_likelihood(observed: int, window_tokens: int, frequency: int, tokens: int) -> float:
    """Signed G2 of the 2x2 table: in a window or not, the collocate or another word."""
    o11 = observed
    o12 = max(0, window_tokens - observed)
    o21 = max(0, frequency - observed)
    o22 = max(0, tokens - o11 - o12 - o21)
    n = o11 + o12 + o21 + o22
    if n <= 0:
        return 0.0
    rows = (o11 + o12, o21 + o22)
    cols = (o11 + o21, o12 + o22)
    total = 0.0
    for o, r, c in ((o11, 0, 0), (o12, 0, 1), (o21, 1, 0), (o22, 1, 1)):
        e = rows[r] * cols[c] / n
        if o > 0 and e > 0:
            total += o * math.log(o / e)
    g2 = 2.0 * total
    return -g2 if o11 * n < rows[0] * cols[0] else g2


@dataclass(frozen=True)
class CollocateOptions:
    top: int = 30
    min_count: int = 3
    measure: str = "ll"
    min_length: int = 2
    pos_filter: PosFilter | None = None


@dataclass(frozen=True)
class Collocate:
    term: str
    count: int
    documents: int
    frequency: int
    expected: float
    mi: float
    ll: float
    t_score: float
    in_lexicon: bool
    pos: str
    examples: tuple[Example, ...]


def collocates(result: Collocation, segmenter: Segmenter,
               options: CollocateOptions | None = None) -> list[Collocate]:
    """Content words seen at least `min_count` times near the node, best first.

    Stop words, punctuation, bare numbers and words shorter than `min_length` (lexicon terms
    excepted) are no collocates, nor is the node itself. Ties go by count, then term.
    """
    options = options or CollocateOptions()
    lexicon = segmenter.lexicon
    stopwords = segmenter.stopwords
    node_word = "".join(result.node)
    rows: list[tuple[tuple[float, ...], Collocate]] = []
    for word, o in result.cooccurrences.items():
        if o < options.min_count or word == node_word or word in stopwords:
            continue
        in_lex = word in lexicon
        if not in_lex and (len(word) < options.min_length or is_number(word)):
            continue
        tag = segmenter.pos_of(word)
        if options.pos_filter is not None and not options.pos_filter.keeps(tag, in_lex):
            continue
        f = result.frequencies[word]
        e = expected(result.window_tokens, f, result.tokens)
        item = Collocate(
            term=word, count=o, documents=result.cooccurrence_documents[word], frequency=f,
            expected=round(e, DECIMALS), mi=round(mutual_information(o, e), DECIMALS),
            ll=round(log_likelihood(o, result.window_tokens, f, result.tokens), DECIMALS),
            t_score=round(t_score(o, e), DECIMALS), in_lexicon=in_lex, pos=tag,
            examples=tuple(result.examples.get(word, ())),
        )
        key = {"ll": item.ll, "mi": item.mi, "t": item.t_score, "count": float(o)}
        rows.append(((-key[options.measure], -o), item))
    rows.sort(key=lambda r: (r[0], r[1].term))
    chosen = [item for _, item in rows]
    return chosen[:options.top] if options.top > 0 else chosen


def payload(result: Collocation, options: CollocateOptions,
            segmenter: Segmenter) -> dict[str, Any]:
    """The JSON payload of `xzcli collocates` (after the envelope)."""
    found = collocates(result, segmenter, options)
    return {
        "term": "".join(result.node),
        "node_tokens": list(result.node),
        "window": result.window,
        "measure": options.measure,
        "min_count": options.min_count,
        "node_count": result.node_count,
        "documents": result.n_documents,
        "tokens": result.tokens,
        "window_tokens": result.window_tokens,
        "collocates": [
            {**{k: v for k, v in vars(c).items() if k != "examples"},
             "examples": [vars(e) for e in c.examples]}
            for c in found
        ],
    }
