"""`xzcli lint`: copy-editing slips in Chinese text, reported like a compiler's messages."""

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
def lint(
    paths: Paths,
    rule: Annotated[list[str] | None, typer.Option(
        "--rule", "-r", help="Run only these rules (repeatable or comma list): repeated-item, "
        "halfwidth-punct, unbalanced, markup, doubled-char.", show_default=False)] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", help="Skip these rules (repeatable or comma list).",
        show_default=False)] = None,
    *,
    common: Common,
) -> None:
    """Copy-editing slips: repeated list items, half-width , : ; ( ), unbalanced quotes and
    brackets, leftover markup, doubled characters. Exit 1 when anything is found."""
    from xzcli import api
    from xzcli.render.lint import compiler_messages

    check_output(common.output, paths)
    # JSON (written by the workers) and the line formats' rows are kept on disk until
    # printed: memory stays flat however large the folder.
    result = api.lint(paths, rules=rule or (), ignore=ignore or (),
                      spool=spool_for(common.fmt), **common.run())
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title, text=compiler_messages(result.rows), notes=result.notes)
    common.finish(report, result.head, result.failed)
    if len(result.payload["findings"]):
        raise typer.Exit(1)
