"""Term usage across documents: counts, rates per 10,000 characters and years, mergeable.

Per document, `analyse` counts each concept's hits (the very hits `kwic` lists) and notes the
document's year and characters; `merge` puts documents one after the other; `payload` lists
them, adds them up per year (--by-year) or per metadata value (--group-by) and says when
each term was first and last used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from xzcli.keywords import content_chars
from xzcli.kwic import Query, find_spans
from xzcli.segment import lexicon_containers
from xzcli.sources import STDIN, Document, analysis_text

# A plausible year of a policy document; digits on either side would make it another number.
_YEAR_IN_NAME = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# A date (year and month) as a byline or date line writes it: 2024年3月5日, 一九八二年九月.
_DATE_IN_TEXT = re.compile(r"(?<![\d〇零一二三四五六七八九])"
                           r"(1[89]\d\d|20\d\d|[一二][〇零一二三四五六七八九]{3})年"
                           r"\s*[0-9一二三四五六七八九十]{1,3}\s*月")
_HAN_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
# How many non-empty lines at the top of a text may carry its date (title, byline, date line),
# and the longest such line: years in body sentences (自从一九七六年十月…) are history, not dates.
_HEAD_LINES = 6
_DATE_LINE_MAX = 40
SPARKS = "▁▂▃▄▅▆▇█"
SCHEMA = "xzcli.usage/1"
# The first columns of a row; then "T" and "T per_10k" for each term T ("documents" after
# "chars" when rows are years or groups).
COLUMNS = ("source", "year", "chars")


@dataclass
class TermUsage:
    """Counts of each concept in one document, or in several merged (a year, a folder)."""

    source: str
    year: int | None
    chars: int
    counts: dict[str, int]
    documents: int = 1
    sources: list[str] = field(default_factory=list)
    # The part of `counts` standing inside a longer lexicon term (污染防治 in 污染防治攻坚战).
    nested: dict[str, int] = field(default_factory=dict)

    def per_10k(self) -> dict[str, float]:
        return {t: round(n * 10000 / self.chars, 2) if self.chars else 0.0
                for t, n in self.counts.items()}

    def merge(self, other: TermUsage) -> TermUsage:
        """Add another document's counts: the merged figures are sums, rates recomputed."""
        for term, n in other.counts.items():
            self.counts[term] = self.counts.get(term, 0) + n
        for term, n in other.nested.items():
            self.nested[term] = self.nested.get(term, 0) + n
        self.chars += other.chars
        self.documents += other.documents
        self.sources.extend(other.sources)
        return self


def year_of(source: str, text: str = "") -> int | None:
    """The year a document's file name carries (2024.txt, 2021-十四五规划纲要.txt), else the
    year of a date on a short line at its top (“（2017年10月18日）”, “一九八二年九月一日”),
    else None."""
    if source != STDIN:
        found = _YEAR_IN_NAME.search(PurePath(source).stem)
        if found:
            return int(found.group(1))
    head = [line.strip() for line in text[:4000].splitlines() if line.strip()][:_HEAD_LINES]
    for line in head:
        found = _DATE_IN_TEXT.search(line) if len(line) <= _DATE_LINE_MAX else None
        if found:
            return int("".join(_HAN_DIGITS.get(ch, ch) for ch in found.group(1)))
    return None


def count_usage(doc: Document, segmenter: Any = None, *, queries: Sequence[Query]) -> TermUsage:
    """One document's usage: hits per concept (the very hits `kwic` lists) and its rate base.

    Module-level and picklable with functools.partial, so it runs in worker processes; it
    needs no segmenter (exact-text counting), the argument is there for the pipeline.
    """
    folded = analysis_text(doc.text)
    counts = dict.fromkeys((q.concept for q in queries), 0)
    nested = dict.fromkeys(counts, 0)
    hosts = lexicon_containers()
    for start, _, q in find_spans(folded, queries):
        counts[q.concept] += 1
        if not q.regex and any(start >= k and folded.startswith(c, start - k)
                               for c, k in hosts.get(q.term, ())):
            nested[q.concept] += 1
    return TermUsage(doc.source, year_of(doc.source, doc.text), content_chars(doc.text), counts,
                     sources=[doc.source], nested=nested)


