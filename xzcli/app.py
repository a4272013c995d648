"""The Typer app, the options every command shares, and the load -> compute -> emit plumbing."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from xzcli import __version__
from xzcli.errors import UsageError
from xzcli.inputs import (  # noqa: F401 - the commands import them from here
    InputSpec,
    input_spec,
    make_spec,
    note,
)
from xzcli.inputs import merge_over_inputs as _merge_over_inputs
from xzcli.inputs import run_over_inputs as _run_over_inputs
from xzcli.inputs import stream_inputs as _stream_inputs
from xzcli.pipeline import Failed, Read
from xzcli.render import Format, Report, emit
from xzcli.segment import DEFAULT_ENGINE, ENGINES, SegmenterSpec

app = typer.Typer(
    name="xzcli",
    help="Analyse Chinese policy texts: keywords, themes, TF-IDF, term usage, figures, lint.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

R = TypeVar("R")

# -- options shared by the commands -----------------------------------------------------------
Paths = Annotated[
    list[str],
    typer.Argument(help="Files (text, Markdown, PDF, .docx, HTML), folders (every such file "
                   "below) or - for standard input.", show_default=False),
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
InputFormatOpt = Annotated[
    str | None,
    typer.Option("--input-format", help="Read every input as txt, md, pdf, docx or html "
                 "(default: by file type; PDF, Word and HTML need xzcli[pdf], [docx], [html]).",
                 show_default=False),
]
T2sOpt = Annotated[
    bool,
    typer.Option("--t2s", help="Convert traditional Chinese to simplified for analysis; offsets "
                 "still point into the original (needs xzcli[t2s])."),
]
MetaOpt = Annotated[
    Path | None,
    typer.Option("--meta", help="CSV of metadata (year, region, issuer, any column) keyed by "
                 "file name; overrides what file names say.", dir_okay=False,
                 show_default=False),
]
NamePatternOpt = Annotated[
    str | None,
    typer.Option("--name-pattern", help="Regex with named groups for the metadata file names "
                 "carry (default reads YEAR[-REGION][-ISSUER][-TITLE]).", show_default=False),
]
IncludeOpt = Annotated[
    list[str] | None,
    typer.Option("--include", help="In folders, read only files whose name or path below the "
                 "folder matches this glob; repeatable.", show_default=False),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option("--exclude", help="In folders, leave out files matching this glob "
                 "(e.g. 'SOURCES.md'); repeatable.", show_default=False),
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
# kwic and usage look for terms the same way.
RegexOpt = Annotated[bool, typer.Option("--regex", help="Terms are Python regular expressions "
                                        "(non-overlapping matches).")]
IgnoreCaseOpt = Annotated[bool, typer.Option("--ignore-case", "-i",
                                             help="Latin letters match in either case.")]
AliasesOpt = Annotated[
    Path | None,
    typer.Option("--aliases", help="File of concepts and their aliases, one "
                 "'concept: alias, alias' per line; a term that names a concept (or one of its "
                 "aliases) finds every alias.", dir_okay=False, show_default=False),
]




def group_by_option(what: str) -> Any:
    """--group-by, whose first words say what the command does with each group."""
    return typer.Option("--group-by", metavar="FIELD", help=f"{what}: year, region, issuer "
                        "(from file names) or any --meta column.", show_default=False)


def top_option(what: str) -> Any:
    """--top/-n for a ranked list of `what` (0 = all)."""
    return typer.Option("--top", "-n", help=f"How many {what} (0 = all).", min=0)


# One table of the shared options, in the order --help lists them (after a command's own):
# parameter name -> (annotated type, default).
SHARED: dict[str, tuple[Any, Any]] = {
    "fmt": (FormatOpt, Format.table),
    "output": (OutputOpt, None),
    "engine": (EngineOpt, DEFAULT_ENGINE),
    "dicts": (DictOpt, None),
    "encoding": (EncodingOpt, None),
    "input_format": (InputFormatOpt, None),
    "t2s": (T2sOpt, False),
    "meta": (MetaOpt, None),
    "name_pattern": (NamePatternOpt, None),
    "include": (IncludeOpt, None),
    "exclude": (ExcludeOpt, None),
    "jobs": (JobsOpt, 0),
    "scheduler": (SchedulerOpt, None),
    "quiet": (QuietOpt, False),
}
# Names a command can ask for at once.
GROUPS: dict[str, tuple[str, ...]] = {
    "segmenter": ("engine", "dicts"),
    "inputs": ("encoding", "input_format", "t2s", "meta", "name_pattern", "include", "exclude"),
    "run": ("jobs", "scheduler"),
}


@dataclass(frozen=True)
class Common:
    """The shared options as the command line gave them; a command that does not take one
    sees its default."""

    fmt: Format = Format.table
    output: Path | None = None
    engine: str = DEFAULT_ENGINE
    dicts: list[Path] | None = None
    encoding: str | None = None
    input_format: str | None = None
    t2s: bool = False
    meta: Path | None = None
    name_pattern: str | None = None
    include: list[str] | None = None
    exclude: list[str] | None = None
    jobs: int = 0
    scheduler: str | None = None
    quiet: bool = False

    def inputs(self) -> InputSpec:
        """How to find, read and label the inputs (checked here, before any file is read)."""
        return input_spec(self.encoding, self.input_format, self.t2s, self.name_pattern,
                          self.meta, self.include, self.exclude)

    def spec(self) -> SegmenterSpec:
        """The segmenter the command asked for (checked, not yet built)."""
        return make_spec(self.engine, self.dicts)

    def run(self) -> dict[str, Any]:
        """The keyword arguments of an `xzcli.api` analysis: inputs, where to run, progress."""
        return {"options": self.inputs(), "jobs": self.jobs, "scheduler": self.scheduler,
                "quiet": self.quiet, "progress": progress_bar}

    def finish(self, report: Report, head: dict[str, Any], failed: Sequence[str] = ()) -> None:
        """Emit the report as --format and --output say; exit 1 when an input failed."""
        finish(report, self.fmt, head, self.output, failed, self.quiet)


def shared_options(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared options `names` (parameter or GROUPS names; --quiet always).

    The command declares only its own parameters and one `common: Common`; Typer sees its own
    parameters followed by the shared ones, each with the one definition above, so every
    command spells, explains and defaults an option the same way.
    """
    wanted = {n for name in names for n in GROUPS.get(name, (name,))} | {"quiet"}
    unknown = wanted - set(SHARED)
    if unknown:
        raise ValueError(f"no shared option {sorted(unknown)[0]!r}")
    taken = [n for n in SHARED if n in wanted]

    def wrap(func: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(func, eval_str=True)
        if "common" not in signature.parameters:
            raise TypeError(f"{func.__name__} takes no `common: Common` parameter")
        own = [p for p in signature.parameters.values() if p.name != "common"]
        clash = {p.name for p in own} & wanted
        if clash:
            raise TypeError(f"{func.__name__} declares the shared option {sorted(clash)[0]!r}")
        extra = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=SHARED[n][0],
                                   default=SHARED[n][1]) for n in taken]

        @functools.wraps(func)
        def command(**kwargs: Any) -> None:
            common = Common(**{n: kwargs.pop(n) for n in taken})
            func(**kwargs, common=common)

        parameters = [*own, *extra]
        # Typer reads the signature; a plain attribute is what inspect.signature looks for.
        setattr(command, "__signature__", signature.replace(parameters=parameters))  # noqa: B010
        command.__annotations__ = {p.name: p.annotation for p in parameters}
        return command

    return wrap


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
def check_output(output: Path | None, sources: Sequence[str], option: str = "output") -> None:
    """Never write over an input, nor where a later run over the same folder would read it.

    Inputs are the paths (folders by what they expand to) and every file option of the
    command (--dict, --themes, --idf …), read from the click context. `option` names the
    parameter that writes `output` (another file a command writes, such as --emit-dict).
    """
    if output is None:
        return
    flag = "--" + option.replace("_", "-")
    import click

    from xzcli.sources import STDIN, walk_would_read

    target = output.resolve()
    for source in sources:
        if source == STDIN or source == "":
            continue
        path = Path(source)
        try:
            is_dir = path.is_dir()
        except (OSError, ValueError):
            continue  # reading the inputs reports it
        if is_dir:
            if walk_would_read(path.resolve(), target):
                raise UsageError(f"{flag} {output} is inside the input folder {source}, "
                                 "where a run over the folder would read it as an input; "
                                 "write it elsewhere")
        elif _same_file(path, target):
            raise UsageError(f"{flag} {output} is one of the inputs; xzcli never writes inputs")
    context = click.get_current_context(silent=True)
    options = [p for p in context.command.params if isinstance(p, click.Option)] if context else []
    for param in options:
        value = context.params.get(param.name or "") if context else None
        for file in value if isinstance(value, (list, tuple)) else [value]:
            if (param.name != option and isinstance(file, (str, Path)) and file
                    and _same_file(Path(file), target)):
                raise UsageError(f"{flag} {output} is the file given to {param.opts[0]}; "
                                 "xzcli never writes inputs")


