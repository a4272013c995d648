"""`xzcli figures`: every quantity a text claims, normalised, with where it stands."""

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
from xzcli.errors import UsageError
from xzcli.render import Format, Report, envelope

SCHEMA = "xzcli.figures/1"
COLUMNS = ("source", "line", "offset", "end", "text", "value", "unit", "kind", "item_kind",
           "qualifier", "context")


def figures_task(doc: Any, segmenter: Any = None) -> list[Any]:
    """Per-document task (run_documents shape); figures need no segmenter, so it is ignored."""
    from xzcli.figures import find_figures
    from xzcli.sources import analysis_text

    return find_figures(analysis_text(doc.text), original=doc.text)


def _kinds(values: list[str] | None) -> set[str] | None:
    from xzcli.figures import KINDS

    names = {n.strip() for v in values or () for n in v.split(",") if n.strip()}
    unknown = sorted(names - set(KINDS))
    if unknown:
        raise UsageError(f"unknown figure kind {unknown[0]!r}; kinds: {', '.join(KINDS)}")
    return names or None


@app.command()
def figures(
    paths: Paths,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="Only these kinds (repeatable or comma list): percent, "
        "percent_point, money, count, measure, duration, year, decade, date, ratio, number, "
        "range.", show_default=False)] = None,
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
    """Every quantity claimed: percentages, money (in 元), counts, measures, ranges, dates."""
    from xzcli.pipeline import SegmenterSpec

    wanted = _kinds(kind)
    check_output(output, paths)
    failed: list[str] = []
    inputs = []
    rows: list[dict[str, Any]] = []
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    for info, found in stream_inputs(figures_task, paths, SegmenterSpec(), failed,
                                     inputs=input_opts, jobs=jobs, scheduler=scheduler,
                                     quiet=quiet, label="figures"):
        inputs.append(info)
        for f in found:
            if wanted is not None and f.kind not in wanted:
                continue
            rows.append({"source": info.source, "line": f.line, "offset": f.start,
                         "end": f.end, "text": f.text, "value": f.value, "unit": f.unit,
                         "kind": f.kind, "item_kind": f.item_kind, "qualifier": f.qualifier,
                         "context": f.context})
    payload = {"figures": rows}
    title = f"figures · {len(rows)} in {len(inputs)} document(s)"
    from xzcli.render.figures import figures_table

    report = Report(SCHEMA, payload, rows, COLUMNS, title=title,
                    table=figures_table(rows, title, several=len(inputs) > 1))
    head = envelope(SCHEMA, engine=None, inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)
