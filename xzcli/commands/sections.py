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
    progress_bar,
)
from xzcli.render import Format, Report

SCHEMA = "xzcli.sections/1"


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
    from xzcli import api

    check_output(output, paths)
    result = api.sections(paths, sentences=sentences,
                          options=input_spec(encoding, input_format, t2s, name_pattern, meta,
                                             include, exclude),
                          jobs=jobs, scheduler=scheduler, quiet=quiet, progress=progress_bar)
    documents = result.records or []

    def table(console: Any) -> None:
        from xzcli.render.sections import sections_table

        sections_table(console, documents)

    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title, table=table, records=documents)
    finish(report, fmt, result.head, output, result.failed, quiet)
