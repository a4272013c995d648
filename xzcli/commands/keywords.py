"""`xzcli keywords`: the most frequent content terms over all inputs."""

from __future__ import annotations

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


def _keywords_task(doc: Any, segmenter: Any) -> Any:
    from xzcli.keywords import count_terms
    from xzcli.sources import analysis_text

    return count_terms(analysis_text(doc.text), segmenter)


@app.command()
def keywords(
    paths: Paths,
    top: Annotated[int, typer.Option("--top", "-n", help="How many terms (0 = all).", min=0)] = 30,
    min_count: Annotated[int, typer.Option("--min-count", help="Leave out rarer terms.",
                                           min=1)] = 1,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, comma-separated: jieba tags (n, nr, ns, v, vn, a "
        "…), groups (noun, name, verb, adj, adv, idiom, eng, all) and 'lexicon' for every "
        "lexicon term. Default: nouns, names and lexicon terms.", show_default=False)] = None,
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
    """The most frequent content terms over all inputs, with rate and document frequency."""
    from xzcli.keywords import PosFilter, TermCounts, keyword_frequencies

    pos_filter = PosFilter.parse(pos)
    spec = make_spec(engine, dicts)
    check_output(output, paths)
    failed: list[str] = []
    total = TermCounts()
    inputs = []
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    for info, counts in stream_inputs(_keywords_task, paths, spec, failed, inputs=input_opts,
                                      jobs=jobs, scheduler=scheduler, quiet=quiet,
                                      label="counting", combine=TermCounts.merge,
                                      segments=True):
        if counts is not None:  # None: folded into a later document's counts by a worker
            total.merge(counts)
        inputs.append(info)
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)
    found = keyword_frequencies(total, segmenter, top=top, min_count=min_count,
                                pos_filter=pos_filter)
    rows = [
        {"rank": rank, "term": k.term, "count": k.count, "per_10k": k.per_10k,
         "documents": k.documents, "in_lexicon": k.in_lexicon, "pos": k.pos,
         "nested": k.nested}
        for rank, k in enumerate(found, start=1)
    ]
    payload = {
        "documents": total.n_documents,
        "chars": total.chars,
        "keywords": [{k: v for k, v in row.items() if k != "rank"} for row in rows],
    }
    title = f"keywords · {total.n_documents} document(s) · {total.chars} characters"
    report = Report("xzcli.keywords/1", payload, rows, title=title)
    head = envelope("xzcli.keywords/1", engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)
