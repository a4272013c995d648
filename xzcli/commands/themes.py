"""`xzcli themes`: which themes each input stresses, overall, per section or per paragraph."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
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

SCHEMA = "xzcli.themes/1"


class By(str, Enum):
    document = "document"
    section = "section"
    paragraph = "paragraph"


@app.command()
def themes(
    paths: Paths,
    by: Annotated[By, typer.Option("--by", help="Score whole documents, or each section or "
                                   "paragraph too.", case_sensitive=False)] = By.document,
    group_by: Annotated[str | None, typer.Option(
        "--group-by", metavar="FIELD", help="Score the documents sharing a metadata value "
        "together: year, region, issuer (from file names) or any --meta column.",
        show_default=False)] = None,
    theme_file: Annotated[Path | None, typer.Option(
        "--themes", help="Your own themes: TOML like the built-in themes.toml, or a cntext "
        "YAML dictionary (Category + Dictionary).", dir_okay=False, show_default=False)] = None,
    top_terms: Annotated[int, typer.Option(
        "--top-terms", help="Terms shown per theme in table/CSV views (0 = all; JSON lists "
        "all).", min=0)] = 8,
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
    """Which themes each input stresses: weighted theme-term scores with their evidence."""
    from xzcli import api

    check_output(output, paths)
    result = api.themes(paths, by=by.value, group_by=group_by, theme_file=theme_file,
                        top_terms=top_terms,
                        options=input_spec(encoding, input_format, t2s, name_pattern, meta,
                                           include, exclude),
                        jobs=jobs, scheduler=scheduler, quiet=quiet, progress=progress_bar)
    documents = api.theme_views(result)
    names = tuple(result.payload["theme_file"]["themes"])

    def table(console: Any) -> None:
        from xzcli.render.themes import themes_table

        themes_table(console, documents, by.value, names, top_terms)

    report = Report(result.schema, result.payload, result.rows, title=result.title,
                    table=table, notes=result.notes, records=result.records)
    finish(report, fmt, result.head, output, result.failed, quiet)
