"""`xzcli sections`: title, byline, captions, headings, sections and paragraphs of each input."""

from __future__ import annotations

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
    stream_inputs,
)
from xzcli.render import Format, Report, envelope

SCHEMA = "xzcli.sections/1"


def span_json(span: Any) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "offset": span.start, "end": span.end}


def structure_payload(structure: Any, *, sentences: bool = False) -> dict[str, Any]:
    """One document's structure as the JSON payload documented in the README."""
    sections = []
    for section in structure.sections:
        paragraphs = []
        for para in section.paragraphs:
            item: dict[str, Any] = {"index": para.index, "offset": para.start, "end": para.end,
                                    "text": para.text}
            if sentences:
                item["sentences"] = [span_json(s) for s in para.sentences]
            else:
                item["sentences"] = len(para.sentences)
            paragraphs.append(item)
        sections.append({
            "heading": section.heading,
            "number": section.number,
            "level": section.level,
            "path": list(section.path),
            "offset": section.offset,
            "start": section.start,
            "end": section.end,
            "paragraphs": paragraphs,
        })
    return {
        "title": span_json(structure.title),
        "subtitle": span_json(structure.subtitle),
        "byline": span_json(structure.byline),
        "front": [span_json(s) for s in structure.front],
        "captions": [span_json(s) for s in structure.captions],
        "debris": [span_json(s) for s in structure.debris],
        "sections": sections,
    }


def _sections_task(doc: Any, segmenter: Any = None) -> Any:
    """Per-document work (module level, so it can run in a worker process)."""
    from xzcli.structure import parse_structure

    return parse_structure(doc.text)


@app.command()
def sections(
    paths: Paths,
    sentences: Annotated[bool, typer.Option(
        "--sentences", help="List each paragraph's sentences (text and offsets) in JSON "
        "instead of their number.")] = False,
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
    """Title, subtitle, byline, captions, headings, sections and paragraphs of each input."""
    from xzcli.pipeline import SegmenterSpec

    check_output(output, paths)
    failed: list[str] = []
    inputs = []
    documents: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    for info, structure in stream_inputs(_sections_task, paths, SegmenterSpec(), failed,
                                         inputs=input_opts, jobs=jobs, scheduler=scheduler,
                                         quiet=quiet, label="parsing"):
        inputs.append(info)
        payload = structure_payload(structure, sentences=sentences)
        documents.append({"source": info.source, **payload})
        for section in payload["sections"]:
            chars = sum(len(p["text"]) for p in section["paragraphs"])
            rows.append({
                "source": info.source, "level": section["level"], "number": section["number"],
                "heading": section["heading"], "offset": section["offset"],
                "paragraphs": len(section["paragraphs"]), "chars": chars,
            })
    body: dict[str, Any] = (
        {k: v for k, v in documents[0].items() if k != "source"}
        if len(documents) == 1 else {"documents": documents}
    )
    def table(console: Any) -> None:
        from xzcli.render.sections import sections_table

        sections_table(console, documents)

    report = Report(SCHEMA, body, rows,
                    ("source", "level", "number", "heading", "offset", "paragraphs", "chars"),
                    title="sections", table=table, records=documents)
    head = envelope(SCHEMA, engine=None, inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)
