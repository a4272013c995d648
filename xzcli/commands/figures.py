"""`xzcli figures`: every quantity a text claims, normalised, with where it stands."""

from __future__ import annotations

from typing import Annotated

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    shared_options,
)
from xzcli.render import Report, spool_for


@shared_options("fmt", "output", "inputs", "run")
def figures(
    paths: Paths,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="Only these kinds (repeatable or comma list): percent, "
        "percent_point, money, count, measure, duration, year, decade, date, ratio, number, "
        "range.", show_default=False)] = None,
    *,
    common: Common,
) -> None:
    """Every quantity claimed: percentages, money (in 元), counts, measures, ranges, dates."""
    from xzcli import api
    from xzcli.render.figures import figures_table

    check_output(common.output, paths)
    # JSON (written by the workers) and the line formats' rows are kept on disk until
    # printed: memory stays flat however large the folder.
    result = api.figures(paths, kinds=kind, spool=spool_for(common.fmt), **common.run())
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title,
                    table=figures_table(result.rows, result.title,
                                        several=len(result.head["inputs"]) > 1))
    common.finish(report, result.head, result.failed)
