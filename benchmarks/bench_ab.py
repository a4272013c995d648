"""Before and after: each command of this checkout against an older one, runs interleaved.

    git worktree add /tmp/before 1589c69        # any older commit
    python benchmarks/bench_ab.py /tmp/before [--rounds 3] [--copies 3] [--only themes,tfidf]

The machine's speed drifts by 20-40% within minutes (other work on the host), so two separate
benchmark runs cannot tell a 10% gain from noise. Here every round runs the older checkout
and then this one, command by command, on the same folder (copies of ../shared/corpus); each
figure is the best of the rounds: wall seconds and CPU seconds (the process and its workers),
and the ratio after/before. Both run with this checkout's Python and packages; only the
xzcli package differs (PYTHONPATH, from a scratch folder so neither picks up the other).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import CORPUS, REPO, folder_bytes, make_copies
from bench_scale import COMMANDS, command_args


def command(name: str, folder: Path) -> list[str]:
    """bench_scale's command line, run as `python -m xzcli` so PYTHONPATH picks the package."""
    return [sys.executable, "-m", "xzcli", *command_args(name, folder, "0")]


def timed(cmd: list[str], checkout: Path, scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds (children included) of one run with `checkout`'s xzcli."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env={**os.environ, "PYTHONPATH": str(checkout)}, cwd=scratch,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd[3:5])} with {checkout} exited {done.returncode}: "
                 + done.stderr.decode("utf-8", "replace")[-300:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="an older checkout of the repository")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--only", default="", help="comma list of commands (default: all)")
    args = parser.parse_args()
    if not (args.before / "xzcli" / "__init__.py").is_file():
        sys.exit(f"{args.before}: not a checkout of xzcli (no xzcli/__init__.py)")
    if not CORPUS.is_dir():
        sys.exit(f"shared corpus not found at {CORPUS}")
    names = [n for n in args.only.split(",") if n] or list(COMMANDS)
    unknown = set(names) - set(COMMANDS)
    if unknown:
        sys.exit(f"unknown command(s): {', '.join(sorted(unknown))}")
    work = Path(tempfile.mkdtemp(prefix="xzcli-ab-"))
    try:
        folder = make_copies(work / "corpus", args.copies)
        print(f"{folder_bytes(folder) / 1e6:.1f} MB; before {args.before}, after {REPO}; "
              f"best of {args.rounds} interleaved rounds")
        print(f"{'command':11s} {'wall before':>11s} {'after':>7s} {'ratio':>6s}   "
              f"{'CPU before':>10s} {'after':>7s} {'ratio':>6s}")
        for name in names:
            runs: dict[Path, list[tuple[float, float]]] = {args.before: [], REPO: []}
            for _ in range(args.rounds):
                for checkout in runs:
                    runs[checkout].append(timed(command(name, folder), checkout, work))
            (wall0, cpu0), (wall1, cpu1) = (
                (min(w for w, _ in r), min(c for _, c in r)) for r in runs.values())
            print(f"{name:11s} {wall0:11.2f} {wall1:7.2f} {wall1 / wall0:6.2f}   "
                  f"{cpu0:10.2f} {cpu1:7.2f} {cpu1 / cpu0:6.2f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
