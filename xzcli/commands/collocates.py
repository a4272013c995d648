"""`xzcli collocates`: the words within a window of a term, with MI, log-likelihood and t-score."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from xzcli.app import (
    Common,
    check_output,
    paths_or_stdin,
    shared_options,
    top_option,
)
from xzcli.errors import UsageError
from xzcli.render import Report


class Measure(str, Enum):
    ll = "ll"
    mi = "mi"
    t = "t"
    count_ = "count"  # str.count would shadow a member named count


@shared_options("fmt", "output", "segmenter", "inputs", "run")
def collocates(
    args: Annotated[list[str] | None, typer.Argument(
        metavar="TERM [PATH...]", help="The node term, then files, folders or - for standard "
        "input (the default).", show_default=False)] = None,
    window: Annotated[int, typer.Option("--window", "-w", help="Tokens either side of the "
                                        "term (windows stop at sentence ends).", min=1)] = 5,
    min_count: Annotated[int, typer.Option("--min-count", help="Least co-occurrences.",
                                           min=1)] = 3,
    top: Annotated[int, top_option("collocates")] = 30,
    measure: Annotated[Measure, typer.Option("--measure", help="Rank by log-likelihood (ll), "
                                             "MI, t-score (t) or count.",
                                             case_sensitive=False)] = Measure.ll,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, as for keywords (default: every content "
        "word).", show_default=False)] = None,
    *,
    common: Common,
) -> None:
    """The words that keep a term company within a window of tokens: MI, G2, t-score."""
    from xzcli import api
    from xzcli.render.collocates import collocates_table

    args = list(args or [])
    if not args or not args[0].strip():
        raise UsageError("no term given; usage: xzcli collocates TERM [PATH...]")
    term, paths = args[0].strip(), paths_or_stdin(args[1:])
    spec = common.spec()
    check_output(common.output, paths)
    result = api.collocates(
        term, paths, window=window, top=top, min_count=min_count, measure=measure.value,
        pos=pos, seg=spec, **common.run())
    report = Report(result.schema, result.payload, result.rows, columns=result.columns,
                    title=result.title, table=collocates_table(result.rows, result.title),
                    notes=result.notes)
    common.finish(report, result.head, result.failed)
