"""`xzcli compare`: keyness of a target against a reference (G2, log ratio, %DIFF, DP)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    shared_options,
    top_option,
)
from xzcli.render import Report


class Measure(str, Enum):
    g2 = "g2"
    log_ratio = "log_ratio"


@shared_options("fmt", "output", "segmenter", "inputs", "run")
def compare(
    paths: Paths,
    reference: Annotated[list[str] | None, typer.Option(
        "--reference", "-r", help="The reference: files or folders (repeatable), or 'policy' "
        "for the built-in term counts of the national government work reports 1954-2026.",
        show_default=False)] = None,
    top: Annotated[int, top_option("terms")] = 30,
    min_count: Annotated[int, typer.Option(
        "--min-count", help="Leave out terms counted fewer times on the side that uses them "
        "more.", min=1)] = 3,
    measure: Annotated[Measure, typer.Option(
        "--measure", help="Rank by signed log-likelihood (g2) or by Hardie's log ratio.",
        case_sensitive=False)] = Measure.g2,
    negative: Annotated[bool, typer.Option(
        "--negative", help="List what the target uses less than the reference.")] = False,
    min_g2: Annotated[float, typer.Option(
        "--min-g2", help="Leave out terms whose |G2| is below this (3.84: p < 0.05; 0 keeps "
        "all).", min=0.0)] = 3.84,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, as for keywords (default: lexicon terms, "
        "places ns, institutions nt, proper terms nz, eng, abbreviations j).",
        show_default=False)] = None,
    *,
    common: Common,
) -> None:
    """Which terms the target uses more (or less) than the reference: G2, log ratio, DP."""
    from xzcli import api
    from xzcli.render.compare import compare_table

    ref_paths = [r for r in reference or () if r != "policy"]
    spec = common.spec()
    check_output(common.output, [*paths, *ref_paths])
    result = api.compare(
        paths, reference=reference or [], top=top, min_count=min_count, measure=measure.value,
        negative=negative, min_g2=min_g2, pos=pos, seg=spec,
        **common.run())
    report = Report(result.schema, result.payload, result.rows, columns=result.columns,
                    title=result.title, table=compare_table(result.rows, result.title),
                    notes=result.notes)
    common.finish(report, result.head, result.failed)
