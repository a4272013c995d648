"""Shared benchmark helpers: run a command, time it and sample its process tree's memory."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))
ARTICLE = CORPUS / "article" / "xuzhou-hitech-14th-fyp.txt"


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    returncode: int


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (worker pools included)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss_kb(current)
        stack += _children(current)
    return total / 1024


def run(cmd: list[str], *, stdin: bytes | None = None) -> Measured:
    """Run a command with stdout discarded, timing it and sampling peak tree memory."""
    peak = 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin is not None else None,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate(stdin)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return Measured(elapsed, peak, proc.returncode)


def best_of(runs: int, work: Callable[[], Any]) -> float:
    """The least CPU time (process time: other work on the machine moves it less than the
    clock) of `runs` calls of `work`."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def median_time(cmd: list[str], repeat: int) -> float:
    run(cmd)  # warm caches (jieba writes its model cache on the first run)
    return statistics.median(run(cmd).seconds for _ in range(repeat))


def xzcli(*args: str) -> list[str]:
    exe = shutil.which("xzcli", path=str(Path(sys.executable).parent)) or shutil.which("xzcli")
    return [exe, *args] if exe else [sys.executable, "-m", "xzcli", *args]


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def make_copies(target: Path, copies: int) -> Path:
    """A folder made of `copies` copies of the shared corpus (outside the repository)."""
    if target.exists():
        shutil.rmtree(target)
    for i in range(copies):
        shutil.copytree(CORPUS, target / f"copy{i:02d}",
                        ignore=shutil.ignore_patterns("*.md"))
    return target


PLAIN_JIEBA = """
import collections, os, sys, jieba
jieba.setLogLevel(60)
counts = collections.Counter()
paths = []
for root, dirs, files in os.walk(sys.argv[1]):
    paths += [os.path.join(root, f) for f in files if f.endswith(('.txt', '.md'))]
for path in sorted(paths):
    with open(path, encoding='utf-8') as handle:
        counts.update(w for w in jieba.cut(handle.read()) if len(w) > 1)
print(counts.most_common(30))
"""


def plain_jieba(folder: Path) -> list[str]:
    """The pipeline a user would otherwise write: read, jieba.cut, count."""
    return [sys.executable, "-c", PLAIN_JIEBA, str(folder)]
