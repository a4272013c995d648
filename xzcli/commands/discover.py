"""`xzcli discover`: candidate new terms no dictionary holds, and a dictionary of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    merge_over_inputs,
    shared_options,
    top_option,
)
from xzcli.render import Report, envelope

SCHEMA = "xzcli.discover/1"
COLUMNS = ("rank", "term", "count", "documents", "score", "cohesion", "left_entropy",
           "right_entropy", "quoted", "found_by", "first_year", "first_source", "example")


def _discover_task(doc: Any, segmenter: Any) -> Any:
    from xzcli.discover import analyse

    return analyse(doc, segmenter)


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
    from dataclasses import replace

    from xzcli.discover import Discovery, Options, dictionary_lines, payload

    spec = common.spec()
    if no_lexicon:
        spec = replace(spec, lexicon=False)
    check_output(common.output, paths)
    if emit_dict is not None:
        check_output(emit_dict, paths, option="emit_dict")
    failed: list[str] = []
    inputs, total = merge_over_inputs(_discover_task, Discovery.merge, Discovery(), paths, spec,
                                      failed, encoding=common.encoding, jobs=common.jobs,
                                      scheduler=common.scheduler, quiet=common.quiet,
                                      label="discovering", segments=True)
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)
    data = payload(total, Options(top=top, min_count=min_count))
    found = data["candidates"]
    rows = [{"rank": rank, **c} for rank, c in enumerate(found, start=1)]
    if emit_dict is not None:
        from xzcli.render import write_atomic

        write_atomic(emit_dict, dictionary_lines(c["term"] for c in found))
    title = f"discover · {total.n_documents} document(s) · {len(found)} candidate(s)"
    from xzcli.render.discover import discover_table

    report = Report(SCHEMA, data, rows, COLUMNS, title=title, table=discover_table(rows, title))
    head = envelope(SCHEMA, engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=inputs)
    common.finish(report, head, failed)

