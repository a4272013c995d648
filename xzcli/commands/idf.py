"""`xzcli idf build`: document frequencies from your own corpus, for `xzcli tfidf --idf`."""

from __future__ import annotations

from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    note,
    shared_options,
    stream_inputs,
)

# The help of the `xzcli idf` group (xzcli.cli makes the group).
GROUP_HELP = "IDF tables: document frequencies that tell a topic word from a common one."


class IdfUnit(str, Enum):
    file = "file"
    section = "section"
    paragraph = "paragraph"


@shared_options("segmenter", "inputs", "run")
def build(
    paths: Paths,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the table to FILE (default: standard output).",
        dir_okay=False, show_default=False)] = None,
    unit: Annotated[IdfUnit, typer.Option(
        "--unit", help="What counts as one document: each file, section or paragraph.",
        case_sensitive=False)] = IdfUnit.paragraph,
    min_df: Annotated[int, typer.Option(
        "--min-df", help="Leave out terms found in fewer documents (they then weigh as "
        "unseen terms).", min=1)] = 2,
    *,
    common: Common,
) -> None:
    """Count in how many documents each content term occurs: a `term<TAB>df` table."""
    from xzcli.render import write_atomic, write_stdout
    from xzcli.tfidf import DocumentFrequencies, document_frequencies_task, format_idf_table

    spec = common.spec()
    check_output(output, paths)
    failed: list[str] = []
    total = DocumentFrequencies()
    files = 0
    input_opts = common.inputs()
    # Merged as they arrive: memory follows the vocabulary, not the number of files.
    for _, frequencies in stream_inputs(partial(document_frequencies_task, unit=unit.value),
                                        paths, spec, failed, inputs=input_opts,
                                        jobs=common.jobs, scheduler=common.scheduler,
                                        quiet=common.quiet, label="counting", segments=True):
        total.merge(frequencies)
        files += 1
    text = format_idf_table(total, min_df=min_df, unit=unit.value)
    if output is None:
        write_stdout(lambda stream: stream.write(text))
    else:
        write_atomic(output, text)
    if not common.quiet:
        kept = sum(1 for d in total.df.values() if d >= min_df)
        note(f"{total.n_documents} documents ({unit.value}s) in {files} file(s); "
             f"{kept} of {len(total.df)} terms have df >= {min_df}")
    if failed:
        raise typer.Exit(1)
