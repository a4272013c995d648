"""`xzcli themes`: which themes each input stresses, overall, per section or per paragraph."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    group_by_option,
    shared_options,
)
from xzcli.render import Format, Report


class By(str, Enum):
    document = "document"
    section = "section"
    paragraph = "paragraph"


@shared_options("fmt", "output", "inputs", "run")
def themes(
    paths: Paths,
    by: Annotated[By, typer.Option("--by", help="Score whole documents, or each section or "
                                   "paragraph too.", case_sensitive=False)] = By.document,
    group_by: Annotated[str | None, group_by_option(
        "Score the documents sharing a metadata value together")] = None,
    theme_file: Annotated[Path | None, typer.Option(
        "--themes", help="Your own themes: TOML like the built-in themes.toml, or a cntext "
        "YAML dictionary (Category + Dictionary).", dir_okay=False, show_default=False)] = None,
    top_terms: Annotated[int, typer.Option(
        "--top-terms", help="Terms shown per theme in table/CSV views (0 = all; JSON lists "
        "all).", min=0)] = 8,
    *,
    common: Common,
) -> None:
    """Which themes each input stresses: weighted theme-term scores with their evidence."""
    from xzcli import api

    check_output(common.output, paths)
    # JSON alone is written by the workers and kept on disk until printed (flat memory).
    result = api.themes(paths, by=by.value, group_by=group_by, theme_file=theme_file,
                        top_terms=top_terms, spool=common.fmt is Format.json, **common.run())
    names = tuple(result.payload["theme_file"]["themes"])

    def table(console: Any) -> None:
        from xzcli.render.themes import themes_table

        themes_table(console, api.theme_views(result), by.value, names, top_terms)

    report = Report(result.schema, result.payload, result.rows, title=result.title,
                    table=table, notes=result.notes, records=result.records)
    common.finish(report, result.head, result.failed)
