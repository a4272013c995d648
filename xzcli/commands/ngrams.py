"""`xzcli ngrams`: recurring runs of 2-5 tokens, with counts and document counts."""

from __future__ import annotations

from typing import Annotated

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
    progress_bar,
)
from xzcli.render import Format, Report
from xzcli.segment import DEFAULT_ENGINE

SCHEMA = "xzcli.ngrams/1"
COLUMNS = ("rank", "ngram", "tokens", "n", "count", "documents", "per_10k")


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
    from xzcli import api
    from xzcli.render.ngrams import ngrams_table

    spec = make_spec(engine, dicts)
    check_output(output, paths)
    result = api.ngrams(
        paths, sizes=sizes_spec, top=top, min_count=min_count, min_documents=min_documents,
        seg=spec,
        options=input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude),
        jobs=jobs, scheduler=scheduler, quiet=quiet, progress=progress_bar)
    report = Report(result.schema, result.payload, result.rows, columns=result.columns,
                    title=result.title, table=ngrams_table(result.rows, result.title),
                    notes=result.notes)
    finish(report, fmt, result.head, output, result.failed, quiet)
