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
    note,
    stream_inputs,
)
from xzcli.errors import InputError
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
    group_by: Annotated[str | None, typer.Option(
        "--group-by", metavar="FIELD", help="One list per metadata value: year, region, issuer "
        "(from file names) or any --meta column.", show_default=False)] = None,
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
    groups: dict[Any, TermCounts] = {}
    missing: list[str] = []
    inputs = []
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    # Grouping needs each document's own counts: workers then send them unfolded.
    for info, counts in stream_inputs(_keywords_task, paths, spec, failed, inputs=input_opts,
                                      jobs=jobs, scheduler=scheduler, quiet=quiet,
                                      label="counting",
                                      combine=None if group_by else TermCounts.merge,
                                      segments=True):
        inputs.append(info)
        if counts is None:  # folded into a later document's counts by a worker
            continue
        if group_by:
            value = info.meta.get(group_by)
            if value is None:
                missing.append(info.source)
                continue
            groups.setdefault(value, TermCounts()).merge(counts)
        total.merge(counts)
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)

    def ranked(counts: TermCounts) -> list[dict[str, Any]]:
        found = keyword_frequencies(counts, segmenter, top=top, min_count=min_count,
                                    pos_filter=pos_filter)
        return [
            {"rank": rank, "term": k.term, "count": k.count, "per_10k": k.per_10k,
             "documents": k.documents, "in_lexicon": k.in_lexicon, "pos": k.pos,
             "nested": k.nested}
            for rank, k in enumerate(found, start=1)
        ]

    rows = ranked(total)
    payload: dict[str, Any] = {
        "documents": total.n_documents,
        "chars": total.chars,
        "keywords": [{k: v for k, v in row.items() if k != "rank"} for row in rows],
    }
    title = f"keywords · {total.n_documents} document(s) · {total.chars} characters"
    if group_by:
        from xzcli.usage import group_sort_key

        if missing and not quiet:
            note(f"{len(missing)} document(s) carry no {group_by} and are left out of "
                 "--group-by: " + ", ".join(missing[:3]) + (" …" if len(missing) > 3 else ""))
        if not groups:
            raise InputError(f"--group-by {group_by}: no document carries that field (file "
                             "names give year, region, issuer, title; --meta adds columns)")
        rows = []
        payload["group_by"] = group_by
        payload["groups"] = []
        for value in sorted(groups, key=group_sort_key):
            group_rows = ranked(groups[value])
            payload["groups"].append({
                "value": value, "documents": groups[value].n_documents,
                "chars": groups[value].chars,
                "keywords": [{k: v for k, v in r.items() if k != "rank"} for r in group_rows],
            })
            rows.extend({group_by: value, **r} for r in group_rows)
        title += f" in {len(groups)} {group_by} group(s)"
    report = Report("xzcli.keywords/1", payload, rows, title=title)
    head = envelope("xzcli.keywords/1", engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)
