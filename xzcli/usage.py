"""Term usage across documents: counts, rates per 10,000 characters and years, mergeable."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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
