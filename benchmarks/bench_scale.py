"""Corpus scale: MB/s and peak memory of every command next to the bare engine, in one run.

    python benchmarks/bench_scale.py [--copies 3] [--rounds 1] [--only keywords,themes]
                                     [--work DIR] [--jobs 0] [--format json]

Builds a folder of N copies of ../shared/corpus (about 20 MB for 3) and one three times as
large. Each round then times, on the first folder, the bare engine (jieba-rs cut plus a
Counter per file, in worker processes on all cores: the speed limit of anything that
segments) and every command with --format json (or --format's); then every command again on
the large folder. Peak memory is the whole process tree's (worker processes included), sampled every
20 ms. Other work on the machine moves every figure: compare ratios within one round, and
run several rounds (the summary gives each figure's range over the rounds).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from _measure import CORPUS, REPO, Measured, folder_bytes, make_copies, run, xzcli

# Each command as a user would run it over a folder (the terms are ones the corpus uses).
COMMANDS: dict[str, tuple[str, ...]] = {
    "keywords": ("keywords",),
    "themes": ("themes",),
    "tfidf": ("tfidf",),
    "kwic": ("kwic", "市政,高质量发展,新质生产力"),
    "usage": ("usage", "市政,改革,开放,新质生产力,高质量发展"),
    "figures": ("figures",),
    "lint": ("lint",),
    "segment": ("segment",),
    "sections": ("sections",),
    "idf": ("idf", "build"),
    # Not the policy reference: its work reports are all in the target, so nothing would be left.
    "compare": ("compare", "--reference", str(REPO / "samples")),
    "collocates": ("collocates", "发展"),
    "ngrams": ("ngrams",),
}
# Commands whose only output format is their own (idf writes a table, not JSON).
NO_FORMAT = {"idf"}

BARE_ENGINE = """
import collections, multiprocessing, os, sys
import rjieba
engine = rjieba.Jieba()

def count(path):
    with open(path, encoding="utf-8") as handle:
        return collections.Counter(engine.cut(handle.read(), True))

if __name__ == "__main__":
    paths = sorted(os.path.join(root, name) for root, _, names in os.walk(sys.argv[1])
                   for name in names if name.endswith((".txt", ".md")))
    total = collections.Counter()
    with multiprocessing.get_context("fork").Pool(len(os.sched_getaffinity(0))) as pool:
        for counts in pool.imap(count, paths, chunksize=1):
            total.update(counts)
    print(len(total))
"""


def bare_engine(folder: Path) -> list[str]:
    """jieba-rs through rjieba, default dictionary: cut and count, nothing else."""
    return [sys.executable, "-c", BARE_ENGINE, str(folder)]


def command_args(name: str, folder: Path, jobs: str, fmt: str = "json") -> list[str]:
    """xzcli's arguments for the command over `folder` (sections runs on one process)."""
    args = [*COMMANDS[name], str(folder), "--quiet"]
    if name not in NO_FORMAT:
        args += ["--format", fmt]
    if name != "sections":
        args += ["--jobs", jobs]
    return args


def command(name: str, folder: Path, jobs: str, fmt: str = "json") -> list[str]:
    return xzcli(*command_args(name, folder, jobs, fmt))


def _ok(m: Measured) -> str:
    return "" if m.returncode in (0, 1) else f"  exit {m.returncode}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / f"xzcli-scale-{os.getpid()}",
                        help="scratch folder (default: one per run: two runs never share it)")
    parser.add_argument("--jobs", default="0", help="--jobs for xzcli (0 = all cores)")
    parser.add_argument("--only", default="", help="comma list of commands (default: all)")
    parser.add_argument("--format", default="json", help="--format for the commands (json; "
                        "jsonl, csv or tsv to see the line formats stream)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"shared corpus not found at {CORPUS}")
    names = [n for n in args.only.split(",") if n] or list(COMMANDS)
    unknown = set(names) - set(COMMANDS)
    if unknown:
        sys.exit(f"unknown command(s): {', '.join(sorted(unknown))}")

    small = make_copies(args.work / "x1", args.copies)
    large = make_copies(args.work / "x3", args.copies * 3)
    small_mb, large_mb = folder_bytes(small) / 1e6, folder_bytes(large) / 1e6
    print(f"folders  {small_mb:.1f} MB ({args.copies} copies) and {large_mb:.1f} MB")
    history: dict[str, list[tuple[float, float, float, float]]] = {}
    for round_no in range(1, args.rounds + 1):
        print(f"\nround {round_no}: {small_mb:.0f} MB folder, then the {large_mb:.0f} MB one")
        print(f"{'command':12s} {'s':>7s} {'MB/s':>7s} {'x bare':>7s} {'peak MB':>8s}   "
              f"{'s':>7s} {'peak MB':>8s} {'time x':>7s} {'peak x':>7s}")
        bare_mbs = 0.0
        for name in ["bare engine", *names]:
            if name == "bare engine":
                one, three = run(bare_engine(small)), run(bare_engine(large))
                bare_mbs = small_mb / one.seconds
            else:
                one = run(command(name, small, args.jobs, args.format))
                three = run(command(name, large, args.jobs, args.format))
            mbs = small_mb / one.seconds
            figures = (mbs, mbs / bare_mbs, three.seconds / one.seconds,
                       three.peak_rss_mb / one.peak_rss_mb)
            history.setdefault(name, []).append(figures)
            print(f"{name:12s} {one.seconds:7.2f} {mbs:7.2f} {figures[1]:7.2f} "
                  f"{one.peak_rss_mb:8.0f}   {three.seconds:7.2f} {three.peak_rss_mb:8.0f} "
                  f"{figures[2]:7.2f} {figures[3]:7.2f}{_ok(one)}{_ok(three)}", flush=True)

    def span(values: list[float]) -> str:
        low, high = min(values), max(values)
        return f"{low:.2f}" if round(low, 2) == round(high, 2) else f"{low:.2f}-{high:.2f}"

    print(f"\nover {args.rounds} round(s): MB/s, x bare engine, x3 time, x3 peak memory")
    for name, rows in history.items():
        print(f"{name:12s} " + "  ".join(span([r[i] for r in rows]) for i in range(4)))
    print("goals: keywords >= 0.5 x bare; themes >= 20 MB/s; tfidf >= 5 MB/s; "
          "three times the folder <= 3.6x the time and <= 1.25x the peak memory")
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
