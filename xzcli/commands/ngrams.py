"""`xzcli ngrams`: recurring runs of 2-5 tokens, with counts and document counts."""

from __future__ import annotations

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
    Paths,
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
from xzcli.render import Format, Report, envelope
from xzcli.segment import DEFAULT_ENGINE

SCHEMA = "xzcli.ngrams/1"
COLUMNS = ("rank", "ngram", "tokens", "n", "count", "documents", "per_10k")


def _ngrams_task(doc: Any, segmenter: Any, *, sizes: tuple[int, ...]) -> Any:
    from xzcli.ngrams import analyse

    return analyse(doc, segmenter, sizes=sizes)


@app.command()
def ngrams(
    paths: Paths,
    sizes_spec: Annotated[str, typer.Option("--sizes", help="N-gram sizes: a range (2-5), a "
                                            "size (3) or a comma list (2,4); 1 to 8.")] = "2-5",
    min_count: Annotated[int, typer.Option("--min-count", help="Leave out rarer n-grams.",
                                           min=1)] = 2,
    min_documents: Annotated[int, typer.Option("--min-documents", help="Leave out n-grams "
                                               "found in fewer documents.", min=1)] = 1,
    top: Annotated[int, typer.Option("--top", "-n", help="How many n-grams (0 = all).",
                                     min=0)] = 30,
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
    """Recurring token n-grams within punctuation, stop words at the edges left out."""
    from xzcli.ngrams import NgramCounts, NgramOptions, merge, parse_sizes, payload
    from xzcli.pipeline import cached_segmenter

    sizes = parse_sizes(sizes_spec)
    options = NgramOptions(sizes=sizes, top=top, min_count=min_count,
                           min_documents=min_documents)
    spec = make_spec(engine, dicts)
    check_output(output, paths)
    failed: list[str] = []
    total = NgramCounts()
    inputs = []
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    for info, result in stream_inputs(partial(_ngrams_task, sizes=sizes), paths, spec, failed,
                                      inputs=input_opts, jobs=jobs, scheduler=scheduler,
                                      quiet=quiet, label="counting", combine=merge,
                                      segments=True):
        if result is not None:  # None: folded into a later document's counts by a worker
            total.merge(result)
        inputs.append(info)
    segmenter = cached_segmenter(spec)
    body = payload(total, options, segmenter)
    rows = [{"rank": rank, **g} for rank, g in enumerate(body["ngrams"], start=1)]
    notes = () if rows else (f"no n-gram reaches --min-count {min_count}",)
    label = f"{sizes[0]}-{sizes[-1]}" if len(sizes) > 1 else str(sizes[0])
    title = (f"ngrams · n = {label} · {total.n_documents} document(s) · "
             f"{total.tokens} word tokens")
    from xzcli.render.ngrams import ngrams_table

    report = Report(SCHEMA, body, rows, columns=COLUMNS, title=title,
                    table=ngrams_table(rows, title), notes=notes)
    head = envelope(SCHEMA, engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)
