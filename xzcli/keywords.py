"""Keyword frequencies: per-document term counts that add up, then the top content terms.

Per document, `analyse` counts the words of the text (lexicon terms also inside longer
tokens, quoted terms kept whole); `merge` adds two such counts; `payload` ranks the terms of
the total, and of each document (--by document) or metadata group (--group-by) when asked.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import add
from typing import Any

from xzcli.errors import UsageError
from xzcli.segment import Segmenter, find_quoted_terms, is_word
from xzcli.sources import Document, analysis_text

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
# The default list: nouns, names, Latin-letter terms and abbreviations (j: 中小企业, 医保,
# 社保), and every lexicon term, whatever its tag.
DEFAULT_POS = ("n", "eng", "j")
LEXICON = "lexicon"

# How a keyword list is ordered. `tfidf` (the default) weighs each term's count by how rare it
# is in policy language (the shipped paragraph IDF), so what every policy text says (政策, 经济,
# 政府, 体系, 机制) gives way to what this text is about; `count` is plain frequency.
RANKS = ("tfidf", "count")
DEFAULT_RANK = "tfidf"
SCORE_DECIMALS = 2


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


@lru_cache(maxsize=1 << 18)
def is_number(token: str) -> bool:
    stripped = token.replace(".", "").replace(",", "").replace("%", "")
    if stripped.isdigit():
        return True
    return all(ch in "零〇一二三四五六七八九十百千万亿两几" for ch in token)


def add_counts(into: dict[str, int], other: Mapping[str, int]) -> None:
    """into[key] += n for every key and n of other: Counter.update, but in C.

    Counter.update walks a non-empty counter key by key in Python; zip and map over
    builtins let dict.update do the same additions without a Python step per key, which
    is most of what merging per-document counts costs.
    """
    if into is other:
        other = dict(other)
    if not into:
        dict.update(into, other)
        return
    keys = other.keys()
    dict.update(into, zip(keys, map(add, map(into.get, keys, repeat(0)), other.values()),
                          strict=True))


def content_chars(text: str) -> int:
    """Characters that count for per-10k rates: whitespace (and so line endings) left out."""
    return sum(map(len, text.split()))


@dataclass
class TermCounts:
    """Mergeable counts: term frequency and document frequency over any number of documents.

    `quoted` keeps the terms some document quoted, which are tagged as proper terms (nz)
    when no dictionary knows them; every other word's tag is looked up once, at the end.
    `nested` is the part of `counts` that stood inside longer tokens (污染防治 inside
    污染防治攻坚战): a lexicon term counts at every level.
    """

    counts: Counter[str] = field(default_factory=Counter)
    documents: Counter[str] = field(default_factory=Counter)
    nested: Counter[str] = field(default_factory=Counter)
    quoted: set[str] = field(default_factory=set)
    chars: int = 0
    n_documents: int = 0

    def add_document(self, word_counts: Mapping[str, int], chars: int,
                     stopwords: frozenset[str], quoted: Iterable[str] = (),
                     nested: Mapping[str, int] | None = None,
                     non_words: AbstractSet[str] | None = None) -> None:
        """Add one document, given how often each word occurs in it (and inside longer ones).

        `non_words` are the keys that are no words (Segmenter.non_words), when known.
        """
        self.merge(_one_document(Counter(word_counts), chars, stopwords, quoted, nested,
                                 non_words))

    def merge(self, other: TermCounts) -> TermCounts:
        add_counts(self.counts, other.counts)
        if other.n_documents == 1 and self.documents:
            self.documents.update(other.documents.keys())  # each is 1: counted in C
        else:
            add_counts(self.documents, other.documents)
        add_counts(self.nested, other.nested)
        self.quoted |= other.quoted
        self.chars += other.chars
        self.n_documents += other.n_documents
        return self


def _one_document(words: Counter[str], chars: int, stopwords: AbstractSet[str],
                  quoted: Iterable[str], nested: Mapping[str, int] | None,
                  non_words: AbstractSet[str] | None) -> TermCounts:
    """One document's TermCounts, made from `words` (which it takes over and changes)."""
    keys = words.keys()
    if non_words is None:
        non_words = {w for w in keys if not is_word(w)}
    for word in (keys & stopwords) | (keys & non_words):
        del words[word]
    inner: Counter[str] = Counter(nested or ())
    for word in inner.keys() & stopwords:
        del inner[word]
    found = {q for q in quoted if q in words}
    documents = Counter(dict.fromkeys(keys | inner.keys() if inner else keys, 1))
    if inner:
        add_counts(words, inner)
    return TermCounts(words, documents, inner, found, chars, 1)


