"""`xzcli themes`: which themes each input stresses, overall, per section or per paragraph."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from xzcli.app import (
    EncodingOpt,
    ExcludeOpt,
    FormatOpt,
    IncludeOpt,
    InputFormatOpt,
    JobsOpt,
    MetaOpt,
    NamePatternOpt,
    OutputOpt,
    Paths,
    QuietOpt,
    SchedulerOpt,
    T2sOpt,
    app,
    check_output,
    finish,
    input_spec,
    note,
    stream_inputs,
)
from xzcli.errors import InputError, UsageError
from xzcli.render import Format, Report, envelope

SCHEMA = "xzcli.themes/1"


class By(str, Enum):
    document = "document"
    section = "section"
    paragraph = "paragraph"


def themes_task(doc: Any, segmenter: Any, themes: Any) -> Any:
    """Per-document work at module level, so it can run in a worker process (the Segmenter
    gives the token boundaries a theme term must not cut)."""
    from xzcli.themes import theme_document

    return theme_document(doc.text, themes, segmenter=segmenter)


def _per_1k(score: float, chars: int) -> float:
    return round(score * 1000 / chars, 3) if chars else 0.0


def _themes_json(unit: Any, themes: Any, chars: int) -> list[dict[str, Any]]:
    """Ranked themes with the terms that scored, each with its count and weight."""
    lookup = themes.term_themes()
    out = []
    for s in unit.ranked():
        terms = []
        for term, count in s.terms:
            pairs = lookup[term]
            weight = next(w for name, w in pairs if name == s.theme)
            item: dict[str, Any] = {"term": term, "count": count, "weight": weight}
            if len(pairs) > 1:
                item["shared"] = [name for name, _ in pairs if name != s.theme]
            terms.append(item)
        out.append({"theme": s.theme, "score": s.score, "share": s.share,
                    "per_1k": _per_1k(s.score, chars), "terms": terms})
    return out


def _shared_json(counts: Any, themes: Any) -> list[dict[str, Any]]:
    shared = themes.shared_terms()
    return [{"term": term, "count": counts[term], "themes": list(shared[term])}
            for term in sorted(shared) if counts.get(term)]


def document_payload(result: Any, themes: Any, by: By) -> dict[str, Any]:
    """One document's themes, plus its sections or paragraphs when asked."""
    from xzcli.themes import score_counts

    counts = result.counts()
    overall = score_counts(counts, themes)
    payload: dict[str, Any] = {
        "chars": result.chars,
        "body_chars": result.body_chars,
        "top_theme": overall.top_theme,
        "themes": _themes_json(overall, themes, result.body_chars),
        "shared_terms": _shared_json(counts, themes),
    }
    if by is By.section:
        sections = []
        for position, section in enumerate(result.sections):
            unit = score_counts(result.section_counts(position), themes)
            sections.append({
                "index": position + 1, "heading": section.heading, "number": section.number,
                "level": section.level, "path": list(section.path), "offset": section.offset,
                "paragraphs": len(section.paragraphs), "scores": unit.as_dict(),
                "shares": {s.theme: s.share for s in unit.scores}, "top_theme": unit.top_theme,
                "terms": {s.theme: [{"term": t, "count": c} for t, c in s.terms]
                          for s in unit.scores if s.terms},
            })
        payload["sections"] = sections
    elif by is By.paragraph:
        paragraphs = []
        for para in result.paragraphs:
            unit = score_counts(dict(para.counts), themes)
            section = result.sections[para.section]
            paragraphs.append({
                "index": para.index, "section": section.heading,
                "section_index": para.section + 1, "offset": para.start, "end": para.end,
                "text": para.text, "scores": unit.as_dict(), "top_theme": unit.top_theme,
                "terms": {s.theme: [{"term": t, "count": c} for t, c in s.terms]
                          for s in unit.scores if s.terms},
            })
        payload["paragraphs"] = paragraphs
    return payload


def _evidence(terms: list[dict[str, Any]], top: int) -> str:
    shown = terms if top == 0 else terms[:top]
    return " ".join(f"{t['term']}×{t['count']}" for t in shown)


