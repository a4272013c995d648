"""`xzcli extract`: the text xzcli analyses, as read from text, PDF, Word or HTML files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xzcli.app import (
    Common,
    Paths,
    check_output,
    run_over_inputs,
    shared_options,
)
from xzcli.render import Report, envelope

if TYPE_CHECKING:
    from xzcli.segment import Segmenter
    from xzcli.sources import Document

SCHEMA = "xzcli.extract/1"


def _extract_task(doc: Document, segmenter: Segmenter) -> str:
    return doc.text


@shared_options("fmt", "output", "inputs")
def extract(
    paths: Paths,
    *,
    common: Common,
) -> None:
    """The extracted text every offset points into (page debris removed from PDFs)."""
    check_output(common.output, paths)
    input_opts = common.inputs()
    from xzcli.pipeline import SegmenterSpec

    done, failed = run_over_inputs(_extract_task, paths, SegmenterSpec(), inputs=input_opts,
                                   jobs=1, quiet=common.quiet, label="extracting")
    documents = [{"source": info.source, "format": info.format, "chars": info.chars,
                  "meta": info.meta, "text": text} for info, text in done]
    payload: dict[str, Any] = (
        {"text": documents[0]["text"]} if len(documents) == 1 else {"documents": documents}
    )
    rows = [{k: v for k, v in d.items() if k != "text"} for d in documents]
    # The text view is the text itself, exactly: offsets from any command index into it.
    report = Report(SCHEMA, payload, rows, ("source", "format", "chars", "meta"),
                    text="".join(str(d["text"]) for d in documents), records=documents)
    head = envelope(SCHEMA, engine=None, inputs=[i for i, _ in done])
    common.finish(report, head, failed)
