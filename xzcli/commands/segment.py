"""`xzcli segment`: words in order, as delimited text or JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    shared_options,
)
from xzcli.render import Format, Report


@shared_options("fmt", "output", "segmenter", "inputs", "jobs")
def segment(
    paths: Paths,
    delimiter: Annotated[str, typer.Option("--delimiter", "-d", help="Between tokens in the "
                                           "text view.")] = " / ",
    nested: Annotated[bool, typer.Option("--nested", help="Also show the lexicon terms inside "
                                         "longer tokens: 污染防治攻坚战[污染防治].")] = False,
    *,
    common: Common,
) -> None:
    """Cut text into words with the policy lexicon; the text view keeps the lines."""
    from xzcli import api

    spec = common.spec()
    check_output(common.output, paths)
    run = common.run()
    if common.fmt is not Format.json:
        # Everything but one JSON object streams: each document is written as soon as it is
        # cut, in input order, so `segment FOLDER | head -1` answers at the first file, and a
        # folder's tokens are never held together (nor for --output, written as they come).
        from xzcli.render import write_atomic

        columns = api.SEGMENT_NESTED_COLUMNS if nested else api.SEGMENT_COLUMNS
        failed: list[str] = []
        fmt = "text" if common.fmt is Format.table else common.fmt.value
        chunks = api.segment_lines(paths, fmt, delimiter=delimiter, nested=nested, seg=spec,
                                   failed=failed, **run)
        if common.output is None:
            _stream(chunks, common.fmt, columns, sys.stdout)
        else:
            write_atomic(common.output, lambda out: _stream(
                chunks, common.fmt, columns, out, bom=common.fmt is Format.csv))
        if failed:
            raise typer.Exit(1)
        return
    # JSON is written by the workers and kept on disk until printed (flat memory).
    result = api.segment(paths, delimiter=delimiter, nested=nested, seg=spec, spool=True,
                         **run)
    report = Report(result.schema, result.payload, result.rows, result.columns,
                    text=result.text, records=result.records)
    common.finish(report, result.head, result.failed)


def _stream(chunks: Iterable[str], fmt: Format, columns: tuple[str, ...], out: Any, *,
            bom: bool = False) -> None:
    """The header (CSV, TSV), then each document's lines as its worker wrote them."""
    if fmt in (Format.csv, Format.tsv):
        import csv

        if bom:
            out.write("\ufeff")
        csv.writer(out, delimiter="," if fmt is Format.csv else "\t",
                   lineterminator="\n").writerow(columns)
    for text in chunks:
        out.write(text)
        out.flush()
