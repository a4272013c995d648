"""One report over many documents: the results of the other commands, gathered for one page.

Nothing here analyses text itself: every number comes from the functions the `keywords`,
`themes`, `tfidf`, `usage`, `kwic`, `figures` and `lint` commands call, so the report always
says what those commands say. Two passes over the inputs: the first runs every analysis (and
finds the top lexicon terms), the second counts and places the terms the usage and dispersion
sections follow, which may be those top terms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xzcli.keywords import PosFilter, TermCounts, count_terms, keyword_frequencies
from xzcli.sources import Document, analysis_text

if TYPE_CHECKING:
    from xzcli.figures import Figure
    from xzcli.kwic import Query
    from xzcli.lint import Finding
    from xzcli.pipeline import InputInfo
    from xzcli.segment import Segmenter
    from xzcli.tfidf import DocumentFrequencies, TfidfUnits
    from xzcli.themes import DocumentThemes, ThemeSet
    from xzcli.usage import TermUsage

SCHEMA = "xzcli.report/1"
LEAD = "(before the first heading)"


@dataclass(frozen=True)
class ReportOptions:
    """How much of each result the report shows (the JSON holds exactly what the page shows)."""

    keywords: int = 20
    terms: tuple[str, ...] = ()  # the usage and dispersion terms; empty: the top lexicon terms
    default_terms: int = 5
    tfidf_terms: int = 10
    sentences: int = 3
    rows: int = 20  # figures and lint findings listed per document (all are counted)
    title: str | None = None


# -- pass 1: every analysis, once per document ------------------------------------------------
@dataclass(frozen=True)
class DocumentAnalysis:
    """One document's results from every analysis: small, picklable, computed in one read."""

    source: str
    title: str | None
    year: int | None
    counts: TermCounts
    themes: DocumentThemes
    tfidf: TfidfUnits  # its one unit, packed, as `xzcli tfidf` weighs it
    figures: tuple[Figure, ...]
    findings: tuple[Finding, ...]


def analyse_document(doc: Document, segmenter: Segmenter, *, themes: ThemeSet
                     ) -> DocumentAnalysis:
    """The per-document task (module level and picklable with functools.partial).

    Each call below is the one the matching command's own task makes on the document.
    """
    from xzcli.figures import find_figures
    from xzcli.lint import lint_text, select_rules
    from xzcli.structure import parse_structure
    from xzcli.tfidf import analyse as tfidf_units
    from xzcli.themes import theme_document
    from xzcli.usage import year_of

    folded = analysis_text(doc.text)
    structure = parse_structure(doc.text)
    return DocumentAnalysis(
        source=doc.source,
        title=structure.title.text.strip() if structure.title is not None else None,
        year=year_of(doc.source, doc.text),
        counts=count_terms(folded, segmenter),
        themes=theme_document(doc.text, themes),
        tfidf=tfidf_units(doc, segmenter, by="document"),
        figures=tuple(find_figures(folded, original=doc.text)),
        findings=tuple(lint_text(folded, select_rules(),
                                 markdown=doc.source.lower().endswith(".md"))),
    )


def total_counts(analyses: Sequence[DocumentAnalysis]) -> TermCounts:
    """Keyword counts over all documents (they add up, as in `xzcli keywords`)."""
    total = TermCounts()
    for analysis in analyses:
        total.merge(analysis.counts)
    return total


def top_lexicon_terms(total: TermCounts, segmenter: Segmenter, n: int) -> list[str]:
    """The n most frequent lexicon terms: the default terms to follow (`keywords --pos
    lexicon`)."""
    found = keyword_frequencies(total, segmenter, top=n,
                                pos_filter=PosFilter(prefixes=(), lexicon=True))
    return [k.term for k in found]


# -- pass 2: where the chosen terms stand ------------------------------------------------------
@dataclass(frozen=True)
class Placement:
    """One document's usage of the chosen terms (as `xzcli usage` counts it) and the offsets of
    every hit (as `xzcli kwic` lists them), in the text as read."""

    usage: TermUsage
    length: int
    positions: dict[str, tuple[int, ...]]


def place_terms(doc: Document, segmenter: Any = None, *, queries: Sequence[Query]
                ) -> Placement:
    """The per-document task of the second pass (needs no segmenter)."""
    from xzcli.kwic import find_spans
    from xzcli.usage import count_usage

    usage = count_usage(doc, queries=queries)
    positions: dict[str, list[int]] = {q.concept: [] for q in queries}
    for start, _, query in find_spans(analysis_text(doc.text), queries):
        positions[query.concept].append(start)
    return Placement(usage, len(doc.text), {t: tuple(p) for t, p in positions.items()})


