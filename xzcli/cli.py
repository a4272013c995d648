"""The xzcli command line: parse options, call the core, hand the result to the renderer."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer

from xzcli import __version__
from xzcli.errors import InputError, UsageError, XzError
from xzcli.pipeline import InputInfo, Outcome, SegmenterSpec, Task, run_documents
from xzcli.render import Format, Report, emit, envelope
from xzcli.segment import DEFAULT_ENGINE, ENGINES

app = typer.Typer(
    name="xzcli",
    help="Analyse Chinese policy texts: keywords, themes, TF-IDF, term usage, figures, lint.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

R = TypeVar("R")

# -- options shared by the commands -----------------------------------------------------------
Paths = Annotated[
    list[str],
    typer.Argument(help="Files, folders (every .txt/.md below) or - for standard input.",
                   show_default=False),
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE (whole or not at all; CSV gets a BOM "
                 "so Excel reads Chinese).", dir_okay=False, show_default=False),
]
EngineOpt = Annotated[
    str,
    typer.Option("--engine", help=f"Segmentation engine: {' or '.join(ENGINES)} "
                 "(pure-Python reference)."),
]
DictOpt = Annotated[
    list[Path] | None,
    typer.Option("--dict", help="Your own jieba dictionary (word [freq] [tag] per line); "
                 "repeatable.", show_default=False),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", help="Input encoding (default: detect UTF-8/UTF-16/GB18030).",
                 show_default=False),
]
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes for folders (0 = all cores).", min=0)
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run on a Dask cluster, e.g. tcp://host:8786 "
                 "(needs xzcli[dask]).", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or notes.")]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"xzcli {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Analyse Chinese policy texts."""


# -- plumbing ---------------------------------------------------------------------------------
def note(message: str) -> None:
    """A line for the user on stderr (never on stdout, which carries only data)."""
    sys.stderr.write(f"xzcli: {message}\n")
    sys.stderr.flush()


def check_output(output: Path | None, sources: Sequence[str]) -> None:
    """Never write over an input file."""
    if output is None:
        return
    target = output.resolve()
    for source in sources:
        if source != "-" and Path(source).resolve() == target:
            raise UsageError(f"--output {output} is one of the inputs; xzcli never writes inputs")


def make_spec(engine: str, dicts: list[Path] | None) -> SegmenterSpec:
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    return SegmenterSpec(engine=engine, user_dicts=tuple(str(d) for d in dicts or ()))


@contextmanager
def progress_bar(total: int, quiet: bool, label: str) -> Iterator[Callable[[Outcome[Any]], None]]:
    """A Rich progress bar on stderr for many inputs, only when stderr is a terminal."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield lambda outcome: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task_id = progress.add_task(label, total=total)
    with progress:
        yield lambda outcome: progress.advance(task_id)


def run_over_inputs(
    task: Task[R],
    paths: list[str],
    spec: SegmenterSpec,
    *,
    encoding: str | None,
    jobs: int = 1,
    scheduler: str | None = None,
    quiet: bool = False,
    label: str = "reading",
) -> tuple[list[tuple[InputInfo, R]], list[str]]:
    """Run a per-document task over every input; bad files become one stderr line each."""
    from xzcli.sources import expand_paths, normalize_encoding

    if encoding:
        encoding = normalize_encoding(encoding)
    sources = expand_paths(paths)
    results: list[tuple[InputInfo, R]] = []
    failed: list[str] = []
    with progress_bar(len(sources), quiet, label) as on_done:
        for outcome in run_documents(task, sources, spec, encoding=encoding, jobs=jobs,
                                     scheduler=scheduler, on_done=on_done):
            for warning in outcome.warnings:
                if not quiet:
                    note(f"warning: {warning}")
            if outcome.error is not None:
                if len(sources) == 1:
                    raise InputError(outcome.error)
                note(f"skipped {outcome.error}")
                failed.append(outcome.source)
                continue
            assert outcome.info is not None
            results.append((outcome.info, outcome.result))  # type: ignore[arg-type]
    if failed and not results:
        raise InputError(f"none of the {len(sources)} inputs could be read")
    return results, failed


def finish(report: Report, fmt: Format, head: dict[str, Any], output: Path | None,
           failed: Sequence[str] = (), quiet: bool = False) -> None:
    emit(report, fmt, head, output)
    if not quiet:
        for line in report.notes:
            note(line)
    if failed:
        raise typer.Exit(1)


# -- commands ---------------------------------------------------------------------------------
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
                                   quiet=quiet, label="segmenting")
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


def _keywords_task(doc: Any, segmenter: Any) -> Any:
    from xzcli.keywords import count_terms
    from xzcli.sources import analysis_text

    return count_terms(analysis_text(doc.text), segmenter)


@app.command()
def keywords(
    paths: Paths,
    top: Annotated[int, typer.Option("--top", "-n", help="How many terms (0 = all).", min=0)] = 30,
    min_count: Annotated[int, typer.Option("--min-count", help="Leave out rarer terms.",
                                           min=1)] = 1,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, comma-separated: jieba tags (n, nr, ns, v, vn, a "
        "…), groups (noun, name, verb, adj, adv, idiom, eng, all) and 'lexicon' for every "
        "lexicon term. Default: nouns, names and lexicon terms.", show_default=False)] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    engine: EngineOpt = DEFAULT_ENGINE,
    dicts: DictOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """The most frequent content terms over all inputs, with rate and document frequency."""
    from xzcli.keywords import PosFilter, TermCounts, keyword_frequencies

    pos_filter = PosFilter.parse(pos)
    spec = make_spec(engine, dicts)
    check_output(output, paths)
    done, failed = run_over_inputs(_keywords_task, paths, spec, encoding=encoding, jobs=jobs,
                                   scheduler=scheduler, quiet=quiet, label="counting")
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)
    total = TermCounts()
    for _, counts in done:
        total.merge(counts)
    found = keyword_frequencies(total, segmenter.lexicon, top=top, min_count=min_count,
                                pos_filter=pos_filter)
    rows = [
        {"rank": rank, "term": k.term, "count": k.count, "per_10k": k.per_10k,
         "documents": k.documents, "in_lexicon": k.in_lexicon, "pos": k.pos}
        for rank, k in enumerate(found, start=1)
    ]
    payload = {
        "documents": total.n_documents,
        "chars": total.chars,
        "keywords": [{k: v for k, v in row.items() if k != "rank"} for row in rows],
    }
    title = f"keywords · {total.n_documents} document(s) · {total.chars} characters"
    report = Report("xzcli.keywords/1", payload, rows, title=title)
    head = envelope("xzcli.keywords/1", engine=spec.engine, dictionaries=segmenter.dictionaries,
                    inputs=[i for i, _ in done])
    finish(report, fmt, head, output, failed, quiet)


# -- entry point ------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> None:
    """Run the app; user-caused problems end with one line on stderr and exit 1 or 2."""
    code = 0
    try:
        result = app(args=list(argv) if argv is not None else None, prog_name="xzcli",
                     standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except click.exceptions.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n")
        code = 2
    except click.exceptions.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "xzcli"
        note(f"error: {exc.format_message()} (see '{command} --help')")
        code = 2
    except click.exceptions.Abort:
        note("aborted")
        code = 130
    except XzError as exc:
        note(f"error: {exc}")
        code = exc.exit_code
    except BrokenPipeError:
        code = _quiet_pipe()
    except KeyboardInterrupt:
        code = 130
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_pipe()
    sys.exit(code)


def _quiet_pipe() -> int:
    # The reader (| head) has gone: point stdout at /dev/null so the exit flush stays silent.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0
