"""`xzcli tfidf`: the terms that set each document, section or paragraph apart, and its summary."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    shared_options,
)
from xzcli.render import Report


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
    from xzcli import api
    from xzcli.render.tfidf import tfidf_table

    spec = common.spec()
    check_output(common.output, paths)
    run = common.run()
    several = api.input_count(paths, run["options"]) > 1
    result = api.tfidf(paths, by=by.value if by is not None else None, top=top,
                       sentences=sentences, idf=idf, tf=tf.value, seg=spec, **run)
    records = result.records or []
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title,
                    table=tfidf_table(records, result.title, result.payload["by"],
                                      several=several),
                    notes=result.notes, records=records)
    common.finish(report, result.head, result.failed)
