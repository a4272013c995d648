"""`xzcli collocates`: the words within a window of a term, with MI, log-likelihood and t-score."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from xzcli.app import (
    DictOpt,
    EncodingOpt,
    EngineOpt,
    ExcludeOpt,
    FormatOpt,
    IncludeOpt,
    InputFormatOpt,
    JobsOpt,
    MetaOpt,
    NamePatternOpt,
    OutputOpt,
    QuietOpt,
    SchedulerOpt,
    T2sOpt,
    app,
    check_output,
    finish,
    input_spec,
    make_spec,
    progress_bar,
)
from xzcli.errors import UsageError
from xzcli.render import Format, Report
from xzcli.segment import DEFAULT_ENGINE

SCHEMA = "xzcli.collocates/1"
COLUMNS = ("rank", "term", "count", "documents", "frequency", "expected", "ll", "mi", "t_score",
           "in_lexicon", "pos", "example")


class Measure(str, Enum):
    ll = "ll"
    mi = "mi"
    t = "t"
    count_ = "count"  # str.count would shadow a member named count


@app.command()
def collocates(
    args: Annotated[list[str] | None, typer.Argument(
        metavar="TERM [PATH...]", help="The node term, then files, folders or - for standard "
        "input (the default).", show_default=False)] = None,
    window: Annotated[int, typer.Option("--window", "-w", help="Tokens either side of the "
                                        "term (windows stop at sentence ends).", min=1)] = 5,
    min_count: Annotated[int, typer.Option("--min-count", help="Least co-occurrences.",
                                           min=1)] = 3,
    top: Annotated[int, typer.Option("--top", "-n", help="How many collocates (0 = all).",
                                     min=0)] = 30,
    measure: Annotated[Measure, typer.Option("--measure", help="Rank by log-likelihood (ll), "
                                             "MI, t-score (t) or count.",
                                             case_sensitive=False)] = Measure.ll,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, as for keywords (default: every content "
        "word).", show_default=False)] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    engine: EngineOpt = DEFAULT_ENGINE,
    dicts: DictOpt = None,
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
    """The words that keep a term company within a window of tokens: MI, G2, t-score."""
    from xzcli import api
    from xzcli.render.collocates import collocates_table

    args = list(args or [])
    if not args or not args[0].strip():
        raise UsageError("no term given; usage: xzcli collocates TERM [PATH...]")
    term, paths = args[0].strip(), args[1:]
    if not paths:
        if sys.stdin.isatty():
            raise UsageError("no path given and standard input is a terminal; name a file or "
                             "folder, or pipe text in")
        paths = ["-"]
    spec = make_spec(engine, dicts)
    check_output(output, paths)
    result = api.collocates(
        term, paths, window=window, top=top, min_count=min_count, measure=measure.value,
        pos=pos, seg=spec,
        options=input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude),
        jobs=jobs, scheduler=scheduler, quiet=quiet, progress=progress_bar)
    report = Report(result.schema, result.payload, result.rows, columns=result.columns,
                    title=result.title, table=collocates_table(result.rows, result.title),
                    notes=result.notes)
    finish(report, fmt, result.head, output, result.failed, quiet)
