"""Run the same per-document tasks on a Dask cluster (optional extra: xzcli[dask]).

Workers run `pipeline.run_task`, the function one process and a local pool run too, so a
cluster's results equal a local run's. Each worker reads its own files (paths must be visible
to the workers, as on a shared file system) and builds its Segmenter once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from xzcli.errors import UsageError, XzError
from xzcli.pipeline import Outcome, SegmenterSpec, Task, run_task
from xzcli.sources import STDIN, ReadOptions

# Futures in flight per worker thread: enough to keep workers busy, few enough that results
# waiting to be merged stay small however many documents there are.
_IN_FLIGHT_PER_THREAD = 4


def run_on_dask(
    task: Task[Any],
    sources: Sequence[str],
    spec: SegmenterSpec,
    reading: ReadOptions | str | None,
    scheduler: str,
) -> Iterator[Outcome[Any]]:
    """Outcomes in input order, computed on the Dask cluster at `scheduler`."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask: pip install 'xzcli[dask]'"
        ) from None
    if STDIN in sources:
        raise UsageError("standard input cannot be sent to a Dask cluster; pass files")
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise XzError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        window = max(2, threads * _IN_FLIGHT_PER_THREAD)
        pending: deque[Any] = deque()
        todo = iter(sources)
        for source in todo:
            pending.append(client.submit(run_task, task, source, spec, reading, pure=False))
            if len(pending) >= window:
                break
        while pending:
            future = pending.popleft()
            outcome = future.result()
            future.release()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(client.submit(run_task, task, nxt, spec, reading, pure=False))
            yield outcome
    finally:
        client.close()