def count_terms(text: str, segmenter: Segmenter) -> TermCounts:
    """Term counts of one document (pass the analysis text: offsets are not needed here)."""
    quoted = find_quoted_terms(text) if segmenter.quoted_terms else frozenset()
    words, non_words, compounds = segmenter.count_words(text, quoted)
    return _one_document(words, content_chars(text), segmenter.stopwords, quoted,
                         segmenter.nested_counts(words, compounds), non_words)


@dataclass(frozen=True)
class Keyword:
    term: str
    count: int
    per_10k: float
    documents: int
    in_lexicon: bool
    pos: str
    nested: int = 0  # how many of `count` stood inside longer tokens
    score: float = 0.0


def tfidf_score(count: int, idf: float) -> float:
    """A term's keyness in a text: (1 + ln count) times its idf in policy language.

    The log damps sheer repetition: a report says 政策 fifty times because every report
    does, and fifty times a low idf must not bury ten uses of 新型城镇化.
    """
    return (1.0 + math.log(count)) * idf if count > 0 else 0.0


@lru_cache(maxsize=1)
def policy_idf() -> Any:
    """The shipped paragraph document frequencies of the policy corpus (read once)."""
    from xzcli.tfidf import load_idf_table, policy_idf_path

    return load_idf_table(policy_idf_path())


def keyword_frequencies(
    counts: TermCounts,
    segmenter: Segmenter,
    *,
    top: int | None = 30,
    min_count: int = 1,
    pos_filter: PosFilter | None = None,
    min_length: int = 2,
    rank: str = DEFAULT_RANK,
    idf: Any = None,
) -> list[Keyword]:
    """The top content terms, by score (or count), then count, then term (deterministic).

    `rank="tfidf"` scores each term with `tfidf_score` against `idf` (a DocumentFrequencies
    table; the shipped policy table by default); `rank="count"` orders by count alone (the
    score is then the count). Terms are tagged in rank order and only until `top` are found:
    a folder's vocabulary runs to tens of thousands of words, the answer to a few dozen.
    """
    if rank not in RANKS:
        raise UsageError(f"--rank {rank!r}: choose one of {', '.join(RANKS)}")
    pos_filter = pos_filter or PosFilter()
    lexicon = segmenter.lexicon
    pos_of = segmenter.pos_of
    quoted = counts.quoted
    wanted = top if top is not None and top > 0 else None
    score_of: Callable[[str, int], float]
    if rank == "count":
        def score_of(term: str, count: int) -> float:
            return float(count)
    else:
        table = idf if idf is not None else policy_idf()

        def score_of(term: str, count: int) -> float:
            return round(tfidf_score(count, table.idf(term)), SCORE_DECIMALS)
    ranked = sorted(
        ((score_of(term, count), term, count) for term, count in counts.counts.items()
         if count >= min_count and len(term) >= min_length),
        key=lambda stc: (-stc[0], -stc[2], stc[1]),
    )
    chosen: list[Keyword] = []
    for score, term, count in ranked:
        in_lex = term in lexicon
        if not in_lex and is_number(term):
            continue
        tag = pos_of(term, quoted)
        if not pos_filter.keeps(tag, in_lex):
            continue
        rate = round(count * 10000 / counts.chars, 2) if counts.chars else 0.0
        chosen.append(Keyword(term, count, rate, counts.documents[term], in_lex, tag,
                              counts.nested.get(term, 0), score if rank != "count" else count))
        if wanted is not None and len(chosen) == wanted:
            break
    return chosen


# -- scoring a keyword list (what `xzcli keywords` and `xzcli.api.keywords` print) -----------
# The fields of one keyword in the JSON; the score comes last, so CSV columns of schema 1 keep
# their places.
KEYWORD_FIELDS = ("term", "count", "per_10k", "documents", "in_lexicon", "pos", "nested",
                  "score")


@dataclass(frozen=True)
class KeywordOptions:
    """How a keyword list is chosen (--top (0 = all), --min-count, --pos and --rank) and
    which lists there are: one over all inputs, one per document (`by="document"`) or one
    per value of a metadata field (`group_by`)."""

    top: int = 30
    min_count: int = 1
    pos_filter: PosFilter = field(default_factory=PosFilter)
    rank: str = DEFAULT_RANK
    by: str = "all"
    group_by: str | None = None


def ranking_idf(rank: str) -> tuple[Any, list[Any]]:
    """The IDF table a ranking weighs by (None for `count`) and its fingerprint for the
    envelope's dictionaries."""
    if rank not in RANKS:
        raise UsageError(f"--rank {rank!r}: choose one of {', '.join(RANKS)}")
    if rank == "count":
        return None, []
    from xzcli.data import sha256_of
    from xzcli.segment import DictionaryInfo
    from xzcli.tfidf import policy_idf_path

    table = policy_idf()
    path = policy_idf_path()
    return table, [DictionaryInfo(path.name, str(path), sha256_of(path.resolve()),
                                  len(table.df))]


