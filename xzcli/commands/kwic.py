"""`xzcli kwic`: every occurrence of a term with its context, line, offset and section."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from xzcli.app import (
    AliasesOpt,
    Common,
    IgnoreCaseOpt,
    RegexOpt,
    check_output,
    paths_or_stdin,
    shared_options,
)
from xzcli.errors import UsageError
from xzcli.render import Report


class SortOrder(str, Enum):
    position = "position"
    left = "left"
    right = "right"


TermOpt = Annotated[
    list[str] | None,
    typer.Option("--term", "-e", help="A term to find, taken verbatim (never split at commas); "
                 "repeatable. With -e every argument is a path.", show_default=False),
]
def split_term_args(
    args: list[str], terms: list[str] | None, *, regex: bool = False
) -> tuple[list[str], list[str]]:
    """grep's order: the first argument is the term (or a comma list) unless -e names terms.

    A --regex pattern is never split at commas: `{2,4}` is part of the pattern.
    """
    from xzcli.kwic import split_terms

    if terms:
        return list(terms), list(args)
    if not args:
        raise UsageError("no term given; usage: xzcli kwic TERM [PATH...] (or -e TERM)")
    term_list = [args[0]] if regex else split_terms(args[0])
    paths = list(args[1:])
    for path in paths:
        # grep's order trips up anyone who lists two terms: say how to search several.
        if path != "-" and not Path(path).exists() and "/" not in path and "." not in path:
            raise UsageError(f"{path}: no such file or folder; to search several terms join "
                             f"them with commas ({args[0]},{path}) or give each with -e")
    return term_list, paths


@shared_options("fmt", "output", "segmenter", "inputs", "run")
def kwic(
    args: Annotated[list[str] | None, typer.Argument(
        metavar="TERM [PATH...]", help="The term (or a comma list: 新质生产力,高质量发展), then "
        "files, folders or - for standard input (the default).", show_default=False)] = None,
    terms: TermOpt = None,
    width: Annotated[int, typer.Option("--width", "-w", help="Characters of context either "
                                       "side.", min=0)] = 20,
    token: Annotated[bool, typer.Option("--token", help="Only hits that are whole tokens of "
                                        "the segmentation (not 新区 inside 高新区).")] = False,
    regex: RegexOpt = False,
    ignore_case: IgnoreCaseOpt = False,
    aliases: AliasesOpt = None,
    sort: Annotated[SortOrder, typer.Option("--sort", help="Order hits by position, or by the "
                                            "left context (read backwards) or the right "
                                            "context.", case_sensitive=False)] = SortOrder.position,
    *,
    common: Common,
) -> None:
    """Every occurrence of a term with its context, line, offset and section heading."""
    from xzcli import api
    from xzcli.render.kwic import kwic_table

    term_list, paths = split_term_args(args or [], terms, regex=regex)
    # The queries are checked before any input is looked at (a bad pattern is a usage error).
    from xzcli.kwic import build_queries, read_aliases

    build_queries(term_list, read_aliases(aliases) if aliases else None, regex=regex,
                  ignore_case=ignore_case)
    paths = paths_or_stdin(paths)
    spec = common.spec()
    check_output(common.output, paths)
    result = api.kwic(
        term_list, paths, width=width, sort=sort.value, token=token, regex=regex,
        ignore_case=ignore_case, aliases=aliases, seg=spec,
        **common.run())
    report = Report(result.schema, result.payload, result.rows, columns=result.columns,
                    title=result.title,
                    table=kwic_table(result.rows, result.title,
                                     several_sources=result.payload["documents"] > 1),
                    notes=result.notes)
    common.finish(report, result.head, result.failed)
