"""`xzcli lint`: copy-editing slips in Chinese text, reported like a compiler's messages."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from xzcli.app import (
    EncodingOpt,
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
    stream_inputs,
)
from xzcli.render import Format, Report, envelope

SCHEMA = "xzcli.lint/1"
COLUMNS = ("source", "line", "column", "offset", "rule", "text", "message", "suggestion")


def lint_task(doc: Any, segmenter: Any = None, rules: tuple[str, ...] | None = None
              ) -> list[Any]:
    """Per-document task (run_documents shape); lint needs no segmenter, so it is ignored."""
    from xzcli.lint import lint_text
    from xzcli.sources import analysis_text

    markdown = doc.source.lower().endswith(".md")
    return lint_text(analysis_text(doc.text), rules, markdown=markdown)


@app.command()
def lint(
    paths: Paths,
    rule: Annotated[list[str] | None, typer.Option(
        "--rule", "-r", help="Run only these rules (repeatable or comma list): repeated-item, "
        "halfwidth-punct, unbalanced, markup, doubled-char.", show_default=False)] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", help="Skip these rules (repeatable or comma list).",
        show_default=False)] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
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
    """Copy-editing slips: repeated list items, half-width , : ; ( ), unbalanced quotes and
    brackets, leftover markup, doubled characters. Exit 1 when anything is found."""
    from functools import partial

    from xzcli.lint import select_rules
    from xzcli.pipeline import SegmenterSpec

    rules = select_rules(rule or (), ignore or ())
    check_output(output, paths)
    failed: list[str] = []
    inputs = []
    rows: list[dict[str, Any]] = []
    task = partial(lint_task, rules=rules)
    input_opts = input_spec(encoding, input_format, t2s, name_pattern, meta, include, exclude)
    for info, found in stream_inputs(task, paths, SegmenterSpec(), failed, inputs=input_opts,
                                     jobs=jobs, scheduler=scheduler, quiet=quiet,
                                     label="linting"):
        inputs.append(info)
        for f in found:
            rows.append({"source": info.source, "line": f.line, "column": f.column,
                         "offset": f.offset, "rule": f.rule, "text": f.text,
                         "message": f.message, "suggestion": f.suggestion})
    from xzcli.render.lint import compiler_messages

    notes = () if rows else (f"no findings in {len(inputs)} document(s)",)
    report = Report(SCHEMA, {"rules": list(rules), "findings": rows}, rows, COLUMNS,
                    title=f"lint · {len(rows)} finding(s)", text=compiler_messages(rows),
                    notes=notes)
    head = envelope(SCHEMA, engine=None, inputs=inputs)
    finish(report, fmt, head, output, failed, quiet)
    if rows:
        raise typer.Exit(1)

