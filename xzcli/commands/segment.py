"""`xzcli segment`: words in order, as delimited text or JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    run_over_inputs,
    shared_options,
)
from xzcli.render import Format, Report, envelope


def _segment_task(doc: Any, segmenter: Any) -> Any:
    from xzcli.sources import analysis_text

    return segmenter.tag(analysis_text(doc.text))


@shared_options("fmt", "output", "segmenter", "inputs", "jobs")
def segment(
    paths: Paths,
    delimiter: Annotated[str, typer.Option("--delimiter", "-d", help="Between tokens in the "
                                           "text view.")] = " / ",
    nested: Annotated[bool, typer.Option("--nested", help="Also show the lexicon terms inside "
                                         "longer tokens: 污染防治攻坚战[污染防治].")] = False,
    *,
    common: Common,
) -> None:
    """Cut text into words with the policy lexicon; the text view keeps the lines."""
    spec = common.spec()
    check_output(common.output, paths)
    input_opts = common.inputs()
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)
    columns = ("source", "offset", "token", "pos") + (("inside",) if nested else ())
    if common.output is None and common.fmt is not Format.json:
        # Everything but one JSON object streams: each document is written as soon as it is
        # cut, in input order, so `segment FOLDER | head -1` answers at the first file.
        _stream(paths, spec, segmenter, common.fmt, columns, delimiter=delimiter, nested=nested,
                inputs=input_opts, jobs=common.jobs, quiet=common.quiet)
        return
    done, failed = run_over_inputs(_segment_task, paths, spec, inputs=input_opts,
                                   jobs=common.jobs, quiet=common.quiet, label="segmenting",
                                   segments=True)
    documents = []
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    for info, pairs in done:
        document, doc_rows, doc_lines = _views(info.source, pairs, segmenter, delimiter, nested)
        documents.append(document)
        rows.extend(doc_rows)
        lines.extend(doc_lines)
    payload: dict[str, Any] = (
        {k: v for k, v in documents[0].items() if k != "source"} if len(documents) == 1
        else {"documents": documents}
    )
    report = Report(
        "xzcli.segment/1", payload, rows, columns,
        text="".join(f"{ln}\n" for ln in lines), records=documents,
    )
    head = envelope("xzcli.segment/1", engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=[i for i, _ in done])
    common.finish(report, head, failed)


def _stream(paths: list[str], spec: Any, segmenter: Any, fmt: Format,
            columns: tuple[str, ...], *, delimiter: str, nested: bool, inputs: Any,
            jobs: int, quiet: bool) -> None:
    import csv
    import sys

    from xzcli.app import stream_inputs
    from xzcli.render import _cell, to_json

    out = sys.stdout
    writer = None
    if fmt in (Format.csv, Format.tsv):
        writer = csv.writer(out, delimiter="," if fmt is Format.csv else "\t",
                            lineterminator="\n")
        writer.writerow(columns)
    failed: list[str] = []
    for info, pairs in stream_inputs(_segment_task, paths, spec, failed, inputs=inputs,
                                     jobs=jobs, quiet=quiet, label="segmenting",
                                     segments=True):
        document, rows, lines = _views(info.source, pairs, segmenter, delimiter, nested)
        if writer is not None:
            writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)
        elif fmt is Format.jsonl:
            out.write(to_json(document, indent=None) + "\n")
        else:
            out.write("".join(f"{ln}\n" for ln in lines))
        out.flush()
    if failed:
        raise typer.Exit(1)


def _views(source: str, pairs: list[tuple[str, str]], segmenter: Any, delimiter: str,
           nested: bool) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """One document's JSON object, CSV rows and delimited text lines."""
    tokens = [w for w, _ in pairs if not w.isspace()]
    document: dict[str, Any] = {"source": source, "tokens": tokens}
    inner_of: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    offset = 0
    line: list[str] = []
    for word, tag in pairs:
        inner = segmenter.inner_terms(word) if nested else ()
        if inner:
            inner_of.append({"offset": offset, "token": word, "inner": [
                {"term": t, "offset": offset + k} for t, k in inner]})
            line.append(f"{word}[{' '.join(t for t, _ in inner)}]")
            rows.append({"source": source, "offset": offset, "token": word, "pos": tag,
                         "inside": None})
            rows.extend({"source": source, "offset": offset + k, "token": t,
                         "pos": segmenter.pos_of(t), "inside": word} for t, k in inner)
            offset += len(word)
            continue
        if word.isspace():
            breaks = word.count("\n")
            if breaks:
                lines.append(delimiter.join(line))
                lines.extend([""] * (breaks - 1))
                line = []
        else:
            line.append(word)
            rows.append({"source": source, "offset": offset, "token": word, "pos": tag})
        offset += len(word)
    if line:
        lines.append(delimiter.join(line))
    if nested:
        document["nested"] = inner_of
    return document, rows, lines
