"""`xzcli extract`: the text xzcli analyses, as read from text, PDF, Word or HTML files."""

from __future__ import annotations

from typing import Any

from xzcli.app import (
    EncodingOpt,
    ExcludeOpt,
    FormatOpt,
    IncludeOpt,
    InputFormatOpt,
    MetaOpt,
    NamePatternOpt,
    OutputOpt,
    Paths,
    QuietOpt,
    T2sOpt,
    app,
    check_output,
    finish,
    input_spec,
    run_over_inputs,
)
from xzcli.render import Format, Report, envelope

SCHEMA = "xzcli.extract/1"


def _extract_task(doc: Any, segmenter: Any = None) -> str:
    return str(doc.text)


@app.command()
def extract(
    paths: Paths,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    t2s: T2sOpt = False,
    meta: MetaOpt = None,
    name_pattern: NamePatternOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """The extracted text every offset points into (page debris removed from PDFs)."""
    check_output(output, paths)
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    from xzcli.pipeline import SegmenterSpec

    done, failed = run_over_inputs(_extract_task, paths, SegmenterSpec(), inputs=input_opts,
                                   jobs=1, quiet=quiet, label="extracting")
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
    finish(report, fmt, head, output, failed, quiet)
