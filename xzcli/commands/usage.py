"""`xzcli usage`: how often each term is used in each document (or year), and since when."""

from __future__ import annotations

from functools import partial
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
    QuietOpt,
    SchedulerOpt,
    T2sOpt,
    app,
    check_output,
    finish,
    input_spec,
    make_spec,
    note,
    run_over_inputs,
)
from xzcli.commands.kwic import AliasesOpt, IgnoreCaseOpt, RegexOpt
from xzcli.errors import InputError, UsageError
from xzcli.render import Format, Report, envelope
from xzcli.segment import DEFAULT_ENGINE
from xzcli.sources import STDIN, TEXT_SUFFIXES

SCHEMA = "xzcli.usage/1"


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


@app.command()
def usage(
    args: Annotated[list[str], typer.Argument(
        metavar="TERM... PATH...", help="Terms (or comma lists), then files, folders or -. "
        "The trailing arguments that exist as paths are the paths.", show_default=False)],
    terms: Annotated[list[str] | None, typer.Option(
        "--term", "-t", help="A term, taken verbatim; repeatable. With -t every argument is a "
        "path.", show_default=False)] = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="Add up the documents of each "
                                          "year (from file names or first lines).")] = False,
    group_by: Annotated[str | None, typer.Option(
        "--group-by", metavar="FIELD", help="Add up the documents sharing a metadata value: "
        "year, region, issuer (from file names) or any --meta column.",
        show_default=False)] = None,
    regex: RegexOpt = False,
    ignore_case: IgnoreCaseOpt = False,
    aliases: AliasesOpt = None,
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
    """Each term's count and rate per 10,000 characters in each document, first and last year."""
    from xzcli.kwic import build_queries, read_aliases
    from xzcli.usage import by_year as group_by_year
    from xzcli.usage import count_usage, summarize

    term_list, paths = split_usage_args(args, terms, regex=regex)
    concepts = read_aliases(aliases) if aliases else None
    queries = build_queries(term_list, concepts, regex=regex, ignore_case=ignore_case)
    concept_list = list(dict.fromkeys(q.concept for q in queries))
    # Counting is exact text: the segmenter the pipeline builds goes unused (no --dict here).
    spec = make_spec(DEFAULT_ENGINE, None)
    check_output(output, paths)
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    done, failed = run_over_inputs(partial(count_usage, queries=queries), paths, spec,
                                   inputs=input_opts, jobs=jobs, scheduler=scheduler,
                                   quiet=quiet, label="counting")
    documents = [u for _, u in done]
    notes: list[str] = []
    for s in summarize(concept_list, documents):
        if s.count == 0:
            notes.append(f"no occurrences of {s.term} in {len(documents)} document(s)")
    doc_records = [_record(u, concept_list) for u in documents]
    payload: dict[str, Any] = {"terms": concept_list, "documents": doc_records}
    if concepts:
        payload["aliases"] = {c: [q.term for q in queries if q.concept == c]
                              for c in concept_list}
    units = documents
    unit = "document"
    if by_year and group_by:
        raise UsageError("--by-year and --group-by cannot be combined; --group-by year adds "
                         "up years from metadata")
    if group_by:
        from xzcli.usage import by_field

        values = [group_value(info, u, group_by) for info, u in done]
        groups, missing = by_field(documents, values)
        if missing and not quiet:
            note(f"{len(missing)} document(s) carry no {group_by} and are left out of "
                 f"--group-by: " + ", ".join(u.source for u in missing[:3])
                 + (" …" if len(missing) > 3 else ""))
        if not groups:
            raise InputError(f"--group-by {group_by}: no document carries that field (file "
                             "names give year, region, issuer, title; --meta adds columns)")
        payload["group_by"] = group_by
        payload["groups"] = [
            {"value": v, "documents": g.documents, "sources": g.sources, "chars": g.chars,
             "counts": g.counts, "per_10k": g.per_10k()} for v, g in groups
        ]
        units, unit = [g for _, g in groups], group_by
    elif by_year:
        years, undated = group_by_year(documents)
        if undated and not quiet:
            note(f"{len(undated)} document(s) carry no year and are left out of --by-year: "
                 + ", ".join(u.source for u in undated[:3]) + (" …" if len(undated) > 3 else ""))
        if not years:
            raise InputError("--by-year: no document carries a year in its file name or first "
                             "lines")
        payload["years"] = [
            {"year": y.year, "documents": y.documents, "sources": y.sources, "chars": y.chars,
             "counts": y.counts, "nested": y.nested, "per_10k": y.per_10k()} for y in years
        ]
        units, unit = years, "year"
    summary = [vars(s) for s in summarize(concept_list, documents)]
    payload["summary"] = summary
    grouped = unit != "document"
    rows = [_row(u, concept_list, grouped) for u in units]
    title = f"usage · {len(documents)} document(s)"
    if by_year:
        title += f" in {len(units)} year(s)"
    elif group_by:
        title += f" in {len(units)} {group_by} group(s)"
    from xzcli.render.usage import usage_table

    report = Report(SCHEMA, payload, rows, title=title,
                    table=usage_table(rows, summary, concept_list, title, unit),
                    notes=tuple(notes),
                    records=payload.get("groups", payload.get("years", doc_records)))
    head = envelope(SCHEMA, engine=None, inputs=[i for i, _ in done])
    finish(report, fmt, head, output, failed, quiet)


def group_value(info: Any, usage: Any, field: str) -> Any:
    """A document's value for --group-by: its metadata, and for year the year the text
    carries when the file name and --meta say none (as --by-year finds it)."""
    value = info.meta.get(field)
    if value is None and field == "year":
        value = usage.year
    return value


def _record(u: Any, terms: list[str]) -> dict[str, Any]:
    return {"source": u.source, "year": u.year, "chars": u.chars,
            "counts": {t: u.counts[t] for t in terms},
            "nested": {t: u.nested.get(t, 0) for t in terms}, "per_10k": u.per_10k()}


def _row(u: Any, terms: list[str], by_year: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"source": u.source, "year": u.year, "chars": u.chars}
    if by_year:
        row["documents"] = u.documents
    rates = u.per_10k()
    for t in terms:
        row[t] = u.counts[t]
        row[f"{t} per_10k"] = rates[t]
    return row
