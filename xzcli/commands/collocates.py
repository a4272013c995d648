"""`xzcli collocates`: the words within a window of a term, with MI, log-likelihood and t-score."""

from __future__ import annotations

import sys
from enum import Enum
from functools import partial
from typing import Annotated, Any

import typer

from xzcli.app import (
    DictOpt,
    EncodingOpt,
    EngineOpt,
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
    stream_inputs,
)
from xzcli.errors import UsageError
from xzcli.render import Format, Report, envelope
from xzcli.segment import DEFAULT_ENGINE

SCHEMA = "xzcli.collocates/1"
COLUMNS = ("rank", "term", "count", "documents", "frequency", "expected", "ll", "mi", "t_score",
           "in_lexicon", "pos", "example")


class Measure(str, Enum):
    ll = "ll"
    mi = "mi"
    t = "t"
    count_ = "count"  # str.count would shadow a member named count


def _collocates_task(doc: Any, segmenter: Any, *, node: tuple[str, ...], window: int) -> Any:
    from xzcli.collocates import analyse

    return analyse(doc, segmenter, node=node, window=window)


@app.command()
def collocates(
    args: Annotated[list[str] | None, typer.Argument(
        metavar="TERM [PATH...]", help="The node term, then files, folders or - for standard "
        "input (the default).", show_default=False)] = None,
    window: Annotated[int, typer.Option("--window", "-w", help="Tokens either side of the "
                                        "term (windows stop at sentence ends).", min=1)] = 5,
    min_count: Annotated[int, typer.Option("--min-count", help="Least co-occurrences.",
                                           min=1)] = 3,
    top: Annotated[int, typer.Option("--top", "-n", help="How many collocates (0 = all).",
                                     min=0)] = 30,
    measure: Annotated[Measure, typer.Option("--measure", help="Rank by log-likelihood (ll), "
                                             "MI, t-score (t) or count.",
                                             case_sensitive=False)] = Measure.ll,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, as for keywords (default: every content "
        "word).", show_default=False)] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    engine: EngineOpt = DEFAULT_ENGINE,
    dicts: DictOpt = None,
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
    """The words that keep a term company within a window of tokens: MI, G2, t-score."""
    from xzcli.collocates import CollocateOptions, Collocation, merge, node_tokens, payload
    from xzcli.keywords import PosFilter
    from xzcli.pipeline import cached_segmenter

    args = list(args or [])
    if not args or not args[0].strip():
        raise UsageError("no term given; usage: xzcli collocates TERM [PATH...]")
    term, paths = args[0].strip(), args[1:]
    if not paths:
        if sys.stdin.isatty():
            raise UsageError("no path given and standard input is a terminal; name a file or "
                             "folder, or pipe text in")
        paths = ["-"]
    options = CollocateOptions(top=top, min_count=min_count, measure=measure.value,
                               pos_filter=PosFilter.parse(pos) if pos else None)
    spec = make_spec(engine, dicts)
    check_output(output, paths)
    segmenter = cached_segmenter(spec)
    node = node_tokens(term, segmenter)
    if not node:
        raise UsageError(f"{term!r} holds no word to look for")
    failed: list[str] = []
    total = Collocation(node=node, window=window)
    inputs = []
    task = partial(_collocates_task, node=node, window=window)
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    for info, result in stream_inputs(task, paths, spec, failed, inputs=input_opts, jobs=jobs,
                                      scheduler=scheduler, quiet=quiet, label="counting",
                                      combine=merge, segments=True):
        if result is not None:  # None: folded into a later document's result by a worker
            total.merge(result)
        inputs.append(info)
    body = payload(total, options, segmenter)
    rows = [{"rank": rank, **{k: v for k, v in c.items() if k != "examples"},
             "example": _example(c["examples"])}
            for rank, c in enumerate(body["collocates"], start=1)]
    notes: list[str] = []
    if total.node_count == 0:
        notes.append(f"{term} never stands as a whole token in {total.n_documents} "
                     f"document(s); `xzcli kwic {term} PATH` shows where its characters stand")
    elif not rows:
        notes.append(f"no collocate of {term} reaches --min-count {min_count}")
    title = (f"collocates · {term} · {total.node_count} occurrence(s) in "
             f"{total.n_documents} document(s) · window {window} · by {measure.value}")
    from xzcli.render.collocates import collocates_table

    report = Report(SCHEMA, body, rows, columns=COLUMNS, title=title,
                    table=collocates_table(rows, title), notes=tuple(notes))
    head = envelope(SCHEMA, engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)


def _example(examples: list[dict[str, Any]]) -> str:
    """The first co-occurrence as SOURCE@NODE_OFFSET: the `kwic` hit of the node it stands by."""
    if not examples:
        return ""
    first = examples[0]
    return f"{first['source']}@{first['node_offset']}"
