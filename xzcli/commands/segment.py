"""`xzcli segment`: words in order, as delimited text or JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from xzcli.app import (
    DictOpt,
    EncodingOpt,
    EngineOpt,
    FormatOpt,
    JobsOpt,
    OutputOpt,
    Paths,
    QuietOpt,
    app,
    check_output,
    finish,
    make_spec,
    run_over_inputs,
)
from xzcli.render import Format, Report, envelope
from xzcli.segment import DEFAULT_ENGINE


def _segment_task(doc: Any, segmenter: Any) -> Any:
    from xzcli.sources import analysis_text

    return segmenter.tag(analysis_text(doc.text))


@app.command()
def segment(
    paths: Paths,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    delimiter: Annotated[str, typer.Option("--delimiter", "-d", help="Between tokens in the "
                                           "text view.")] = " / ",
    engine: EngineOpt = DEFAULT_ENGINE,
    dicts: DictOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Cut text into words with the policy lexicon; the text view keeps the lines."""
    spec = make_spec(engine, dicts)
    check_output(output, paths)
    done, failed = run_over_inputs(_segment_task, paths, spec, encoding=encoding, jobs=jobs,
                                   quiet=quiet, label="segmenting", segments=True)
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)
    documents = []
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    for info, pairs in done:
        tokens = [w for w, _ in pairs if not w.isspace()]
        documents.append({"source": info.source, "tokens": tokens})
        offset = 0
        line: list[str] = []
        for word, tag in pairs:
            if word.isspace():
                breaks = word.count("\n")
                if breaks:
                    lines.append(delimiter.join(line))
                    lines.extend([""] * (breaks - 1))
                    line = []
            else:
                line.append(word)
                rows.append({"source": info.source, "offset": offset, "token": word, "pos": tag})
            offset += len(word)
        if line:
            lines.append(delimiter.join(line))
    payload: dict[str, Any] = (
        {"tokens": documents[0]["tokens"]} if len(documents) == 1 else {"documents": documents}
    )
    report = Report(
        "xzcli.segment/1", payload, rows, ("source", "offset", "token", "pos"),
        text="".join(f"{ln}\n" for ln in lines), records=documents,
    )
    head = envelope("xzcli.segment/1", engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=[i for i, _ in done])
    finish(report, fmt, head, output, failed, quiet)
