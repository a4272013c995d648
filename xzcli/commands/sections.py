"""`xzcli sections`: title, byline, captions, headings, sections and paragraphs of each input."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    shared_options,
)
from xzcli.render import Report, spool_for


@shared_options("fmt", "output", "inputs", "run")
def sections(
    paths: Paths,
    sentences: Annotated[bool, typer.Option(
        "--sentences", help="List each paragraph's sentences (text and offsets) in JSON "
        "instead of their number.")] = False,
    *,
    common: Common,
) -> None:
    """Title, subtitle, byline, captions, headings, sections and paragraphs of each input."""
    from xzcli import api

    check_output(common.output, paths)
    # JSON (written by the workers) and the line formats' rows are kept on disk until
    # printed: memory stays flat however large the folder.
    result = api.sections(paths, sentences=sentences, spool=spool_for(common.fmt),
                          **common.run())
    documents = result.records or []

    def table(console: Any) -> None:
        from xzcli.render.sections import sections_table

        sections_table(console, documents)

    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title, table=table, records=documents)
    common.finish(report, result.head, result.failed)
