"""Run one per-document task over many inputs, in this process or in worker processes.

Every analysis is written as `task(document, segmenter) -> result` with results that merge
(counts add up), so one file, a folder on all cores and a cluster run the same code. Workers
read their own files: texts never cross a process boundary and a folder is never held in
memory, only each document's small result.
"""

from __future__ import annotations

import copy
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from xzcli.errors import InputError
from xzcli.segment import (  # noqa: F401 - SegmenterSpec and cached_segmenter: re-exported
    Segmenter,
    SegmenterSpec,
    cached_segmenter,
)
from xzcli.sources import STDIN, Document, ReadOptions, read_document

R = TypeVar("R")
Task = Callable[[Document, Segmenter], R]
# What a run reads: a path (or "-" for stdin), or a Document the API already holds.
Source = str | Document

# Below this many input bytes, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 2_000_000


class LazySegmenter(Segmenter):
    """The Segmenter of a spec, built on first use: tasks that never segment (figures, lint,
    usage) never pay for loading the model. It is a Segmenter to the type checker and at run
    time; every attribute, methods too, is the built one's, so its methods run on the built
    object at full speed."""

    def __init__(self, spec: SegmenterSpec) -> None:
        # Segmenter.__init__ is what cached_segmenter runs, once per process and spec.
        object.__setattr__(self, "_spec", spec)
        object.__setattr__(self, "_built", None)

    def __getattribute__(self, name: str) -> Any:
        built = object.__getattribute__(self, "_built")
        if built is None:
            built = cached_segmenter(object.__getattribute__(self, "_spec"))
            object.__setattr__(self, "_built", built)
        return getattr(built, name)


@dataclass(frozen=True)
class InputInfo:
    """What the JSON envelope says of one input: where it came from and how it was read."""

    source: str
    encoding: str | None
    chars: int
    format: str = "txt"
    meta: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Read:
    """An input that was read: what the envelope says of it and what its reader warned of."""

    source: str
    info: InputInfo
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failed:
    """An input that could not be read, and the one-line reason."""

    source: str
    error: str


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """A document read and the task's result on it."""

    read: Read
    result: R


def run_task(task: Task[R], source: Source, spec: SegmenterSpec,
             reading: ReadOptions | str | None) -> Outcome[R] | Failed:
    """Read one document and run the task on it; input problems become a Failed."""
    if isinstance(source, Document):
        doc = source
    else:
        try:
            doc = read_document(source, reading)
        except InputError as exc:
            return Failed(source, str(exc))
    result = task(doc, LazySegmenter(spec))
    return Outcome(Read(source if isinstance(source, str) else doc.source,
                        InputInfo(doc.source, doc.encoding, doc.chars, doc.format),
                        doc.warnings), result)


def _run_task_star(
    args: tuple[str, SegmenterSpec, ReadOptions | str | None],
) -> Outcome[Any] | Failed:
    return run_task(_worker_task, *args)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _total_bytes(sources: Sequence[Source]) -> int:
    total = 0
    for source in sources:
        if isinstance(source, Document):
            total += len(source.text.encode("utf-8", "surrogatepass"))
        elif source != STDIN:
            try:
                total += os.path.getsize(source)
            except OSError:
                pass
    return total


def _serial(sources: Sequence[Source], jobs: int) -> bool:
    # Below a size, and for standard input, worker processes cost more than they save.
    return (jobs == 1 or len(sources) < 2 or STDIN in sources
            or _total_bytes(sources) < PARALLEL_MIN_BYTES)


def _jobs(jobs: int | None) -> int:
    # More workers than cores only compete for them.
    return default_jobs() if not jobs or jobs < 1 else min(jobs, default_jobs())


def run_documents(
    task: Task[R],
    sources: Sequence[Source],
    spec: SegmenterSpec,
    *,
    reading: ReadOptions | str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_done: Callable[[Read | Failed], None] | None = None,
    segments: bool = False,
) -> Iterator[Outcome[R] | Failed]:
    """Each document's own result, in input order, whatever the number of workers.

    `segments` says the task uses the Segmenter: before worker processes are forked, the
    parent builds it once, and the workers inherit it instead of each building their own.
    """
    jobs = _jobs(jobs)
    outcomes: Iterator[Outcome[R] | Failed]
    if scheduler:
        from xzcli.distributed import run_on_dask

        outcomes = run_on_dask(run_task, task, sources, spec, reading, scheduler)
    elif _serial(sources, jobs):
        outcomes = (run_task(task, s, spec, reading) for s in sources)
    else:
        outcomes = _run_in_pool(task, sources, spec, reading, min(jobs, len(sources)), segments)
    for outcome in outcomes:
        if on_done is not None:
            on_done(outcome.read if isinstance(outcome, Outcome) else outcome)
        yield outcome


class Merged(Generic[R]):
    """The running total of a merging run: `total` holds every result merged so far."""

    def __init__(self, start: R) -> None:
        self.total = start