def keyword_record(k: Keyword) -> dict[str, Any]:
    """One keyword as the JSON lists it (KEYWORD_FIELDS, in that order)."""
    return {"term": k.term, "count": k.count, "per_10k": k.per_10k, "documents": k.documents,
            "in_lexicon": k.in_lexicon, "pos": k.pos, "nested": k.nested, "score": k.score}


def top_keywords(counts: TermCounts, segmenter: Segmenter, options: KeywordOptions,
                 idf: Any = None) -> list[dict[str, Any]]:
    """The keyword list of some merged counts, as JSON records (`idf` from `ranking_idf`)."""
    return [keyword_record(k) for k in keyword_frequencies(
        counts, segmenter, top=options.top, min_count=options.min_count,
        pos_filter=options.pos_filter, rank=options.rank, idf=idf)]


# -- the analysis: what `xzcli keywords` and `xzcli.api.keywords` run --------------------------
SCHEMA = "xzcli.keywords/2"
# A row is a keyword with its rank; split lists put their source or --group-by field first.
COLUMNS = ("rank", *KEYWORD_FIELDS)
BY = ("all", "document")


def analyse(doc: Document, segmenter: Segmenter) -> TermCounts:
    """One document's term counts (they add up over documents)."""
    return count_terms(analysis_text(doc.text), segmenter)


def merge(left: TermCounts, right: TermCounts) -> TermCounts:
    """Two results as one: `left` takes in `right` (counts add up)."""
    return left.merge(right)


def document_keywords(source: str, counts: TermCounts, segmenter: Segmenter,
                      options: KeywordOptions, idf: Any = None) -> dict[str, Any]:
    """One document's own list, as `--by document` shows it: made as the document's counts
    arrive, so a run need not keep every document's vocabulary."""
    return {"source": source, "chars": counts.chars,
            "keywords": top_keywords(counts, segmenter, options, idf)}


def payload(total: TermCounts, options: KeywordOptions, segmenter: Segmenter,
            idf: Any = None, *, documents: Sequence[dict[str, Any]] = (),
            groups: Mapping[Any, TermCounts] | None = None) -> dict[str, Any]:
    """The JSON payload of `xzcli keywords` (after the envelope): the list over all inputs,
    then with `by="document"` the `documents` lists (from `document_keywords`), with
    `group_by` one list per group of `groups` (its merged counts by value), in value order.
    `idf` is the table from `ranking_idf` (None: the shipped one, for rank tfidf)."""
    from xzcli.usage import group_sort_key

    body: dict[str, Any] = {"rank": options.rank, "by": options.by,
                            "documents": total.n_documents, "chars": total.chars,
                            "keywords": top_keywords(total, segmenter, options, idf)}
    if options.by == "document":
        body["by_document"] = list(documents)
    elif options.group_by:
        grouped = groups or {}
        body["group_by"] = options.group_by
        body["groups"] = [
            {"value": value, "documents": grouped[value].n_documents,
             "chars": grouped[value].chars,
             "keywords": top_keywords(grouped[value], segmenter, options, idf)}
            for value in sorted(grouped, key=group_sort_key)
        ]
    return body


def split_field(body: Mapping[str, Any]) -> str | None:
    """The column that tells a payload's lists apart (source, or the --group-by field), or
    None for the one list over all inputs."""
    if "by_document" in body:
        return "source"
    if "groups" in body:
        return str(body["group_by"])
    return None


def rows(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A payload's table rows: each keyword with its rank (in its list), its list's source
    or group value first when the payload holds several lists."""
    if "by_document" in body:
        return [{"source": d["source"], "rank": rank_no, **kw} for d in body["by_document"]
                for rank_no, kw in enumerate(d["keywords"], start=1)]
    if "groups" in body:
        field_name = body["group_by"]
        return [{field_name: g["value"], "rank": rank_no, **kw} for g in body["groups"]
                for rank_no, kw in enumerate(g["keywords"], start=1)]
    return [{"rank": rank_no, **kw} for rank_no, kw in enumerate(body["keywords"], start=1)]


def columns(body: Mapping[str, Any]) -> tuple[str, ...]:
    """The columns of `rows(body)`, in order."""
    split_by = split_field(body)
    return ((split_by,) if split_by else ()) + COLUMNS


def lists(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The lists a payload holds, each with source, chars and keywords: one per document
    (by="document"), one per group (group_by; source reads "FIELD VALUE", value holds the
    value), else the one list over all inputs."""
    if "by_document" in body:
        return list(body["by_document"])
    if "groups" in body:
        return [{"source": f"{body['group_by']} {g['value']}", "chars": g["chars"],
                 "keywords": g["keywords"], "value": g["value"]} for g in body["groups"]]
    return [{"source": "", "chars": body["chars"], "keywords": body["keywords"]}]
