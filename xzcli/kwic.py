"""Keyword in context: every place a term stands in a text, with its context, line and section.

Per document, `analyse` finds every hit of the queries (exact terms in one scan, aliases of a
concept folded together) with its context, line, section and token boundaries; `merge` puts
two documents' hits one after the other; `payload` orders them and counts them per term.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from xzcli.errors import DictionaryError, UsageError
from xzcli.matching import LiteralMatcher
from xzcli.offsets import line_number, line_starts, token_starts
from xzcli.segment import CLAUSE_BREAKS, find_quoted_terms
from xzcli.sources import Document, analysis_text

_CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_BREAKS)}]")

if TYPE_CHECKING:
    from xzcli.segment import Segmenter

SCHEMA = "xzcli.kwic/1"
# The fields of a hit, in the JSON and as table columns.
COLUMNS = ("source", "offset", "line", "left", "match", "right", "section", "whole_token",
           "term", "concept", "inside")
DEFAULT_WIDTH = 20
SORTS = ("position", "left", "right")
# Separators of a comma list of terms and of the aliases in an aliases file.
_LIST_SEPARATORS = re.compile(r"[,，、]")
_CONCEPT_SEPARATOR = re.compile(r"[:：]")


class Context(NamedTuple):
    """One occurrence: the text before it, the match itself, the text after, and its span."""

    left: str
    match: str
    right: str
    start: int
    end: int


@dataclass(frozen=True)
class Query:
    """One searched text and the concept it counts for (the term itself without aliases)."""

    term: str
    concept: str
    regex: bool = False
    ignore_case: bool = False

    def pattern(self) -> Any:
        """The compiled search; exact terms use a lookahead so overlapping places all count.

        A user's --regex is compiled by the `regex` module (the syntax of `re`, plus \\p{Han}
        and the like), whose searches take a time budget: see `REGEX_SECONDS`.
        """
        flags = re.IGNORECASE if self.ignore_case else 0
        if self.regex:
            import regex

            try:
                return regex.compile(self.term, regex.IGNORECASE if self.ignore_case else 0)
            except (regex.error, OverflowError, RecursionError) as exc:
                raise UsageError(f"--regex: {_brief(self.term)} is not a valid pattern "
                                 f"({_brief(str(exc), quote=False)})") from None
        # Fold the term like the text (full-width letters and digits) so ５Ｇ finds 5G.
        return re.compile(f"(?=({re.escape(analysis_text(self.term))}))", flags)


# Processor seconds one --regex may spend on one document. A pattern that backtracks
# catastrophically ((a+)+$, (a|aa)+$) would otherwise run for years on a long line; any
# reasonable pattern scans a whole government work report in milliseconds.
REGEX_SECONDS = 5.0


def _brief(text: str, *, quote: bool = True, limit: int = 80) -> str:
    shown = text if len(text) <= limit else text[:limit] + "…"
    return repr(shown) if quote else shown


def _regex_spans(folded: str, query: Query) -> list[tuple[int, int]]:
    # Collected in one go: the budget covers the whole scan, and the time a caller spends
    # between matches must not count against it.
    try:
        return [m.span() for m in query.pattern().finditer(folded, timeout=REGEX_SECONDS)]
    except TimeoutError:
        raise UsageError(
            f"--regex: {_brief(query.term)} took over {REGEX_SECONDS:g} s on one document and "
            "was stopped; it backtracks too much (nested repeats such as (a+)+ or (a|aa)+): "
            "write it more specifically"
        ) from None


def occurrences(folded: str, query: Query) -> Iterator[tuple[int, int]]:
    """Spans of a query in an analysis text (see `xzcli.sources.analysis_text`).

    An exact term is found at every place its characters stand, overlapping places included:
    新新 stands twice in 新新新, as a reader counting by hand would count it (grep -o counts
    once). A --regex pattern follows the regex convention: non-overlapping, empty matches
    skipped.
    """
    if not query.regex and not query.ignore_case:
        # str.find stepping one character on: several times faster than a lookahead regex.
        needle = analysis_text(query.term)
        if not needle:
            return
        at = folded.find(needle)
        while at >= 0:
            yield at, at + len(needle)
            at = folded.find(needle, at + 1)
        return
    if query.regex:
        for start, end in _regex_spans(folded, query):
            if end > start:
                yield start, end
        return
    for m in query.pattern().finditer(folded):
        start, end = m.span(1)
        if end > start:
            yield start, end


def count_occurrences(folded: str, query: Query) -> int:
    """How many places a query stands in an analysis text: what `kwic` lists, `usage` counts."""
    return sum(1 for _ in occurrences(folded, query))


def keyword_in_context(
    text: str,
    keyword: str,
    *,
    window_width: int = DEFAULT_WIDTH,
    ignore_case: bool = False,
    regex: bool = False,
) -> Iterator[Context]:
    """Every occurrence of keyword in text with `window_width` characters either side.

    Matching runs on the analysis text (full-width letters folded, CR read as a line end);
    the contexts and the match are cut from `text` exactly as given, so
    `text[c.start:c.end] == c.match` always holds.
    """
    query = Query(keyword, keyword, regex=regex, ignore_case=ignore_case)
    for start, end in occurrences(analysis_text(text), query):
        yield Context(text[max(0, start - window_width):start], text[start:end],
                      text[end:end + window_width], start, end)


# -- terms, concepts and aliases ---------------------------------------------------------------
def split_terms(raw: str) -> list[str]:
    """A comma list of terms (`,` `，` or `、`) as typed on the command line, blanks dropped."""
    return [t.strip() for t in _LIST_SEPARATORS.split(raw) if t.strip()]


def parse_aliases(text: str, source: str = "aliases") -> dict[str, tuple[str, ...]]:
    """An aliases file: one `concept: alias, alias …` per line, `#` comments, blank lines.

    The concept name always counts as one of its own aliases. Separators may be ASCII or
    full-width (`：` `，` `、`), so a file typed with a Chinese input method works.
    """
    concepts: dict[str, tuple[str, ...]] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = _CONCEPT_SEPARATOR.split(line, maxsplit=1)
        concept = parts[0].strip()
        if len(parts) != 2 or not concept:
            raise DictionaryError(
                f"{source}:{lineno}: expected 'concept: alias, alias …', got {line!r}"
            )
        if concept in concepts:
            raise DictionaryError(f"{source}:{lineno}: concept {concept!r} is defined twice")
        aliases = [concept, *split_terms(parts[1])]
        concepts[concept] = tuple(dict.fromkeys(aliases))
    return concepts


def read_aliases(path: Path | str) -> dict[str, tuple[str, ...]]:
    """Read an aliases file (UTF-8, GB18030 or UTF-16, detected like any input)."""
    from xzcli.errors import InputError
    from xzcli.sources import read_document

    try:
        doc = read_document(str(path))
    except InputError as exc:
        raise DictionaryError(f"--aliases: {exc}") from None
    return parse_aliases(doc.text, str(path))


def build_queries(
    terms: Sequence[str],
    aliases: dict[str, tuple[str, ...]] | None = None,
    *,
    regex: bool = False,
    ignore_case: bool = False,
) -> list[Query]:
    """The searches for the user's terms: a concept (or one of its aliases) brings all aliases."""
    if not terms:
        raise UsageError("no term given; name a term, a comma list of terms, or -e TERM")
    by_alias: dict[str, str] = {}
    for concept, names in (aliases or {}).items():
        for name in names:
            by_alias.setdefault(name, concept)
    if any(not term for term in terms):
        raise UsageError("an empty term matches nothing; give the text to look for")
    queries: dict[tuple[str, str], Query] = {}
    for term in terms:
        concept = term if regex else by_alias.get(term, term)
        names = (aliases or {}).get(concept, (term,)) if not regex else (term,)
        for name in names:
            queries.setdefault((name, concept), Query(name, concept, regex, ignore_case))
    return list(queries.values())


