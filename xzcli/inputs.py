"""Finding, reading and running an analysis over inputs: the plumbing the API and the CLI share.

Nothing here draws on the screen: the CLI passes its progress bar in, the API passes none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from xzcli.errors import InputError, UsageError
from xzcli.meta import MetaReader
from xzcli.pipeline import (
    Failed,
    InputInfo,
    Merged,
    Outcome,
    Read,
    SegmenterSpec,
    Source,
    Task,
    merge_documents,
    run_documents,
)
from xzcli.segment import ENGINES
from xzcli.sources import Document, ReadOptions

R = TypeVar("R")

# A progress display for N inputs: a context that yields the callback each input calls.
Progress = Callable[[int, bool, str], AbstractContextManager[Callable[[Read | Failed], None]]]


def no_progress(total: int, quiet: bool, label: str
                ) -> AbstractContextManager[Callable[[Read | Failed], None]]:
    """No display at all (the API's default)."""
    return nullcontext(lambda outcome: None)


def note(message: str) -> None:
    """A line for the user on stderr (never on stdout, which carries only data)."""
    if sys.stderr is None:  # started with stderr closed (2>&-)
        return
    try:
        sys.stderr.write(f"xzcli: {message}\n")
        sys.stderr.flush()
    except OSError:
        pass  # stderr is a full disk or a closed pipe: nowhere left to say it


@dataclass(frozen=True)
class InputSpec:
    """How a command finds, reads and labels its inputs (the options every command shares)."""

    reading: ReadOptions = ReadOptions()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    meta: MetaReader = MetaReader()


def input_spec(
    encoding: str | None = None,
    input_format: str | None = None,
    t2s: bool = False,
    name_pattern: str | None = None,
    meta: Path | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> InputSpec:
    """The reading options checked once, before any file is read."""
    from xzcli.meta import make_meta_reader
    from xzcli.readers import normalize_format
    from xzcli.sources import normalize_encoding

    reading = ReadOptions(normalize_encoding(encoding) if encoding else None,
                          normalize_format(input_format), t2s)
    if t2s:
        from xzcli.t2s import check_available

        check_available()
    return InputSpec(reading, tuple(include or ()), tuple(exclude or ()),
                     make_meta_reader(name_pattern, meta))


def make_spec(engine: str, dicts: list[Path] | None) -> SegmenterSpec:
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    return SegmenterSpec(engine=engine, user_dicts=tuple(str(d) for d in dicts or ()))


def _sources(paths: Sequence[str | Document], inputs: InputSpec, quiet: bool) -> list[Source]:
    """The inputs the paths name (folders expanded), with their readers' extras checked."""
    from xzcli.readers import check_extras, format_of
    from xzcli.sources import expand_paths

    skipped: list[str] = []
    sources: list[Source] = []
    for item in paths:
        if isinstance(item, Document):
            sources.append(item)
        else:
            sources.extend(expand_paths([item], skipped, include=inputs.include,
                                        exclude=inputs.exclude))
    if not sources:
        sources.extend(expand_paths([], skipped))  # no input at all: its usage error
    if not quiet:
        for line in skipped:
            note(line)
    formats = set()
    for source in sources:
        if isinstance(source, Document):
            continue
        try:
            formats.add(format_of(source, None, inputs.reading.input_format))
        except InputError:
            pass  # a type no reader reads: reading it says so
    check_extras(formats)
    return sources


class _Tally:
    """What a run tells the user of its inputs: warnings, skipped ones, missing --meta rows."""

    def __init__(self, sources: Sequence[Source], inputs: InputSpec, failed: list[str],
                 quiet: bool) -> None:
        self.n_sources, self.inputs, self.failed, self.quiet = len(sources), inputs, failed, quiet
        self.produced = 0
        self.without_row: list[str] = []

    def read(self, read: Read | Failed) -> InputInfo | None:
        """The input's description with its metadata, or None (after a note) if unreadable."""
        if isinstance(read, Failed):
            if self.n_sources == 1:
                raise InputError(read.error)
            note(f"skipped {read.error}")
            self.failed.append(read.source)
            return None
        for warning in read.warnings:
            if not self.quiet:
                note(f"warning: {warning}")
        self.produced += 1
        info = replace(read.info, meta=self.inputs.meta.lookup(read.info.source))
        if self.inputs.meta.sidecar and self.inputs.meta.row(info.source) is None:
            self.without_row.append(info.source)
        return info

    def close(self) -> None:
        if self.failed and not self.produced:
            raise InputError(f"none of the {self.n_sources} inputs could be read")
        if self.without_row and not self.quiet:
            rows = self.without_row
            note(f"{len(rows)} input(s) have no row in --meta {self.inputs.meta.sidecar_path}: "
                 + ", ".join(rows[:3]) + (" …" if len(rows) > 3 else ""))


def stream_inputs(
    task: Task[R],
    paths: Sequence[str | Document],
    spec: SegmenterSpec,
    failed: list[str],
    *,
    encoding: str | None = None,
    inputs: InputSpec | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    quiet: bool = False,
    label: str = "reading",
    segments: bool = False,
    progress: Progress = no_progress,
) -> Iterator[tuple[InputInfo, R]]:
    """Each readable input's own result, in input order, as soon as it is ready.

    For analyses that need each document's result (per-document lists, groups); an analysis
    that only adds results up runs through merge_over_inputs. Unreadable inputs become one
    stderr line each and are appended to `failed`; a lone input that cannot be read is an
    InputError. `paths` may hold Documents already read (the API's texts): they are analysed
    as they are.
    """
    inputs = inputs if inputs is not None else input_spec(encoding)
    sources = _sources(paths, inputs, quiet)
    tally = _Tally(sources, inputs, failed, quiet)
    with progress(len(sources), quiet, label) as on_done:
        for outcome in run_documents(task, sources, spec, reading=inputs.reading, jobs=jobs,
                                     scheduler=scheduler, on_done=on_done, segments=segments):
            if isinstance(outcome, Outcome):
                info = tally.read(outcome.read)
                if info is not None:
                    yield info, outcome.result
            else:
                tally.read(outcome)
    tally.close()


def run_over_inputs(
    task: Task[R],
    paths: Sequence[str | Document],
    spec: SegmenterSpec,
    *,
    encoding: str | None = None,
    inputs: InputSpec | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    quiet: bool = False,
    label: str = "reading",
    segments: bool = False,
    progress: Progress = no_progress,
) -> tuple[list[tuple[InputInfo, R]], list[str]]:
    """Every input's result at once, for commands that need them all (per-document output)."""
    failed: list[str] = []
    done = list(stream_inputs(task, paths, spec, failed, encoding=encoding, inputs=inputs,
                              jobs=jobs, scheduler=scheduler, quiet=quiet, label=label,
                              segments=segments, progress=progress))
    return done, failed


def merge_over_inputs(
    task: Task[R],
    merge: Callable[[R, R], R],
    start: R,
    paths: Sequence[str | Document],
    spec: SegmenterSpec,
    failed: list[str],
    *,
    encoding: str | None = None,
    inputs: InputSpec | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    quiet: bool = False,
    label: str = "reading",
    segments: bool = False,
    progress: Progress = no_progress,
) -> tuple[list[InputInfo], R]:
    """Every readable input's description and all their results merged into `start`.

    The one place that folds results: serial, pool and Dask runs all go through the
    runner's merge_documents with the analysis's `merge`. Memory follows the merged result
    (the vocabulary), never the size of the folder.
    """
    inputs = inputs if inputs is not None else input_spec(encoding)
    sources = _sources(paths, inputs, quiet)
    tally = _Tally(sources, inputs, failed, quiet)
    merged = Merged(start)
    infos: list[InputInfo] = []
    with progress(len(sources), quiet, label) as on_done:
        for read in merge_documents(task, merge, merged, sources, spec, reading=inputs.reading,
                                    jobs=jobs, scheduler=scheduler, on_done=on_done,
                                    segments=segments):
            info = tally.read(read)
            if info is not None:
                infos.append(info)
    tally.close()
    return infos, merged.total
