"""MB/s of `xzcli compare` on the corpus folder against itself, split by year.

    python benchmarks/bench_compare.py [--copies 3] [--repeat 3] [--jobs 0]

The target is every document of the shared corpus dated 2000 or later (from its file name or
date line, as `usage --by-year` reads it), the reference every other document, so the whole
folder is read once. Prints, in the same run, the median wall time and MB/s of `compare` and
of `keywords` over the same files (the ratio is steadier than either figure on a loaded
machine), and the CPU seconds each used (user + system, workers included: less sensitive to
other work on the machine than the wall time), on the corpus itself and on a folder of N
copies of it (where start-up weighs less).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import CORPUS, make_copies, run, xzcli


def split_by_year(folder: Path) -> tuple[list[str], list[str]]:
    from xzcli.sources import read_document
    from xzcli.usage import year_of

    target, reference = [], []
    for path in sorted(folder.rglob("*.txt")):
        year = year_of(str(path), read_document(str(path)).text[:4000])
        (target if year is not None and year >= 2000 else reference).append(str(path))
    return target, reference


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, worker processes included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd[:3])} … exit {done.returncode}: "
                 f"{done.stderr.decode('utf-8', 'replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_run(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [timed(cmd) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def measure(folder: Path, label: str, repeat: int, jobs: str) -> None:
    target, reference = split_by_year(folder)
    mb = sum(Path(p).stat().st_size for p in target + reference) / 1e6
    ref_args = [a for p in reference for a in ("-r", p)]
    compare, compare_cpu = median_run(xzcli("compare", *target, *ref_args, "--format", "json",
                                            "--quiet", "--jobs", jobs), repeat)
    keywords, keywords_cpu = median_run(xzcli("keywords", *target, *reference, "--format",
                                              "json", "--quiet", "--jobs", jobs), repeat)
    print(f"{label}: {mb:.1f} MB, target {len(target)} files (2000-), reference "
          f"{len(reference)} files")
    print(f"  compare   {compare:6.2f} s  {mb / compare:5.2f} MB/s  (goal >= 5); "
          f"CPU {compare_cpu:5.2f} s, {mb / compare_cpu:5.2f} MB per CPU second")
    print(f"  keywords  {keywords:6.2f} s  {mb / keywords:5.2f} MB/s; "
          f"CPU {keywords_cpu:5.2f} s, {mb / keywords_cpu:5.2f} MB per CPU second")
    print(f"  compare / keywords: {compare / keywords:.2f}x the wall time, "
          f"{compare_cpu / keywords_cpu:.2f}x the CPU time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", default="0", help="--jobs for xzcli (0 = all cores)")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / f"xzcli-compare-bench-{os.getpid()}",
                        help="scratch folder (default: one per run: two runs never share it)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"shared corpus not found at {CORPUS}")
    run(xzcli("compare", str(CORPUS / "article"), "-r", "policy", "--quiet"))  # warm caches
    print(f"{len(os.sched_getaffinity(0))} cores; load average "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    measure(CORPUS, "corpus", args.repeat, args.jobs)
    if args.copies > 1:
        copies = make_copies(args.work, args.copies)
        try:
            measure(copies, f"{args.copies} copies", args.repeat, args.jobs)
        finally:
            shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