# -- hits ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    """One occurrence with everything a reader needs to find it again."""

    source: str
    offset: int
    line: int
    left: str
    match: str
    right: str
    section: str | None
    whole_token: bool
    term: str
    concept: str
    # The longer token this hit is an inner term of (污染防治 in 污染防治攻坚战), else None.
    inside: str | None = None

    @property
    def end(self) -> int:
        return self.offset + len(self.match)


@lru_cache(maxsize=16)
def _exact_matcher(queries: tuple[Query, ...]) -> tuple[dict[str, list[Query]], LiteralMatcher]:
    """One automaton for all exact queries (built once per set of queries), and the queries
    each folded term stands for (５Ｇ and 5G, or one term under two concepts)."""
    by_needle: dict[str, list[Query]] = {}
    for q in queries:
        by_needle.setdefault(analysis_text(q.term), []).append(q)
    return by_needle, LiteralMatcher(by_needle)


def _all_occurrences(folded: str, queries: Sequence[Query]) -> list[tuple[int, int, Query]]:
    """Every span of every query: exact terms in one scan of the text, each found at every
    place it stands (overlapping places too), --regex and --ignore-case queries one by one."""
    found = [(s, e, q) for q in queries if q.regex or q.ignore_case
             for s, e in occurrences(folded, q)]
    exact = tuple(q for q in queries if not q.regex and not q.ignore_case)
    if exact:
        by_needle, matcher = _exact_matcher(exact)
        found += [(s, e, q) for s, e, needle in matcher.occurrences(folded)
                  for q in by_needle[needle]]
    return found