@dataclass(frozen=True)
class TermSummary:
    term: str
    count: int
    nested: int
    documents: int
    first_year: int | None
    last_year: int | None
    first_source: str | None
    last_source: str | None


def summarize(terms: Sequence[str], usages: Sequence[TermUsage]) -> list[TermSummary]:
    """Per term: total count, documents using it, and the first and last year it appears."""
    out = []
    for term in terms:
        using = [u for u in usages if u.counts.get(term, 0) > 0]
        dated = sorted((u.year, i) for i, u in enumerate(usages)
                       if u.year is not None and u.counts.get(term, 0) > 0)
        first = usages[dated[0][1]] if dated else (using[0] if using else None)
        last = usages[dated[-1][1]] if dated else (using[-1] if using else None)
        out.append(TermSummary(
            term=term,
            count=sum(u.counts.get(term, 0) for u in usages),
            nested=sum(u.nested.get(term, 0) for u in usages),
            documents=sum(u.documents for u in using),
            first_year=dated[0][0] if dated else None,
            last_year=dated[-1][0] if dated else None,
            first_source=first.source if first else None,
            last_source=last.source if last else None,
        ))
    return out


def by_year(usages: Iterable[TermUsage]) -> tuple[list[TermUsage], list[TermUsage]]:
    """Documents merged per year, oldest first, and the documents that carry no year."""
    years: dict[int, TermUsage] = {}
    undated: list[TermUsage] = []
    for u in usages:
        if u.year is None:
            undated.append(u)
            continue
        if u.year in years:
            years[u.year].merge(u)
        else:
            years[u.year] = TermUsage(str(u.year), u.year, u.chars, dict(u.counts), u.documents,
                                      list(u.sources), dict(u.nested))
    return [years[y] for y in sorted(years)], undated


def group_sort_key(value: Any) -> tuple[int, Any]:
    """Numbers (years) in order, then names in code-point order: the same order every run."""
    return (0, value) if isinstance(value, (int, float)) else (1, str(value))


def by_field(
    usages: Iterable[TermUsage], values: Sequence[Any]
) -> tuple[list[tuple[Any, TermUsage]], list[TermUsage]]:
    """Documents merged per metadata value (`values[i]` is document i's), in value order,
    and the documents that carry no value."""
    groups: dict[Any, TermUsage] = {}
    missing: list[TermUsage] = []
    for u, value in zip(usages, values, strict=True):
        if value is None:
            missing.append(u)
        elif value in groups:
            groups[value].merge(u)
        else:
            groups[value] = TermUsage(str(value), u.year if isinstance(value, int) else None,
                                      u.chars, dict(u.counts), u.documents, list(u.sources))
    return [(v, groups[v]) for v in sorted(groups, key=group_sort_key)], missing


def sparkline(values: Sequence[float]) -> str:
    """▁▂▃▄▅▆▇█ scaled to the largest value; a zero is a space so absence stands out."""
    top = max(values, default=0)
    if top <= 0:
        return " " * len(values)
    return "".join(
        " " if v <= 0 else SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1) + 0.5))]
        for v in values
    )



# -- the analysis: what `xzcli usage` and `xzcli.api.usage` run -------------------------------
@dataclass
class Usage:
    """Mergeable usage: each document's TermUsage, in input order."""

    documents: list[TermUsage] = field(default_factory=list)

    def merge(self, other: Usage) -> Usage:
        self.documents.extend(other.documents)
        return self


@dataclass(frozen=True)
class UsageOptions:
    """What is counted (the queries; `aliases` when they came from an aliases file, which the
    payload then lists) and what a row stands for: a document, a year (`by_year`) or a
    metadata value (`group_by`)."""

    queries: tuple[Query, ...]
    aliases: bool = False
    by_year: bool = False
    group_by: str | None = None

    @property
    def concepts(self) -> list[str]:
        """The concepts counted, in the order the terms were given."""
        return list(dict.fromkeys(q.concept for q in self.queries))

    @property
    def unit(self) -> str:
        """What one row stands for: document, year or the --group-by field."""
        return self.group_by or ("year" if self.by_year else "document")


