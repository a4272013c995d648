"""Run one per-document task over many inputs, in this process or in worker processes.

Every analysis is written as `task(document, segmenter) -> result` with results that merge
(counts add up), so one file, a folder on all cores and a cluster run the same code. Workers
read their own files: texts never cross a process boundary and a folder is never held in
memory, only each document's small result.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
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


class LazySegmenter:
    """Stands in for the Segmenter and builds it on first use: tasks that never segment
    (figures, lint, usage) never pay for loading the model."""

    def __init__(self, spec: SegmenterSpec) -> None:
        self._spec = spec

    def __getattr__(self, name: str) -> Any:
        return getattr(cached_segmenter(self._spec), name)


@dataclass(frozen=True)
class InputInfo:
    """What the JSON envelope says of one input: where it came from and how it was read."""

    source: str
    encoding: str | None
    chars: int
    format: str = "txt"
    meta: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """One document's result, or the one-line reason it could not be read."""

    source: str
    info: InputInfo | None
    result: R | None
    error: str | None = None
    warnings: tuple[str, ...] = ()


def run_task(task: Task[R], source: Source, spec: SegmenterSpec,
             reading: ReadOptions | str | None) -> Outcome[R]:
    """Read one document and run the task on it; input problems become an Outcome error."""
    if isinstance(source, Document):
        doc = source
    else:
        try:
            doc = read_document(source, reading)
        except InputError as exc:
            return Outcome(source, None, None, str(exc))
    result = task(doc, LazySegmenter(spec))  # type: ignore[arg-type]
    return Outcome(source if isinstance(source, str) else doc.source,
                   InputInfo(doc.source, doc.encoding, doc.chars, doc.format), result, None,
                   doc.warnings)


def _run_task_star(
    args: tuple[Task[Any], str, SegmenterSpec, ReadOptions | str | None],
) -> Outcome[Any]:
    return run_task(*args)


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


def run_documents(
    task: Task[R],
    sources: Sequence[Source],
    spec: SegmenterSpec,
    *,
    reading: ReadOptions | str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_done: Callable[[Outcome[R]], None] | None = None,
    combine: Callable[[R, R], R] | None = None,
    segments: bool = False,
) -> Iterator[Outcome[R]]:
    """Outcomes in input order, whatever the number of workers (results are deterministic).

    With `combine` (an associative, commutative merge such as adding counts), worker
    processes fold each batch of documents into one result before sending it back: the
    batch's last readable document carries the merged result and the others carry None.
    This keeps the parent from merging every document's counts by itself.

    `segments` says the task uses the Segmenter: before worker processes are forked, the
    parent builds it once, and the workers inherit it instead of each building their own.
    """
    # More workers than cores only compete for them, and more than documents sit idle.
    jobs = default_jobs() if not jobs or jobs < 1 else min(jobs, default_jobs())
    if scheduler:
        from xzcli.distributed import run_on_dask

        outcomes: Iterator[Outcome[R]] = run_on_dask(run_task, task, sources, spec, reading,
                                                       scheduler)
    elif (
        jobs == 1
        or len(sources) < 2
        or STDIN in sources
        or _total_bytes(sources) < PARALLEL_MIN_BYTES
    ):
        outcomes = (run_task(task, s, spec, reading) for s in sources)
    else:
        outcomes = _run_in_pool(task, sources, spec, reading, min(jobs, len(sources)), combine,
                                segments)
    for outcome in outcomes:
        if on_done is not None:
            on_done(outcome)
        yield outcome


def run_batch(
    task: Task[R], sources: Sequence[Source], spec: SegmenterSpec,
    reading: ReadOptions | str | None,
    combine: Callable[[R, R], R],
) -> list[Outcome[R]]:
    """Run a task over consecutive documents, folding their results into the last one."""
    outcomes = [run_task(task, s, spec, reading) for s in sources]
    merged: R | None = None
    last = -1
    for i, outcome in enumerate(outcomes):
        if outcome.error is None:
            result = outcome.result
            merged = result if merged is None else combine(merged, result)  # type: ignore[arg-type]
            outcomes[i] = replace(outcome, result=None)
            last = i
    if last >= 0:
        outcomes[last] = replace(outcomes[last], result=merged)
    return outcomes


def _run_batch_star(args: tuple[Any, ...]) -> list[Outcome[Any]]:
    return run_batch(*args)


def _batches(sources: Sequence[Source], jobs: int) -> Iterator[list[Source]]:
    # Several batches per worker keep the load even and the progress bar moving.
    size = max(1, min(16, len(sources) // (jobs * 4)))
    for start in range(0, len(sources), size):
        yield list(sources[start:start + size])


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it (it ends the
    # pool), so workers print no traceback and none is replaced mid-run by a fresh one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_pool(context: Any, jobs: int) -> tuple[Any, Any]:
    """A pool of workers started with Ctrl-C held back, and the signal mask to restore.

    A KeyboardInterrupt raised inside fork's after-fork hooks is printed and dropped by
    Python ("Exception ignored in _releaseLock"): a Ctrl-C at that moment was lost and the
    run went on. Held back, it arrives once the pool exists, and ends it.
    """
    if not hasattr(signal, "pthread_sigmask"):
        return context.Pool(jobs, initializer=_worker_init), None
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = context.Pool(jobs, initializer=_worker_init)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        raise
    return pool, previous


def _run_in_pool(
    task: Task[R], sources: Sequence[Source], spec: SegmenterSpec,
    reading: ReadOptions | str | None, jobs: int,
    combine: Callable[[R, R], R] | None = None,
    segments: bool = False,
) -> Iterator[Outcome[R]]:
    import multiprocessing

    # fork shares the imported modules, and the Segmenter when the parent built it first;
    # otherwise each worker builds its own once, on first use.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if segments and method == "fork":
        cached_segmenter(spec)
    context = multiprocessing.get_context(method)
    pool, held_mask = _start_pool(context, jobs)
    with pool:
        if held_mask is not None:
            # Inside `with`: a Ctrl-C held back during the start now ends the pool.
            signal.pthread_sigmask(signal.SIG_SETMASK, held_mask)
        if combine is None:
            args = ((task, s, spec, reading) for s in sources)
            yield from pool.imap(_run_task_star, args, chunksize=1)
            return
        batches = ((task, batch, spec, reading, combine) for batch in _batches(sources, jobs))
        for outcomes in pool.imap(_run_batch_star, batches, chunksize=1):
            yield from outcomes