def merge_documents(
    task: Task[R],
    merge: Callable[[R, R], R],
    into: Merged[R],
    sources: Sequence[Source],
    spec: SegmenterSpec,
    *,
    reading: ReadOptions | str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_done: Callable[[Read | Failed], None] | None = None,
    segments: bool = False,
) -> Iterator[Read | Failed]:
    """How each input was read, in input order, while every result is merged into
    `into.total` with the analysis's `merge`: associative, and always applied in input order
    (listings and tfidf's units concatenate, so it need not be commutative).

    Serial and Dask runs merge each document's result as it comes; worker processes merge
    their batch of documents, starting from a copy of the empty total, and the parent merges
    the batches: one merge, whatever runs it, and no document result left over.
    """
    jobs = _jobs(jobs)
    if scheduler or _serial(sources, jobs):
        for outcome in run_documents(task, sources, spec, reading=reading, jobs=1,
                                     scheduler=scheduler, segments=segments):
            if isinstance(outcome, Outcome):
                into.total = merge(into.total, outcome.result)
                read: Read | Failed = outcome.read
            else:
                read = outcome
            if on_done is not None:
                on_done(read)
            yield read
        return
    empty = copy.deepcopy(into.total)
    for reads, batch_total in _merge_in_pool(task, merge, empty, sources, spec, reading,
                                              min(jobs, len(sources)), segments):
        into.total = merge(into.total, batch_total)
        for read in reads:
            if on_done is not None:
                on_done(read)
            yield read


def run_batch(
    task: Task[R], sources: Sequence[Source], spec: SegmenterSpec,
    reading: ReadOptions | str | None, merge: Callable[[R, R], R], start: R,
) -> tuple[list[Read | Failed], R]:
    """Run a task over consecutive documents and merge their results into `start`."""
    reads: list[Read | Failed] = []
    total = start
    for source in sources:
        outcome = run_task(task, source, spec, reading)
        if isinstance(outcome, Outcome):
            total = merge(total, outcome.result)
            reads.append(outcome.read)
        else:
            reads.append(outcome)
    return reads, total


def _run_batch_star(args: tuple[Any, ...]) -> tuple[list[Read | Failed], Any]:
    return run_batch(_worker_task, *args)


def _batches(sources: Sequence[Source], jobs: int) -> Iterator[list[Source]]:
    # Several batches per worker keep the load even and the progress bar moving.
    size = max(1, min(16, len(sources) // (jobs * 4)))
    for start in range(0, len(sources), size):
        yield list(sources[start:start + size])


# The task a worker process runs, handed over once when the worker starts (inherited through
# fork, or pickled once per worker with spawn): its options (a theme set is 56 KB) would
# otherwise be pickled with every document and unpickled into a new object every time.
_worker_task: Any = None


def _worker_init(task: Any = None) -> None:
    global _worker_task
    _worker_task = task
    # Ctrl-C reaches the whole process group: the parent alone handles it (it ends the
    # pool), so workers print no traceback and none is replaced mid-run by a fresh one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_pool(context: Any, jobs: int, task: Any) -> tuple[Any, Any]:
    """A pool of workers started with Ctrl-C held back, and the signal mask to restore.

    A KeyboardInterrupt raised inside fork's after-fork hooks is printed and dropped by
    Python ("Exception ignored in _releaseLock"): a Ctrl-C at that moment was lost and the
    run went on. Held back, it arrives once the pool exists, and ends it.
    """
    if not hasattr(signal, "pthread_sigmask"):
        return context.Pool(jobs, initializer=_worker_init, initargs=(task,)), None
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = context.Pool(jobs, initializer=_worker_init, initargs=(task,))
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        raise
    return pool, previous


@contextmanager
def _pool(task: Any, spec: SegmenterSpec, jobs: int, segments: bool) -> Iterator[Any]:
    import multiprocessing

    # fork shares the imported modules, and the Segmenter when the parent built it first;
    # otherwise each worker builds its own once, on first use.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if segments and method == "fork":
        cached_segmenter(spec)
    context = multiprocessing.get_context(method)
    pool, held_mask = _start_pool(context, jobs, task)
    with pool:
        if held_mask is not None:
            # Inside `with`: a Ctrl-C held back during the start now ends the pool.
            signal.pthread_sigmask(signal.SIG_SETMASK, held_mask)
        yield pool


def _run_in_pool(
    task: Task[R], sources: Sequence[Source], spec: SegmenterSpec,
    reading: ReadOptions | str | None, jobs: int, segments: bool = False,
) -> Iterator[Outcome[R] | Failed]:
    with _pool(task, spec, jobs, segments) as pool:
        args = ((s, spec, reading) for s in sources)
        yield from pool.imap(_run_task_star, args, chunksize=1)


def _merge_in_pool(
    task: Task[R], merge: Callable[[R, R], R], empty: R, sources: Sequence[Source],
    spec: SegmenterSpec, reading: ReadOptions | str | None, jobs: int, segments: bool,
) -> Iterator[tuple[list[Read | Failed], R]]:
    with _pool(task, spec, jobs, segments) as pool:
        # Each batch travels pickled, so every worker merges into its own copy of `empty`.
        batches = ((batch, spec, reading, merge, empty)
                   for batch in _batches(sources, jobs))
        yield from pool.imap(_run_batch_star, batches, chunksize=1)
