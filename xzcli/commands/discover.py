"""`xzcli discover`: candidate new terms no dictionary holds, and a dictionary of them."""

from __future__ import annotations

from pathlib import Path
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


@shared_options("fmt", "output", "segmenter", "encoding", "run")
def discover(
    paths: Paths,
    top: Annotated[int, top_option("candidates")] = 200,
    min_count: Annotated[int, typer.Option("--min-count", help="Leave out rarer candidates "
                                           "(quoted phrases always stay).", min=1)] = 2,
    emit_dict: Annotated[Path | None, typer.Option(
        "--emit-dict", help="Also write the candidates as a jieba user dictionary that --dict "
        "takes as is.", dir_okay=False, show_default=False)] = None,
    no_lexicon: Annotated[bool, typer.Option(
        "--no-lexicon", help="Segment with jieba's dictionary alone, so lexicon terms count "
        "as new too (to test what discover finds).")] = False,
    *,
    common: Common,
) -> None:
    """Candidate new terms: quoted phrases and cohesive, free-standing token runs."""
    from xzcli import api
    from xzcli.render import write_atomic
    from xzcli.render.discover import discover_table

    spec = common.spec()
    check_output(common.output, paths)
    if emit_dict is not None:
        check_output(emit_dict, paths, option="emit_dict")
    result = api.discover(paths, top=top, min_count=min_count, no_lexicon=no_lexicon, seg=spec,
                          **common.run())
    if emit_dict is not None:
        write_atomic(emit_dict, api.discovered_dictionary(result))
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title, table=discover_table(result.rows, result.title))
    common.finish(report, result.head, result.failed)
