"""`xzcli keywords`: the terms that say what the inputs are about."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    group_by_option,
    shared_options,
    top_option,
)
from xzcli.render import Report


class Rank(str, Enum):
    tfidf = "tfidf"
    by_count = "count"  # (not `count`: str.count is taken)


class By(str, Enum):
    all = "all"
    document = "document"


@shared_options("fmt", "output", "segmenter", "inputs", "run")
def keywords(
    paths: Paths,
    top: Annotated[int, top_option("terms")] = 30,
    rank: Annotated[Rank, typer.Option(
        "--rank", help="Order: tfidf weighs each count by the term's rarity in policy language "
        "(the built-in IDF), so what every policy text says gives way; count is plain "
        "frequency.", case_sensitive=False)] = Rank.tfidf,
    by: Annotated[By, typer.Option(
        "--by", help="One list over all inputs, or one list per document.",
        case_sensitive=False)] = By.all,
    min_count: Annotated[int, typer.Option("--min-count", help="Leave out rarer terms.",
                                           min=1)] = 1,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, comma-separated: jieba tags (n, nr, ns, v, vn, a "
        "…), groups (noun, name, verb, adj, adv, idiom, eng, all) and 'lexicon' for every "
        "lexicon term. Default: nouns, names and lexicon terms.", show_default=False)] = None,
    group_by: Annotated[str | None, group_by_option(
        "One list per metadata value")] = None,
    *,
    common: Common,
) -> None:
    """The terms that say what the inputs are about, with count, rate and document frequency."""
    from xzcli import api
    from xzcli.render.keywords import keywords_table

    spec = common.spec()
    check_output(common.output, paths)
    result = api.keywords(paths, top=top, rank=rank.value, by=by.value, min_count=min_count,
                          pos=pos, group_by=group_by, seg=spec, **common.run())
    split = by is By.document or group_by is not None
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    title=result.title,
                    table=keywords_table(result.rows, api.keyword_lists(result), result.title,
                                         per_document=split),
                    notes=result.notes)
    common.finish(report, result.head, result.failed)
