"""Time and peak memory of `xzcli discover` over the whole shared corpus.

Usage::

    python benchmarks/bench_discover.py

Runs the command as a user would (`--format json`, one process and all cores), and prints the
wall time, the CPU time of the command and its workers (user + system: steadier than the wall
time when other jobs share the cores), the peak resident memory of the largest child process
(ru_maxrss of the children: the command itself, or with workers the largest of them), how many
candidates and documents it reported, and how far the memory bound pruned the table. Figures
are noisy on a shared machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))


def run(*args: str) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "xzcli", "discover", str(CORPUS), "-f", "json",
                           "-q", *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, json.loads(done.stdout)


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no shared corpus at {CORPUS}", file=sys.stderr)
        return 1
    mb = sum(p.stat().st_size for p in CORPUS.rglob("*.txt")) / 1e6
    found = []
    for label, args in (("one process", ("--jobs", "1")), ("all cores", ())):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds, data = run(*args)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = after.ru_maxrss
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        print(f"discover {label}: {data['documents']} documents, {mb:.1f} MB, "
              f"{len(data['candidates'])} candidates, {seconds:.1f} s wall, {cpu:.1f} s CPU, "
              f"peak memory of a child {max(peak, before.ru_maxrss) / 1024:.0f} MB, "
              f"pruned_below {data['pruned_below']}")
        found.append([c["term"] for c in data["candidates"]])
    same = sum(a == b for a, b in zip(found[0], found[1], strict=True))
    print(f"candidates at the same rank in both runs: {same} of {len(found[0])} (the table was "
          "pruned at different moments when pruned_below > 0: rare spans may differ)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
