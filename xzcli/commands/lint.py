"""`xzcli lint`: copy-editing slips in Chinese text, reported like a compiler's messages."""

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

SCHEMA = "xzcli.lint/1"
COLUMNS = ("source", "line", "column", "offset", "rule", "text", "message", "suggestion")


@app.command()
def lint(
    paths: Paths,
    rule: Annotated[list[str] | None, typer.Option(
        "--rule", "-r", help="Run only these rules (repeatable or comma list): repeated-item, "
        "halfwidth-punct, unbalanced, markup, doubled-char.", show_default=False)] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", help="Skip these rules (repeatable or comma list).",
        show_default=False)] = None,
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
    """Copy-editing slips: repeated list items, half-width , : ; ( ), unbalanced quotes and
    brackets, leftover markup, doubled characters. Exit 1 when anything is found."""
    from xzcli import api
    from xzcli.render.lint import compiler_messages

    check_output(output, paths)
    result = api.lint(paths, rules=rule or (), ignore=ignore or (),
                      options=input_spec(encoding, input_format, t2s, name_pattern, meta,
                                         include, exclude),
                      jobs=jobs, scheduler=scheduler, quiet=quiet, progress=progress_bar)
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title, text=compiler_messages(result.rows), notes=result.notes)
    finish(report, fmt, result.head, output, result.failed, quiet)
    if result.rows:
        raise typer.Exit(1)
