"""`xzcli usage`: how often each term is used in each document (or year), and since when."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xzcli.app import (
    AliasesOpt,
    Common,
    IgnoreCaseOpt,
    RegexOpt,
    check_output,
    group_by_option,
    shared_options,
)
from xzcli.errors import InputError, UsageError
from xzcli.render import Report
from xzcli.sources import STDIN, TEXT_SUFFIXES


def _is_path(arg: str) -> bool:
    return arg == STDIN or Path(arg).exists()


def split_usage_args(
    args: list[str], terms: list[str] | None, *, regex: bool = False
) -> tuple[list[str], list[str]]:
    """TERM... PATH...: the trailing arguments that exist (or are -) are paths, the rest terms.

    With -t every argument is a path. A would-be term that looks like a file name
    (has a / or ends in .txt/.md) is a missing file, not a term.
    """
    from xzcli.kwic import split_terms

    if terms:
        term_list, paths = list(terms), list(args)
    else:
        split = len(args)
        while split > 0 and _is_path(args[split - 1]):
            split -= 1
        paths = args[split:]
        term_list = (list(args[:split]) if regex
                     else [t for arg in args[:split] for t in split_terms(arg)])
        for term in term_list:
            if not regex and ("/" in term or term.lower().endswith(TEXT_SUFFIXES)):
                raise InputError(f"{term}: no such file or folder (or, if it is a term, "
                                 "pass it with -t)")
    if not term_list:
        raise UsageError("no term given; usage: xzcli usage TERM... PATH... (or -t TERM)")
    if not paths:
        raise UsageError("no path given; name files or folders after the terms "
                         "(an argument that is not an existing path is read as a term)")
    return term_list, paths


@shared_options("fmt", "output", "inputs", "run")
def usage(
    args: Annotated[list[str], typer.Argument(
        metavar="TERM... PATH...", help="Terms (or comma lists), then files, folders or -. "
        "The trailing arguments that exist as paths are the paths.", show_default=False)],
    terms: Annotated[list[str] | None, typer.Option(
        "--term", "-t", help="A term, taken verbatim; repeatable. With -t every argument is a "
        "path.", show_default=False)] = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="Add up the documents of each "
                                          "year (from file names or first lines).")] = False,
    group_by: Annotated[str | None, group_by_option(
        "Add up the documents sharing a metadata value")] = None,
    regex: RegexOpt = False,
    ignore_case: IgnoreCaseOpt = False,
    aliases: AliasesOpt = None,
    *,
    common: Common,
) -> None:
    """Each term's count and rate per 10,000 characters in each document, first and last year."""
    from xzcli import api
    from xzcli.render.usage import usage_table

    term_list, paths = split_usage_args(args, terms, regex=regex)
    check_output(common.output, paths)
    result = api.usage(
        term_list, paths, by_year=by_year, group_by=group_by, regex=regex,
        ignore_case=ignore_case, aliases=aliases,
        **common.run())
    concept_list = result.payload["terms"]
    report = Report(result.schema, result.payload, result.rows, title=result.title,
                    table=usage_table(result.rows, result.payload["summary"], concept_list,
                                      result.title, api.usage_unit(result)),
                    notes=result.notes, records=result.records)
    common.finish(report, result.head, result.failed)
