"""Finding, reading and running an analysis over inputs: the plumbing the API and the CLI share.

Nothing here draws on the screen: the CLI passes its progress bar in, the API passes none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from xzcli.errors import InputError, UsageError
from xzcli.meta import MetaReader
from xzcli.pipeline import InputInfo, Outcome, SegmenterSpec, Source, Task, run_documents
from xzcli.segment import ENGINES
from xzcli.sources import Document, ReadOptions

R = TypeVar("R")

# A progress display for N inputs: a context that yields the callback each outcome calls.
Progress = Callable[[int, bool, str], AbstractContextManager[Callable[[Outcome[Any]], None]]]


def no_progress(total: int, quiet: bool, label: str
                ) -> AbstractContextManager[Callable[[Outcome[Any]], None]]:
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
    combine: Callable[[R, R], R] | None = None,
    segments: bool = False,
    progress: Progress = no_progress,
) -> Iterator[tuple[InputInfo, R]]:
    """Each readable input's result, in input order, as soon as it is ready.

    Commands merge results as they stream by, so memory follows the merged result (the
    vocabulary), never the size of the folder. With `combine`, workers may fold a batch of
    documents into one result: the others in the batch then come with None. Unreadable
    inputs become one stderr line each and are appended to `failed`; a lone input that
    cannot be read is an InputError. `paths` may hold Documents already read (the API's
    texts): they are analysed as they are.
    """
    from xzcli.readers import check_extras, format_of
    from xzcli.sources import expand_paths

    if inputs is None:
        inputs = input_spec(encoding)
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
    produced = 0
    without_row: list[str] = []
    with progress(len(sources), quiet, label) as on_done:
        for outcome in run_documents(task, sources, spec, reading=inputs.reading, jobs=jobs,
                                     scheduler=scheduler, on_done=on_done, combine=combine,
                                     segments=segments):
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
            produced += 1
            info = replace(outcome.info, meta=inputs.meta.lookup(outcome.info.source))
            if inputs.meta.sidecar and inputs.meta.row(info.source) is None:
                without_row.append(info.source)
            yield info, outcome.result  # type: ignore[misc]
    if failed and not produced:
        raise InputError(f"none of the {len(sources)} inputs could be read")
    if without_row and not quiet:
        note(f"{len(without_row)} input(s) have no row in --meta {inputs.meta.sidecar_path}: "
             + ", ".join(without_row[:3]) + (" …" if len(without_row) > 3 else ""))


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
                              jobs=jobs,
                              scheduler=scheduler, quiet=quiet, label=label,
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
    inputs: InputSpec | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    quiet: bool = False,
    label: str = "reading",
    segments: bool = False,
    progress: Progress = no_progress,
) -> tuple[list[InputInfo], R]:
    """Every readable input's description and all their results merged into `start`.

    The one place that folds results: serial, pool and Dask runs all go through `merge`,
    and the results workers already folded (None for the documents of a batch) never
    reach the caller.
    """
    infos: list[InputInfo] = []
    total = start
    for info, result in stream_inputs(task, paths, spec, failed, inputs=inputs, jobs=jobs,
                                      scheduler=scheduler, quiet=quiet, label=label,
                                      combine=merge, segments=segments, progress=progress):
        if result is not None:  # None: folded into a later document's result by a worker
            total = merge(total, result)
        infos.append(info)
    return infos, total