def find_spans(folded: str, queries: Sequence[Query]) -> list[tuple[int, int, Query]]:
    """Spans of all queries by position; an alias inside a longer alias of its concept is dropped.

    So 新质生产力 and 生产力 as aliases of one concept count 新质生产力 once, while two
    separate terms each keep their own hits.
    """
    spans = sorted(_all_occurrences(folded, queries),
                   key=lambda x: (x[0], -x[1], x[2].concept, x[2].term))
    kept: list[tuple[int, int, Query]] = []
    # Furthest end reached so far by each concept's kept spans: spans come sorted by start, so
    # a span ending before it lies inside a longer alias (one term's spans never nest).
    reach: dict[str, int] = {}
    for s, e, q in spans:
        if e <= reach.get(q.concept, -1):
            continue
        kept.append((s, e, q))
        reach[q.concept] = e
    return kept


class _Tokens:
    """The tokens a hit is judged against: the words of a text (or of the clauses that hold
    hits, cut alone and joined), with where each starts."""

    def __init__(self, words: list[str], segmenter: Segmenter) -> None:
        self.words = words
        self.starts = token_starts(words)
        self._segmenter = segmenter

    def mark(self, start: int, end: int) -> tuple[bool, str | None]:
        """(whole_token, inside) for the span start:end of the cut text: whole when it starts
        a non-space token and ends one; else the token holding it when it is one of that
        token's inner lexicon terms (Segmenter.inner_spans), else not whole."""
        words, starts = self.words, self.starts
        i = bisect_right(starts, start) - 1
        word = words[i]
        j = bisect_left(starts, end, i)
        if (starts[i] == start and not word.isspace() and j < len(starts)
                and starts[j] == end and not words[j - 1].isspace()):
            return True, None
        if len(word) > 2:
            k, length = start - starts[i], end - start
            for term, at in self._segmenter.inner_terms(word):
                if at == k and len(term) == length:
                    return True, word
        return False, None


def _whole_text_tokens(folded: str, segmenter: Segmenter, protected: list[str]) -> _Tokens:
    return _Tokens(segmenter.words(folded, protected), segmenter)


def _clause_tokens(folded: str, spans: Sequence[tuple[int, int, Query]],
                   segmenter: Segmenter, protected: list[str]
                   ) -> tuple[_Tokens, list[int]] | None:
    """The tokens of only the clauses that hold a hit, and for each span the shift from its
    offset in the text to its offset in those clauses; None when a span holds a clause
    break (a term with ，or a newline in it), which only the whole text's cut can judge.

    The clauses are themes' (segment.CLAUSE_BREAKS: characters both engines always give
    a token of their own, that no quoted term holds; an analysis text has no CR, so a
    newline always breaks), so a clause is cut alone exactly as inside the whole text,
    protected quoted terms included: the tokens around every hit are the whole text's. A
    handful of terms stand in few clauses, so most of a text is never cut, nor split.
    """
    breaks, chars = _CLAUSE_BREAK, CLAUSE_BREAKS
    clauses: dict[int, int] = {}  # start -> end of each clause that holds a hit
    where: list[int] = []
    floor = 0  # the previous span's clause start: spans come by start
    for s, e, _ in spans:
        found = breaks.search(folded, s)
        end = found.start() if found else len(folded)
        if end < e:
            return None
        # The last break before s, looked for back to the previous clause only.
        start = max(floor, *(folded.rfind(ch, floor, s) + 1 for ch in chars))
        clauses[start] = end
        where.append(start)
        floor = start
    shift: dict[int, int] = {}  # clause start -> where it stands in the joined clauses, less
    at = 0
    for start, end in clauses.items():
        shift[start] = at - start
        at += end - start + 1
    joined = "。".join(folded[start:end] for start, end in clauses.items())
    return _Tokens(segmenter.words(joined, protected), segmenter), [shift[i] for i in where]


def _section_finder(text: str) -> Callable[[int], str | None]:
    """offset -> heading of its section, or None while xzcli.structure is not installed."""
    try:
        from xzcli.structure import parse_structure
    except ImportError:
        return lambda offset: None
    sections = parse_structure(text).sections
    starts = [s.start for s in sections]

    def heading(offset: int) -> str | None:
        # Structure.section_at, without rebuilding the list of starts for every hit.
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset >= sections[i].end:
            return None
        return sections[i].heading

    return heading


