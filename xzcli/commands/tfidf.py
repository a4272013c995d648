"""`xzcli tfidf`: the terms that set each document, section or paragraph apart, and its summary."""

from __future__ import annotations

from enum import Enum
from functools import partial
from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    shared_options,
    stream_inputs,
)
from xzcli.render import Report, envelope

SCHEMA = "xzcli.tfidf/1"
ROW_FIELDS = ("source", "heading", "index", "item", "rank", "text", "value", "offset")


class By(str, Enum):
    document = "document"
    section = "section"
    paragraph = "paragraph"


class TfScale(str, Enum):
    auto = "auto"
    log = "log"
    raw = "raw"


IdfOpt = Annotated[
    list[str] | None,
    typer.Option("--idf", help="Document frequencies to weigh terms by: a table from "
                 "'xzcli idf build', or 'policy' for the built-in one; repeatable (tables add "
                 "up). Default: 'policy' for fewer than 10 inputs, the inputs themselves for more.",
                 metavar="FILE|policy", show_default=False),
]


def _tfidf_task(doc: Any, segmenter: Any, *, by: str) -> Any:
    from xzcli.tfidf import document_units

    return document_units(doc.text, segmenter, source=doc.source, by=by)


def unit_record(result: Any, by: str) -> dict[str, Any]:
    """One unit in the JSON payload: documents, sections and paragraphs share a shape."""
    unit = result.unit
    record: dict[str, Any] = {"source": unit.source}
    if by == "section":
        record.update(heading=unit.heading, offset=unit.offset)
    elif by == "paragraph":
        record.update(index=unit.index, section=unit.section, offset=unit.offset)
    record["terms"] = [{"term": t.term, "weight": t.weight} for t in result.terms]
    record["summary"] = [{"text": s.text, "offset": s.offset, "score": s.score}
                         for s in result.summary]
    return record


def _rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows for CSV/TSV: one per top term and one per summary sentence."""
    rows: list[dict[str, Any]] = []
    for record in records:
        base = {"source": record["source"], "heading": record.get("heading"),
                "index": record.get("index")}
        for rank, term in enumerate(record["terms"], start=1):
            rows.append({**base, "item": "term", "rank": rank, "text": term["term"],
                         "value": term["weight"], "offset": None})
        for rank, sentence in enumerate(record["summary"], start=1):
            rows.append({**base, "item": "sentence", "rank": rank, "text": sentence["text"],
                         "value": sentence["score"], "offset": sentence["offset"]})
    return rows


@shared_options("fmt", "output", "segmenter", "inputs", "run")
def tfidf(
    paths: Paths,
    by: Annotated[By | None, typer.Option(
        "--by", help="Units to weigh: one per document (default for several inputs), section "
        "(default for one input) or paragraph.", case_sensitive=False,
        show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", "-n", help="Terms per unit.", min=1)] = 10,
    sentences: Annotated[int, typer.Option("--sentences", "-s", help="Summary sentences per "
                                           "unit (0 = none).", min=0)] = 3,
    idf: IdfOpt = None,
    tf: Annotated[TfScale, typer.Option(
        "--tf", help="Term frequency: log (1 + ln tf) or raw counts; auto = log for whole "
        "documents, raw for sections and paragraphs.", case_sensitive=False)] = TfScale.auto,
    *,
    common: Common,
) -> None:
    """What sets each document (or section) apart: top TF-IDF terms and the sentences carrying
    them."""
    from xzcli.sources import expand_paths
    from xzcli.tfidf import (
        POLICY_IDF,
        UnitSpill,
        UnitStatistics,
        summarize_unit,
        term_weights,
    )

    spec = common.spec()
    check_output(common.output, paths)
    input_opts = common.inputs()
    n_inputs = len(expand_paths(paths, include=input_opts.include, exclude=input_opts.exclude))
    several = n_inputs > 1
    unit_kind = by.value if by is not None else ("document" if several else "section")
    # A handful of documents give the idf among them only a handful of values (three reports:
    # three), so terms tie and chance decides; the policy table then weighs in by default.
    from xzcli.tfidf import FEW_INPUTS, load_idf_tables

    table_names = list(idf or ([POLICY_IDF] if n_inputs < FEW_INPUTS else []))
    table, table_infos, table_label = (load_idf_tables(table_names) if table_names
                                       else (None, [], ""))
    sublinear = tf is TfScale.log or (tf is TfScale.auto and unit_kind == "document")
    # Two passes in bounded memory: the units stream to disk while their statistics add up
    # (a vocabulary's worth), then each is read back and weighed alone.
    failed: list[str] = []
    infos = []
    stats = UnitStatistics()
    with UnitSpill() as spill:
        for info, doc_units in stream_inputs(partial(_tfidf_task, by=unit_kind), paths, spec,
                                             failed, inputs=input_opts, jobs=common.jobs,
                                             scheduler=common.scheduler, quiet=common.quiet,
                                             label="weighing", segments=True):
            infos.append(info)
            stats.add(doc_units)
            spill.write(doc_units)
        weights = term_weights(stats, spill.counts(), table)
        records = []
        any_terms = False
        for unit in spill.units():
            result = summarize_unit(unit, weights, top=top, sentences=sentences,
                                    sublinear_tf=sublinear)
            any_terms = any_terms or bool(result.terms)
            records.append(unit_record(result, unit_kind))
    key = {"document": "documents", "section": "sections", "paragraph": "paragraphs"}[unit_kind]
    idf_info: dict[str, Any] = (
        {"source": table_label, "documents": table.n_documents,
         "unseen_idf": round(table.unseen_idf, 4)}
        if table is not None else {"source": "inputs", "documents": stats.n_units}
    )
    payload = {"by": unit_kind, "tf": "log" if sublinear else "raw", "idf": idf_info,
               key: records}
    title = (f"tfidf · {stats.n_units} {key} · idf: "
             f"{table_label if table is not None else 'the inputs'}")
    notes: tuple[str, ...] = ()
    if not any_terms:
        notes = ("no content terms found in the input",)
    from xzcli.pipeline import cached_segmenter
    from xzcli.render.tfidf import tfidf_table

    segmenter = cached_segmenter(spec)
    report = Report(SCHEMA, payload, _rows(records), ROW_FIELDS, title=title,
                    table=tfidf_table(records, title, unit_kind, several=several),
                    notes=notes, records=records)
    head = envelope(SCHEMA, engine=spec.engine,
                    dictionaries=[*segmenter.dictionaries, *table_infos],
                    inputs=infos)
    common.finish(report, head, failed)
