"""`xzcli ngrams`: recurring runs of 2-5 tokens, with counts and document counts."""

from __future__ import annotations

from typing import Annotated

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    shared_options,
    top_option,
)
from xzcli.render import Report


@shared_options("fmt", "output", "segmenter", "inputs", "run")
def ngrams(
    paths: Paths,
    sizes_spec: Annotated[str, typer.Option("--sizes", help="N-gram sizes: a range (2-5), a "
                                            "size (3) or a comma list (2,4); 1 to 8.")] = "2-5",
    min_count: Annotated[int, typer.Option("--min-count", help="Leave out rarer n-grams.",
                                           min=1)] = 2,
    min_documents: Annotated[int, typer.Option("--min-documents", help="Leave out n-grams "
                                               "found in fewer documents.", min=1)] = 1,
    top: Annotated[int, top_option("n-grams")] = 30,
    *,
    common: Common,
) -> None:
    """Recurring token n-grams within punctuation, stop words at the edges left out."""
    from xzcli import api
    from xzcli.render.ngrams import ngrams_table

    spec = common.spec()
    check_output(common.output, paths)
    result = api.ngrams(
        paths, sizes=sizes_spec, top=top, min_count=min_count, min_documents=min_documents,
        seg=spec,
        **common.run())
    report = Report(result.schema, result.payload, result.rows, columns=result.columns,
                    title=result.title, table=ngrams_table(result.rows, result.title),
                    notes=result.notes)
    common.finish(report, result.head, result.failed)