def _rows(documents: list[dict[str, Any]], by: By, names: tuple[str, ...],
          top_terms: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for doc in documents:
        if by is By.document:
            for t in doc["themes"]:
                rows.append({"source": doc["source"], "theme": t["theme"], "score": t["score"],
                             "share": t["share"], "per_1k": t["per_1k"],
                             "terms": _evidence(t["terms"], top_terms)})
        elif by is By.section:
            for s in doc["sections"]:
                rows.append({"source": doc["source"], "index": s["index"], "level": s["level"],
                             "heading": s["heading"], "paragraphs": s["paragraphs"],
                             "top_theme": s["top_theme"],
                             **{name: s["scores"][name] for name in names}})
        else:
            for p in doc["paragraphs"]:
                rows.append({"source": doc["source"], "index": p["index"],
                             "section": p["section"], "top_theme": p["top_theme"],
                             **{name: p["scores"][name] for name in names},
                             "text": p["text"]})
    return rows


@app.command()
def themes(
    paths: Paths,
    by: Annotated[By, typer.Option("--by", help="Score whole documents, or each section or "
                                   "paragraph too.", case_sensitive=False)] = By.document,
    group_by: Annotated[str | None, typer.Option(
        "--group-by", metavar="FIELD", help="Score the documents sharing a metadata value "
        "together: year, region, issuer (from file names) or any --meta column.",
        show_default=False)] = None,
    theme_file: Annotated[Path | None, typer.Option(
        "--themes", help="Your own themes: TOML like the built-in themes.toml, or a cntext "
        "YAML dictionary (Category + Dictionary).", dir_okay=False, show_default=False)] = None,
    top_terms: Annotated[int, typer.Option(
        "--top-terms", help="Terms shown per theme in table/CSV views (0 = all; JSON lists "
        "all).", min=0)] = 8,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    t2s: T2sOpt = False,
    meta: MetaOpt = None,
    name_pattern: NamePatternOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = 0,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Which themes each input stresses: weighted theme-term scores with their evidence."""
    from collections import Counter
    from functools import partial

    from xzcli.pipeline import SegmenterSpec
    from xzcli.themes import load_themes, score_counts

    if group_by and by is not By.document:
        raise UsageError("--group-by scores whole documents; leave out --by "
                         f"{by.value} or --group-by")
    theme_set = load_themes(theme_file)
    check_output(output, paths)
    failed: list[str] = []
    inputs = []
    documents = []
    total: Counter[str] = Counter()
    body_chars = 0
    grouped: dict[Any, dict[str, Any]] = {}
    missing: list[str] = []
    task = partial(themes_task, themes=theme_set)
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    for info, result in stream_inputs(task, paths, SegmenterSpec(), failed, inputs=input_opts,
                                      jobs=jobs, scheduler=scheduler, quiet=quiet,
                                      label="scoring", segments=True):
        inputs.append(info)
        total.update(result.counts())
        body_chars += result.body_chars
        documents.append({"source": info.source, **document_payload(result, theme_set, by)})
        if group_by:
            value = info.meta.get(group_by)
            if value is None:
                missing.append(info.source)
                continue
            group = grouped.setdefault(value, {"documents": 0, "chars": 0, "body_chars": 0,
                                               "counts": Counter()})
            group["documents"] += 1
            group["chars"] += result.chars
            group["body_chars"] += result.body_chars
            group["counts"].update(result.counts())

    overall = score_counts(total, theme_set)
    file_info = {"name": theme_set.name, "path": theme_set.path, "sha256": theme_set.sha256,
                 "themes": list(theme_set.names), "terms": theme_set.entries}
    if len(documents) == 1:
        body: dict[str, Any] = {"theme_file": file_info, "by": by.value,
                                **{k: v for k, v in documents[0].items() if k != "source"}}
    else:
        body = {"theme_file": file_info, "by": by.value, "top_theme": overall.top_theme,
                "themes": _themes_json(overall, theme_set, body_chars),
                "shared_terms": _shared_json(total, theme_set), "documents": documents}
    if group_by:
        from xzcli.usage import group_sort_key

        if missing and not quiet:
            note(f"{len(missing)} document(s) carry no {group_by} and are left out of "
                 "--group-by: " + ", ".join(missing[:3]) + (" …" if len(missing) > 3 else ""))
        if not grouped:
            raise InputError(f"--group-by {group_by}: no document carries that field (file "
                             "names give year, region, issuer, title; --meta adds columns)")
        groups = []
        for value in sorted(grouped, key=group_sort_key):
            g = grouped[value]
            unit = score_counts(g["counts"], theme_set)
            groups.append({"value": value, "documents": g["documents"], "chars": g["chars"],
                           "body_chars": g["body_chars"], "top_theme": unit.top_theme,
                           "themes": _themes_json(unit, theme_set, g["body_chars"]),
                           "shared_terms": _shared_json(g["counts"], theme_set)})
        body["group_by"] = group_by
        body["groups"] = groups
        # The views show one line per group, as they show one per document.
        documents = [{"source": str(g["value"]), **g} for g in groups]
    rows = _rows(documents, by, theme_set.names, top_terms)
    if group_by:
        records = body["groups"]
    elif by is By.document:
        records = documents
    else:
        key = "sections" if by is By.section else "paragraphs"
        records = [{"source": d["source"], **unit} for d in documents for unit in d[key]]

    names = theme_set.names

    def table(console: Any) -> None:
        from xzcli.render.themes import themes_table

        themes_table(console, documents, by.value, names, top_terms)

    notes: tuple[str, ...] = ()
    if not any(d["top_theme"] for d in documents):
        notes = ("no theme term found in the body text; is this a Chinese policy text?",)
    report = Report(SCHEMA, body, rows, title="themes", table=table, notes=notes,
                    records=records)
    # Token boundaries decide what matches: the engine and its dictionaries are part of it.
    from xzcli.pipeline import cached_segmenter

    spec = SegmenterSpec()
    segmenter = cached_segmenter(spec)
    head = envelope(SCHEMA, engine=spec.engine,
                    dictionaries=[theme_set, *segmenter.dictionaries], inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)