def term_queries(terms: Sequence[str]) -> list[Query]:
    from xzcli.kwic import build_queries

    return build_queries(list(terms)) if terms else []


# -- the data of the page ---------------------------------------------------------------------
def build_report(
    inputs: Sequence[InputInfo],
    analyses: Sequence[DocumentAnalysis],
    placements: Sequence[Placement],
    *,
    segmenter: Segmenter,
    themes: ThemeSet,
    terms: Sequence[str],
    terms_chosen: str,
    idf: DocumentFrequencies | None,
    idf_label: str,
    options: ReportOptions = ReportOptions(),
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data, in input order."""
    total = total_counts(analyses)
    return {
        "title": options.title or _title(analyses),
        "overview": _overview(inputs, analyses),
        "keywords": _keywords(total, segmenter, options.keywords),
        "themes": _themes(analyses, themes),
        "tfidf": _tfidf(analyses, idf, idf_label, options),
        "usage": _usage(placements, list(terms), terms_chosen),
        "dispersion": _dispersion(placements, analyses, list(terms)),
        "figures": _figures(analyses, options.rows),
        "lint": _lint(analyses, options.rows),
    }


def _title(analyses: Sequence[DocumentAnalysis]) -> str:
    """The document's title; for several, their common title (政府工作报告) and years."""
    titles = {a.title for a in analyses}
    if len(analyses) == 1 and analyses[0].title:
        return analyses[0].title
    years = sorted({a.year for a in analyses if a.year is not None})
    span = (f" {years[0]}–{years[-1]}" if len(years) > 1 else f" {years[0]}") if years else ""
    common = titles.pop() if len(titles) == 1 else None
    if common:
        return f"{common}{span} · {len(analyses)} documents"
    return f"xzcli report{span} · {len(analyses)} documents"


def _overview(inputs: Sequence[InputInfo], analyses: Sequence[DocumentAnalysis]
              ) -> dict[str, Any]:
    years = sorted({a.year for a in analyses if a.year is not None})
    return {
        "documents": len(analyses),
        "chars": sum(i.chars for i in inputs),
        "years": years,
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "undated": sum(1 for a in analyses if a.year is None),
        "sources": [{"source": i.source, "title": a.title, "year": a.year,
                     "encoding": i.encoding, "chars": i.chars}
                    for i, a in zip(inputs, analyses, strict=True)],
    }


def _keywords(total: TermCounts, segmenter: Segmenter, top: int) -> dict[str, Any]:
    """The payload of `xzcli keywords --top N` over the same inputs."""
    found = keyword_frequencies(total, segmenter, top=top)
    return {
        "documents": total.n_documents,
        "chars": total.chars,
        "keywords": [{"term": k.term, "count": k.count, "per_10k": k.per_10k,
                      "documents": k.documents, "in_lexicon": k.in_lexicon, "pos": k.pos,
                      "nested": k.nested, "score": k.score}
                     for k in found],
    }


def _theme_unit(label: str, scores: Any, **where: Any) -> dict[str, Any]:
    return {"label": label, **where, "scores": scores.as_dict(),
            "shares": {s.theme: s.share for s in scores.scores}, "top_theme": scores.top_theme}


def _themes(analyses: Sequence[DocumentAnalysis], themes: ThemeSet) -> dict[str, Any]:
    """Shares per section for one document (`themes --by section`), per document for several;
    the overall scores are those of `xzcli themes` over the same inputs."""
    from xzcli.themes import score_counts

    overall_counts: Counter[str] = Counter()
    for a in analyses:
        overall_counts.update(a.themes.counts())
    overall = score_counts(overall_counts, themes)
    units: list[dict[str, Any]] = []
    if len(analyses) == 1:
        doc = analyses[0].themes
        for position, section in enumerate(doc.sections):
            unit = score_counts(doc.section_counts(position), themes)
            units.append(_theme_unit(section.heading or LEAD, unit, index=position + 1,
                                     heading=section.heading, level=section.level,
                                     offset=section.offset))
    else:
        for a in analyses:
            units.append(_theme_unit(a.source, score_counts(a.themes.counts(), themes),
                                     source=a.source))
    return {
        "names": list(themes.names),
        "theme_file": themes.name,
        "by": "section" if len(analyses) == 1 else "document",
        "top_theme": overall.top_theme,
        "overall": [{"theme": s.theme, "score": s.score, "share": s.share}
                    for s in overall.scores],
        "units": units,
    }


def _tfidf(analyses: Sequence[DocumentAnalysis], idf: DocumentFrequencies | None,
           idf_label: str, options: ReportOptions) -> dict[str, Any]:
    """What `xzcli tfidf --by document` gives: log tf, the policy IDF for fewer than ten
    inputs, the inputs themselves for more (weighed as that command weighs them, with no
    scikit-learn to import)."""
    from xzcli.tfidf import TfidfOptions, TfidfUnits, payload

    total = TfidfUnits()
    for analysis in analyses:
        total.merge(analysis.tfidf)
    body = payload(total, TfidfOptions(by="document", top=options.tfidf_terms,
                                       sentences=options.sentences, sublinear=True, idf=idf,
                                       idf_label=idf_label))
    return {
        "by": "document",
        "tf": "log",
        "idf": idf_label,
        "documents": [{key: record[key] for key in ("source", "terms", "summary")}
                      for record in body["documents"]],
    }


def _usage(placements: Sequence[Placement], terms: list[str], chosen: str) -> dict[str, Any]:
    """What `xzcli usage --by-year -t TERM ...` gives, documents and years."""
    from xzcli.usage import by_year, summarize

    usages = [p.usage for p in placements]
    years, undated = by_year(usages)  # copies: the documents' own counts stay as they are
    return {
        "terms": terms,
        "chosen": chosen,
        "documents": [{"source": u.source, "year": u.year, "chars": u.chars,
                       "counts": {t: u.counts.get(t, 0) for t in terms},
                       "nested": {t: u.nested.get(t, 0) for t in terms}, "per_10k": u.per_10k()}
                      for u in usages],
        "years": [{"year": y.year, "documents": y.documents, "chars": y.chars,
                   "counts": dict(y.counts), "nested": dict(y.nested), "per_10k": y.per_10k()}
                  for y in years],
        "undated": [u.source for u in undated],
        "summary": [vars(s) for s in summarize(terms, usages)],
    }


def _dispersion(placements: Sequence[Placement], analyses: Sequence[DocumentAnalysis],
                terms: list[str]) -> dict[str, Any]:
    """Hit offsets per term and document, and where each document's headings stand."""
    headings = {a.source: [s.offset for s in a.themes.sections if s.offset is not None]
                for a in analyses}
    return {
        "terms": terms,
        "documents": [{"source": p.usage.source, "length": p.length,
                       "headings": headings.get(p.usage.source, []),
                       "positions": {t: list(p.positions.get(t, ())) for t in terms}}
                      for p in placements],
    }


def _figure_row(source: str, f: Figure) -> dict[str, Any]:
    return {"source": source, "line": f.line, "offset": f.start, "text": f.text,
            "value": f.value, "unit": f.unit, "kind": f.kind, "item_kind": f.item_kind,
            "qualifier": f.qualifier,
            "context": f.context}


def _ranked(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _figures(analyses: Sequence[DocumentAnalysis], rows: int) -> dict[str, Any]:
    """The rows of `xzcli figures` (the first `rows` of each document) and counts by kind."""
    documents = []
    overall: Counter[str] = Counter()
    for a in analyses:
        kinds = Counter(f.kind for f in a.figures)
        overall.update(kinds)
        documents.append({"source": a.source, "total": len(a.figures), "by_kind": _ranked(kinds),
                          "figures": [_figure_row(a.source, f) for f in a.figures[:rows]]})
    return {"total": sum(overall.values()), "by_kind": _ranked(overall), "documents": documents}


def _lint(analyses: Sequence[DocumentAnalysis], rows: int) -> dict[str, Any]:
    """The findings of `xzcli lint` (the first `rows` of each document) and counts by rule."""
    documents = []
    overall: Counter[str] = Counter()
    for a in analyses:
        rules = Counter(f.rule for f in a.findings)
        overall.update(rules)
        documents.append({
            "source": a.source, "total": len(a.findings), "by_rule": _ranked(rules),
            "findings": [{"source": a.source, "line": f.line, "column": f.column,
                          "offset": f.offset, "rule": f.rule, "text": f.text,
                          "message": f.message, "suggestion": f.suggestion}
                         for f in a.findings[:rows]],
        })
    return {"total": sum(overall.values()), "by_rule": _ranked(overall), "documents": documents}
