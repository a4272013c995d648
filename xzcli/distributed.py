"""Run the same per-document tasks on a Dask cluster (optional extra: xzcli[dask]).

Workers run `pipeline.run_task`, the function one process and a local pool run too, so a
cluster's results equal a local run's. The runner hands it in: this module never imports the
runner (no import cycle). Each worker reads its own files (paths must be visible
to the workers, as on a shared file system) and builds its Segmenter once.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from xzcli.errors import UsageError, XzError
from xzcli.sources import STDIN, ReadOptions

if TYPE_CHECKING:
    from xzcli.pipeline import Failed, Outcome, SegmenterSpec, Source, Task

# Futures in flight per worker thread: enough to keep workers busy, few enough that results
# waiting to be merged stay small however many documents there are.
_IN_FLIGHT_PER_THREAD = 4


def run_on_dask(
    run_task: Callable[..., Outcome[Any] | Failed],
    task: Task[Any],
    sources: Sequence[Source],
    spec: SegmenterSpec,
    reading: ReadOptions | str | None,
    scheduler: str,
) -> Iterator[Outcome[Any] | Failed]:
    """Outcomes in input order, computed on the Dask cluster at `scheduler`: each worker
    calls `run_task(task, source, spec, reading)`."""
    scheduler = check_scheduler_address(scheduler)
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask: pip install 'xzcli[dask]'"
        ) from None
    if STDIN in sources:
        raise UsageError("standard input cannot be sent to a Dask cluster; pass files")
    _probe(scheduler)
    try:
        client = Client(scheduler, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
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
            try:
                outcome = future.result()
            except (OSError, TimeoutError) as exc:  # CommClosedError is an OSError
                raise XzError(f"lost the Dask scheduler at {scheduler} ({exc})") from None
            future.release()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(client.submit(run_task, task, nxt, spec, reading, pure=False))
            yield outcome
    finally:
        try:
            client.close(timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError):
            pass


# How long a scheduler may take to accept the connection and to answer the handshake.
CONNECT_SECONDS = 5

_ADDRESS = re.compile(
    r"(?:(?P<scheme>tcp|tls|ws|wss|ucx)://)?"
    r"(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?):(?P<port>\d{1,5})"
)


def check_scheduler_address(address: str) -> str:
    """The address as given when it has the form tcp://host:port (scheme optional)."""
    match = _ADDRESS.fullmatch(address.strip())
    if match is None or not 0 < int(match.group("port")) < 65536:
        shown = address if len(address) <= 80 else address[:80] + "…"
        raise UsageError(f"--scheduler {shown!r} is not a Dask scheduler address; "
                         "give one like tcp://host:8786")
    return address.strip()


def _probe(address: str) -> None:
    """Connect and shake hands once, within a deadline, before building the Client.

    The Client waits without end for the handshake of a server that accepts the connection
    but does not speak Dask's protocol (any other service on that port).
    """
    import asyncio
    import socket

    from distributed.comm import connect

    match = _ADDRESS.fullmatch(address)
    assert match is not None
    if match.group("scheme") != "ucx":
        # A plain TCP connection first: "refused" or "unknown host" is known at once,
        # where Dask would retry until its timeout.
        host = match.group("host").strip("[]")
        try:
            socket.create_connection((host, int(match.group("port"))),
                                     timeout=CONNECT_SECONDS).close()
        except socket.gaierror:
            raise XzError(f"cannot reach the Dask scheduler at {address} (unknown host "
                          f"{host})") from None
        except OSError as exc:
            raise XzError(f"cannot reach the Dask scheduler at {address} "
                          f"({exc.strerror or exc})") from None

    async def shake() -> None:
        comm = await asyncio.wait_for(connect(address, timeout=CONNECT_SECONDS),
                                      CONNECT_SECONDS)
        await comm.close()

    try:
        asyncio.run(shake())
    except (asyncio.TimeoutError, TimeoutError):
        raise XzError(f"no Dask scheduler answered at {address} within "
                      f"{CONNECT_SECONDS} s; is something else listening on that "
                      "port?") from None
    except Exception as exc:  # noqa: BLE001 - whatever the peer sent, it is not Dask
        reason = str(exc) if len(str(exc)) <= 200 else str(exc)[:200] + "…"
        raise XzError(f"no Dask scheduler answered at {address} ({type(exc).__name__}: "
                      f"{reason}); is something else listening on that port?") from None
