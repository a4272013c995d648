"""`xzcli report`: one self-contained HTML page (or its data as JSON) with every analysis."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    note,
    run_over_inputs,
    shared_options,
)


class ReportFormat(str, Enum):
    html = "html"
    json = "json"


@shared_options("output", "segmenter", "inputs", "jobs")
def report(
    paths: Paths,
    terms: Annotated[list[str] | None, typer.Option(
        "--term", "-t", help="A term to follow in the usage and dispersion sections, taken "
        "verbatim; repeatable. Default: the most frequent policy-lexicon terms.",
        show_default=False)] = None,
    n_terms: Annotated[int, typer.Option(
        "--terms", help="How many top lexicon terms to follow when no --term is given.",
        min=1, max=8)] = 5,
    top: Annotated[int, typer.Option("--top", "-n", help="Keywords in the bar chart.",
                                     min=1)] = 20,
    tfidf_terms: Annotated[int, typer.Option("--tfidf-terms", help="TF-IDF terms per "
                                             "document.", min=1)] = 10,
    sentences: Annotated[int, typer.Option("--sentences", "-s", help="Summary sentences per "
                                           "document (0 = none).", min=0)] = 3,
    rows: Annotated[int, typer.Option("--rows", help="Figures and lint findings listed per "
                                      "document (all are counted).", min=0)] = 20,
    title: Annotated[str | None, typer.Option(
        "--title", help="Page title (default: the document's title, or the number of "
        "documents).", show_default=False)] = None,
    theme_file: Annotated[Path | None, typer.Option(
        "--themes", help="Your own themes file (as for 'xzcli themes').", dir_okay=False,
        show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="The page, or the data it shows.",
        case_sensitive=False)] = ReportFormat.html,
    *,
    common: Common,
) -> None:
    """One HTML page to open, read and share: overview, keyword bars, theme shares, TF-IDF
    summaries, term usage over the years, dispersion, figures and lint findings."""
    from xzcli.pipeline import cached_segmenter
    from xzcli.render import envelope, to_json, write_atomic
    from xzcli.report import (
        SCHEMA,
        ReportOptions,
        analyse_document,
        build_report,
        place_terms,
        term_queries,
        top_lexicon_terms,
        total_counts,
    )
    from xzcli.themes import load_themes
    from xzcli.usage import by_year

    spec = common.spec()
    check_output(common.output, paths)
    theme_set = load_themes(theme_file)
    given = [t for t in terms or () if t.strip()]
    if terms and not given:
        from xzcli.errors import UsageError

        raise UsageError("--term: an empty term matches nothing; give the text to look for")
    options = ReportOptions(keywords=top, terms=tuple(given), default_terms=n_terms,
                            tfidf_terms=tfidf_terms, sentences=sentences, rows=rows,
                            title=title)
    replay_stdin = _stdin_replayer(paths)
    replay_stdin()
    input_opts = common.inputs()
    done, failed = run_over_inputs(partial(analyse_document, themes=theme_set), paths, spec,
                                   inputs=input_opts, jobs=common.jobs, quiet=common.quiet,
                                   label="analysing", segments=True)
    inputs = [info for info, _ in done]
    analyses = [a for _, a in done]
    segmenter = cached_segmenter(spec)
    chosen = list(dict.fromkeys(given)) or top_lexicon_terms(total_counts(analyses), segmenter,
                                                             n_terms)
    # Second pass over the files that could be read: count and place the chosen terms.
    readable = [i.source for i in inputs]
    replay_stdin()
    placed, failed_again = run_over_inputs(partial(place_terms, queries=term_queries(chosen)),
                                           readable, spec, inputs=input_opts, jobs=common.jobs,
                                           quiet=True, label="placing")
    failed += failed_again
    idf, idf_infos, idf_label = _idf(len(analyses))
    data = build_report(inputs, analyses, [p for _, p in placed], segmenter=segmenter,
                        themes=theme_set, terms=chosen,
                        terms_chosen="given" if given else "top lexicon terms", idf=idf,
                        idf_label=idf_label, options=options)
    head = envelope(SCHEMA, engine=spec.engine,
                    dictionaries=[*segmenter.dictionaries, theme_set, *idf_infos],
                    inputs=inputs)
    if fmt is ReportFormat.json:
        out = to_json({**head, **data}) + "\n"
    else:
        from xzcli.render.report_html import render_html

        out = render_html(head, data)
    if common.output is not None:
        write_atomic(common.output, out)
    else:
        import sys

        sys.stdout.write(out)
        sys.stdout.flush()
    if not common.quiet:
        if not given and not chosen:
            note("no policy-lexicon term found: the usage and dispersion sections are empty "
                 "(name terms with --term)")
        years, undated = by_year([p.usage for _, p in placed])
        if undated and years:
            note(f"{len(undated)} document(s) carry no year and are left out of the usage "
                 "over the years")
    if failed:
        raise typer.Exit(1)


def _stdin_replayer(paths: list[str]) -> Callable[[], None]:
    """Standard input can be read once, and the report reads its inputs twice: keep the bytes
    and put a fresh copy in place before each pass (stdin inputs always run in this process)."""
    import io
    import sys

    from xzcli.sources import STDIN

    if STDIN not in paths:
        return lambda: None
    data = sys.stdin.buffer.read()

    def replay() -> None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))

    return replay


def _idf(n_documents: int) -> tuple[Any, list[Any], str]:
    """As `xzcli tfidf`: the built-in policy IDF for fewer than FEW_INPUTS inputs, the inputs
    themselves for more."""
    from xzcli.tfidf import FEW_INPUTS, POLICY_IDF, load_idf_tables

    if n_documents >= FEW_INPUTS:
        return None, [], "the inputs"

    return load_idf_tables([POLICY_IDF])
