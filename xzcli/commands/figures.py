"""`xzcli figures`: every quantity a text claims, normalised, with where it stands."""

from __future__ import annotations

from typing import Annotated

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
    progress_bar,
)
from xzcli.render import Format, Report

SCHEMA = "xzcli.figures/1"
COLUMNS = ("source", "line", "offset", "end", "text", "value", "unit", "kind", "item_kind",
           "qualifier", "context")


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
    from xzcli import api
    from xzcli.render.figures import figures_table

    check_output(output, paths)
    result = api.figures(paths, kinds=kind,
                         options=input_spec(encoding, input_format, t2s, name_pattern, meta,
                                            include, exclude),
                         jobs=jobs, scheduler=scheduler, quiet=quiet, progress=progress_bar)
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title,
                    table=figures_table(result.rows, result.title,
                                        several=len(result.head["inputs"]) > 1))
    finish(report, fmt, result.head, output, result.failed, quiet)
