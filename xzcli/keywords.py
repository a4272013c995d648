"""Keyword frequencies: per-document term counts that add up, then the top content terms."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from xzcli.errors import UsageError
from xzcli.segment import Pair, Segmenter

# Part-of-speech groups a user can name with --pos (jieba / ICTCLAS tags, matched by prefix).
POS_GROUPS: dict[str, tuple[str, ...]] = {
    "noun": ("n",),
    "name": ("nr", "ns", "nt", "nz"),
    "verb": ("v",),
    "adj": ("a",),
    "adv": ("d",),
    "idiom": ("i", "l"),
    "eng": ("eng",),
    "all": ("",),
}
# The default list: nouns and names (and every lexicon term, whatever its tag).
DEFAULT_POS = ("n", "eng")
LEXICON = "lexicon"


@dataclass(frozen=True)
class PosFilter:
    """Which parts of speech a keyword list keeps; `lexicon` keeps every lexicon term too."""

    prefixes: tuple[str, ...] = DEFAULT_POS
    lexicon: bool = True

    @classmethod
    def parse(cls, spec: str | None) -> PosFilter:
        if spec is None or not spec.strip():
            return cls()
        prefixes: list[str] = []
        lexicon = False
        for item in (p.strip() for p in spec.replace("，", ",").split(",")):
            if not item:
                continue
            if item == LEXICON:
                lexicon = True
            elif item in POS_GROUPS:
                prefixes.extend(POS_GROUPS[item])
            elif item.isascii() and item.isalpha():
                prefixes.append(item)
            else:
                raise UsageError(
                    f"--pos: {item!r} is not a part of speech; use jieba tags (n, nr, ns, v, a …), "
                    f"groups ({', '.join(POS_GROUPS)}) or {LEXICON}"
                )
        return cls(tuple(dict.fromkeys(prefixes)), lexicon)

    def keeps(self, pos: str, in_lexicon: bool) -> bool:
        if in_lexicon and self.lexicon:
            return True
        if pos == "eng":
            return any(p in ("", "eng") for p in self.prefixes)
        return any(pos.startswith(p) for p in self.prefixes)


def is_word(token: str) -> bool:
    """True for a token with at least one letter, digit or Han character (not punctuation)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def is_number(token: str) -> bool:
    stripped = token.replace(".", "").replace(",", "").replace("%", "")
    if stripped.isdigit():
        return True
    return all(ch in "零〇一二三四五六七八九十百千万亿两几" for ch in token)


def content_chars(text: str) -> int:
    """Characters that count for per-10k rates: whitespace (and so line endings) left out."""
    return sum(map(len, text.split()))


@dataclass
class TermCounts:
    """Mergeable counts: term frequency and document frequency over any number of documents."""

    counts: Counter[str] = field(default_factory=Counter)
    documents: Counter[str] = field(default_factory=Counter)
    pos: dict[str, str] = field(default_factory=dict)
    chars: int = 0
    n_documents: int = 0

    def add_pairs(self, pairs: Iterable[Pair], chars: int, stopwords: frozenset[str]) -> None:
        self.add_pair_counts(Counter(pairs), chars, stopwords)

    def add_pair_counts(
        self, pair_counts: Counter[Pair], chars: int, stopwords: frozenset[str]
    ) -> None:
        """Add one document, given how often each (word, pos) occurs in it."""
        doc: Counter[str] = Counter()
        pos = self.pos
        for (word, tag), n in pair_counts.items():
            if word in stopwords or not is_word(word):
                continue
            doc[word] += n
            if word not in pos:
                pos[word] = tag
        self.counts.update(doc)
        self.documents.update(doc.keys())
        self.chars += chars
        self.n_documents += 1

    def merge(self, other: TermCounts) -> TermCounts:
        self.counts.update(other.counts)
        self.documents.update(other.documents)
        for term, tag in other.pos.items():
            self.pos.setdefault(term, tag)
        self.chars += other.chars
        self.n_documents += other.n_documents
        return self


def count_terms(text: str, segmenter: Segmenter) -> TermCounts:
    """Term counts of one document (pass the analysis text: offsets are not needed here)."""
    counts = TermCounts()
    counts.add_pair_counts(segmenter.tag_counts(text), content_chars(text), segmenter.stopwords)
    return counts


@dataclass(frozen=True)
class Keyword:
    term: str
    count: int
    per_10k: float
    documents: int
    in_lexicon: bool
    pos: str


def keyword_frequencies(
    counts: TermCounts,
    lexicon: dict[str, str] | set[str] | frozenset[str],
    *,
    top: int | None = 30,
    min_count: int = 1,
    pos_filter: PosFilter | None = None,
    min_length: int = 2,
) -> list[Keyword]:
    """The most frequent content terms, by count then term (deterministic)."""
    pos_filter = pos_filter or PosFilter()
    chosen: list[Keyword] = []
    for term, count in counts.counts.items():
        if count < min_count or len(term) < min_length:
            continue
        in_lex = term in lexicon
        tag = lexicon[term] if in_lex and isinstance(lexicon, dict) else counts.pos.get(term, "x")
        if not in_lex and is_number(term):
            continue
        if not pos_filter.keeps(tag, in_lex):
            continue
        rate = round(count * 10000 / counts.chars, 2) if counts.chars else 0.0
        chosen.append(Keyword(term, count, rate, counts.documents[term], in_lex, tag))
    chosen.sort(key=lambda k: (-k.count, k.term))
    return chosen if top is None or top <= 0 else chosen[:top]