def _same_file(path: Path, target: Path) -> bool:
    try:
        return path.resolve() == target or path.samefile(target)  # samefile: a hard link
    except (OSError, ValueError):
        return False


def paths_or_stdin(paths: list[str]) -> list[str]:
    """The paths, or standard input when none is given and text is piped in."""
    if paths:
        return paths
    if sys.stdin.isatty():
        raise UsageError("no path given and standard input is a terminal; name a file or "
                         "folder, or pipe text in")
    return ["-"]


@contextmanager
def progress_bar(total: int, quiet: bool, label: str) -> Iterator[Callable[[Read | Failed], None]]:
    """A Rich progress bar on stderr for many inputs, only when stderr is a terminal."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield lambda outcome: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task_id = progress.add_task(label, total=total)
    with progress:
        yield lambda outcome: progress.advance(task_id)


def stream_inputs(*args: Any, **kwargs: Any) -> Iterator[tuple[Any, Any]]:
    """inputs.stream_inputs with the progress bar on a terminal."""
    return _stream_inputs(*args, progress=progress_bar, **kwargs)


def run_over_inputs(*args: Any, **kwargs: Any) -> tuple[list[tuple[Any, Any]], list[str]]:
    """inputs.run_over_inputs with the progress bar on a terminal."""
    return _run_over_inputs(*args, progress=progress_bar, **kwargs)


def merge_over_inputs(*args: Any, **kwargs: Any) -> tuple[list[Any], Any]:
    """inputs.merge_over_inputs with the progress bar on a terminal."""
    return _merge_over_inputs(*args, progress=progress_bar, **kwargs)


def finish(report: Report, fmt: Format, head: dict[str, Any], output: Path | None,
           failed: Sequence[str] = (), quiet: bool = False) -> None:
    emit(report, fmt, head, output)
    if not quiet:
        for line in report.notes:
            note(line)
    if failed:
        raise typer.Exit(1)
