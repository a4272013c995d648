"""`xzcli compare`: keyness of a target against a reference (G2, log ratio, %DIFF, DP)."""

from __future__ import annotations

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
from xzcli.errors import UsageError
from xzcli.render import Format, Report, envelope
from xzcli.segment import DEFAULT_ENGINE

SCHEMA = "xzcli.compare/1"
COLUMNS = ("rank", "term", "target_count", "reference_count", "target_per_10k",
           "reference_per_10k", "g2", "log_ratio", "percent_diff", "dp", "target_documents",
           "reference_documents", "in_lexicon", "pos")


class Measure(str, Enum):
    g2 = "g2"
    log_ratio = "log_ratio"


def _compare_task(doc: Any, segmenter: Any, *, parts: bool) -> Any:
    from xzcli.keyness import analyse

    return analyse(doc, segmenter, parts=parts)


@app.command()
def compare(
    paths: Paths,
    reference: Annotated[list[str] | None, typer.Option(
        "--reference", "-r", help="The reference: files or folders (repeatable), or 'policy' "
        "for the built-in term counts of the national government work reports 1954-2026.",
        show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", "-n", help="How many terms (0 = all).",
                                     min=0)] = 30,
    min_count: Annotated[int, typer.Option(
        "--min-count", help="Leave out terms counted fewer times on the side that uses them "
        "more.", min=1)] = 3,
    measure: Annotated[Measure, typer.Option(
        "--measure", help="Rank by signed log-likelihood (g2) or by Hardie's log ratio.",
        case_sensitive=False)] = Measure.g2,
    negative: Annotated[bool, typer.Option(
        "--negative", help="List what the target uses less than the reference.")] = False,
    min_g2: Annotated[float, typer.Option(
        "--min-g2", help="Leave out terms whose |G2| is below this (3.84: p < 0.05; 0 keeps "
        "all).", min=0.0)] = 3.84,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, as for keywords (default: lexicon terms, "
        "places ns, institutions nt, proper terms nz, eng, abbreviations j).",
        show_default=False)] = None,
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
    """Which terms the target uses more (or less) than the reference: G2, log ratio, DP."""
    from xzcli.keyness import (
        COMPARE_POS,
        POLICY_REFERENCE,
        CompareOptions,
        Comparison,
        TermTable,
        check_sides,
        load_policy_reference,
        merge,
        payload,
    )
    from xzcli.keywords import PosFilter
    from xzcli.segment import DictionaryInfo

    if not reference:
        raise UsageError("no reference given; add --reference FILE|FOLDER (repeatable) or "
                         "--reference policy")
    use_policy = POLICY_REFERENCE in reference
    ref_paths = [r for r in reference if r != POLICY_REFERENCE]
    if use_policy and ref_paths:
        raise UsageError("--reference policy stands alone; give either it or files and folders")
    options = CompareOptions(top=top, min_count=min_count, measure=measure.value,
                             negative=negative, min_g2=min_g2,
                             pos_filter=PosFilter.parse(pos) if pos else
                             PosFilter(COMPARE_POS, True))
    spec = make_spec(engine, dicts)
    check_output(output, [*paths, *ref_paths])
    failed: list[str] = []
    infos: list[tuple[str, Any]] = []
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)

    def side(side_paths: list[str], name: str, parts: bool) -> TermTable:
        total = TermTable()
        for info, table in stream_inputs(partial(_compare_task, parts=parts), side_paths, spec,
                                         failed, inputs=input_opts, jobs=jobs,
                                         scheduler=scheduler, quiet=quiet,
                                         label=f"counting the {name}", combine=merge,
                                         segments=True):
            if table is not None:  # None: folded into a later document's table by a worker
                total.merge(table)
            infos.append((name, info))
        return total

    target = side(paths, "target", True)
    extra: list[DictionaryInfo] = []
    if use_policy:
        ref_table, ref_path, sha = load_policy_reference()
        extra.append(DictionaryInfo(ref_path.name, str(ref_path), sha, len(ref_table.counts)))
        if dicts and not quiet:
            note("warning: the policy reference was counted with the built-in lexicon only; "
                 "terms your --dict joins may look more key than they are")
    else:
        ref_table = side(ref_paths, "reference", False)
    comparison = Comparison(target, ref_table)
    notes = check_sides(comparison)
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)
    body = payload(comparison, options, segmenter)
    rows = [{"rank": rank, **term} for rank, term in enumerate(body["terms"], start=1)]
    if not rows:
        notes.append(f"no term passes --min-count {min_count} and --min-g2 {min_g2:g}")
    direction = "less" if negative else "more"
    ref_label = ("the policy reference (national work reports)" if use_policy
                 else f"the reference ({ref_table.n_documents} document(s))")
    title = (f"compare · terms the target ({target.n_documents} document(s)) uses {direction} "
             f"than {ref_label} · by {measure.value}")
    from xzcli.render.compare import compare_table

    report = Report(SCHEMA, body, rows, columns=COLUMNS, title=title,
                    table=compare_table(rows, title), notes=tuple(notes))
    head = envelope(SCHEMA, engine=spec.engine, dictionaries=[*segmenter.dictionaries, *extra],
                    inputs=[info for _, info in infos])
    for record, (name, _) in zip(head["inputs"], infos, strict=True):
        record["side"] = name
    finish(report, fmt, head, output, failed, quiet)