def find_hits(
    source: str,
    text: str,
    queries: Sequence[Query],
    segmenter: Segmenter | None = None,
    *,
    width: int = DEFAULT_WIDTH,
    tokens_only: bool = False,
) -> list[Hit]:
    """Every hit of the queries in one document, by position.

    `text` is the document exactly as read; offsets, lines and contexts refer to it. With a
    segmenter `whole_token` says whether a hit starts and ends on token boundaries (新区
    inside 高新区 does not), or is a lexicon term inside a longer token (污染防治 inside
    污染防治攻坚战: `inside` names that token); without one it is False. The hits are found
    first, then only the clauses that hold them are segmented (`_clause_tokens`), with the
    whole text's quoted terms kept whole: the same tokens as segmenting the whole text.
    """
    folded = analysis_text(text)
    spans = find_spans(folded, queries)
    if not spans:
        return []
    marks: list[tuple[bool, str | None]] | None = None
    if segmenter is not None:
        protected = sorted(find_quoted_terms(folded)) if segmenter.quoted_terms else []
        cut = _clause_tokens(folded, spans, segmenter, protected)
        if cut is None:
            tokens = _whole_text_tokens(folded, segmenter, protected)
            marks = [tokens.mark(s, e) for s, e, _ in spans]
        else:
            tokens, shifts = cut
            marks = [tokens.mark(s + d, e + d)
                     for (s, e, _), d in zip(spans, shifts, strict=True)]
    lines = line_starts(folded)
    section_of = _section_finder(text)
    hits: list[Hit] = []
    for n, (s, e, q) in enumerate(spans):
        whole, host = marks[n] if marks is not None else (False, None)
        if tokens_only and not whole:
            continue
        hits.append(Hit(
            source=source,
            offset=s,
            line=line_number(lines, s),
            left=text[max(0, s - width):s],
            match=text[s:e],
            right=text[e:e + width],
            section=section_of(s),
            whole_token=whole,
            term=q.term,
            concept=q.concept,
            inside=host,
        ))
    return hits


def check_sort(order: str) -> str:
    """The order hits are listed in, or a UsageError naming the choices."""
    if order not in SORTS:
        raise UsageError(f"--sort: {order!r}; choose position, left or right")
    return order


def sort_hits(hits: Iterable[Hit], order: str = "position") -> list[Hit]:
    """Hits by position (input order, then offset), or by left / right context like a concordancer.

    `left` sorts by the left context read backwards from the match, so words that end just
    before the term group together; `right` by the context that follows. Both compare
    characters by code point and fall back on position, so the order is deterministic.
    """
    hits = list(hits)
    if check_sort(order) == "position":
        return hits  # already in input order and by offset within each input
    position = {id(h): i for i, h in enumerate(hits)}
    if order == "left":
        return sorted(hits, key=lambda h: (h.match, h.left[::-1], position[id(h)]))
    return sorted(hits, key=lambda h: (h.match, h.right, position[id(h)]))


# -- the analysis: what `xzcli kwic` and `xzcli.api.kwic` run ---------------------------------
@dataclass
class Hits:
    """Mergeable hits: those of any number of documents, in input order and by offset within
    each document, and how many documents were searched."""

    hits: list[Hit] = field(default_factory=list)
    documents: int = 0

    def merge(self, other: Hits) -> Hits:
        self.hits.extend(other.hits)
        self.documents += other.documents
        return self


@dataclass(frozen=True)
class KwicOptions:
    """What is searched (the terms as given, and the queries made of them) and how hits are
    shown: characters of context either side, whole tokens only, and their order."""

    terms: tuple[str, ...]
    queries: tuple[Query, ...]
    width: int = DEFAULT_WIDTH
    tokens_only: bool = False
    sort: str = "position"


def analyse(doc: Document, segmenter: Segmenter | None, *, queries: Sequence[Query],
            width: int = DEFAULT_WIDTH, tokens_only: bool = False) -> Hits:
    """One document's hits (see `find_hits`)."""
    return Hits(find_hits(doc.source, doc.text, queries, segmenter, width=width,
                          tokens_only=tokens_only), 1)


def merge(left: Hits, right: Hits) -> Hits:
    """Two results as one: `right`'s hits after `left`'s (merge in input order)."""
    return left.merge(right)


def hit_record(hit: Hit) -> dict[str, Any]:
    """One hit as the JSON lists it (COLUMNS, in that order)."""
    return {f: getattr(hit, f) for f in COLUMNS}


def payload(result: Hits, options: KwicOptions) -> dict[str, Any]:
    """The JSON payload of `xzcli kwic` (after the envelope): the terms as given, each
    query's count, the number of hits and of documents, and the hits in `options.sort`
    order."""
    hits = sort_hits(result.hits, options.sort)
    per_term: dict[tuple[str, str], int] = {(q.term, q.concept): 0 for q in options.queries}
    for h in hits:
        per_term[(h.term, h.concept)] += 1
    return {
        "term": ",".join(options.terms),
        "terms": [{"term": t, "concept": c, "count": n} for (t, c), n in per_term.items()],
        "count": len(hits),
        "documents": result.documents,
        "hits": [hit_record(h) for h in hits],
    }