def analyse(doc: Document, segmenter: Any = None, *, queries: Sequence[Query]) -> Usage:
    """One document's usage (see `count_usage`); the segmenter goes unused."""
    return Usage([count_usage(doc, queries=queries)])


def merge(left: Usage, right: Usage) -> Usage:
    """Two results as one: `right`'s documents after `left`'s (merge in input order)."""
    return left.merge(right)


def group_value(meta: Mapping[str, Any], usage: TermUsage, field_name: str) -> Any:
    """A document's value for --group-by: its metadata, and for year the year the text
    carries when the file name and --meta say none (as --by-year finds it)."""
    value = meta.get(field_name)
    if value is None and field_name == "year":
        value = usage.year
    return value


def _units(result: Usage, options: UsageOptions, values: Sequence[Any]
           ) -> tuple[list[tuple[Any, TermUsage]], list[TermUsage]]:
    """The documents added up into what a row stands for (value and merged usage), and the
    documents left out for want of a year or a --group-by value."""
    if options.group_by:
        return by_field(result.documents, values)
    if options.by_year:
        years, undated = by_year(result.documents)
        return [(y.year, y) for y in years], undated
    return [(u.source, u) for u in result.documents], []


def left_out(result: Usage, options: UsageOptions, values: Sequence[Any] = ()
             ) -> list[TermUsage]:
    """The documents --by-year or --group-by leaves out: those with no year, no value."""
    return _units(result, options, values)[1]


def payload(result: Usage, options: UsageOptions, values: Sequence[Any] = ()
            ) -> dict[str, Any]:
    """The JSON payload of `xzcli usage` (after the envelope). `values` are the documents'
    --group-by values (`group_value`), in input order, when `options.group_by` is set."""
    concepts = options.concepts
    documents = result.documents
    body: dict[str, Any] = {"terms": concepts,
                            "documents": [_record(u, concepts) for u in documents]}
    if options.aliases:
        body["aliases"] = {c: [q.term for q in options.queries if q.concept == c]
                           for c in concepts}
    if options.group_by:
        groups, _ = _units(result, options, values)
        body["group_by"] = options.group_by
        body["groups"] = [
            {"value": v, "documents": g.documents, "sources": g.sources, "chars": g.chars,
             "counts": g.counts, "per_10k": g.per_10k()} for v, g in groups
        ]
    elif options.by_year:
        years, _ = _units(result, options, values)
        body["years"] = [
            {"year": y.year, "documents": y.documents, "sources": y.sources, "chars": y.chars,
             "counts": y.counts, "nested": y.nested, "per_10k": y.per_10k()} for _, y in years
        ]
    body["summary"] = [vars(s) for s in summarize(concepts, documents)]
    return body


def _record(u: TermUsage, terms: list[str]) -> dict[str, Any]:
    return {"source": u.source, "year": u.year, "chars": u.chars,
            "counts": {t: u.counts[t] for t in terms},
            "nested": {t: u.nested.get(t, 0) for t in terms}, "per_10k": u.per_10k()}


def rows(result: Usage, options: UsageOptions, values: Sequence[Any] = ()
         ) -> list[dict[str, Any]]:
    """The table rows: one per document, year or group, with each term's count and rate."""
    concepts = options.concepts
    grouped = options.unit != "document"
    out = []
    for _, u in _units(result, options, values)[0]:
        row: dict[str, Any] = {"source": u.source, "year": u.year, "chars": u.chars}
        if grouped:
            row["documents"] = u.documents
        rates = u.per_10k()
        for t in concepts:
            row[t] = u.counts[t]
            row[f"{t} per_10k"] = rates[t]
        out.append(row)
    return out


def records(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What `--format jsonl` writes: one object per group, year or document."""
    return list(body.get("groups", body.get("years", body["documents"])))


def unit(body: Mapping[str, Any]) -> str:
    """What one row of a payload stands for: document, year or the --group-by field."""
    if "groups" in body:
        return str(body["group_by"])
    return "year" if "years" in body else "document"
