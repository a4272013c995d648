"""Corpus scale: MB/s of keywords, themes and tfidf on folders of corpus copies.

    python benchmarks/bench_scale.py [--copies 3] [--work /tmp/xzcli-scale]

Builds a folder of N copies of ../shared/corpus (about 20 MB for 3) and one three times as
large, then prints, in the same run: MB/s of `xzcli keywords|themes|tfidf` and of the plain
jieba pipeline (read, jieba.cut, count) on the first folder, and the time and peak memory
(the whole process tree, worker processes included) of `xzcli keywords` on both folders.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from _measure import CORPUS, folder_bytes, make_copies, plain_jieba, run, xzcli


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/xzcli-scale"))
    parser.add_argument("--jobs", default="0", help="--jobs for xzcli (0 = all cores)")
    parser.add_argument("--skip-plain", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"shared corpus not found at {CORPUS}")

    small = make_copies(args.work / "x1", args.copies)
    large = make_copies(args.work / "x3", args.copies * 3)
    small_mb, large_mb = folder_bytes(small) / 1e6, folder_bytes(large) / 1e6
    print(f"folders  {small_mb:.1f} MB ({args.copies} copies) and {large_mb:.1f} MB")

    results = {}
    for command in ("keywords", "themes", "tfidf"):
        measured = run(xzcli(command, str(small), "--format", "json", "--quiet",
                             *(["--jobs", args.jobs] if command != "themes" else [])))
        results[command] = measured
        print(f"{command:9s} {measured.seconds:7.2f} s  {small_mb / measured.seconds:6.2f} MB/s"
              f"  peak {measured.peak_rss_mb:6.0f} MB  exit {measured.returncode}")
    if not args.skip_plain:
        plain = run(plain_jieba(small))
        print(f"{'plain':9s} {plain.seconds:7.2f} s  {small_mb / plain.seconds:6.2f} MB/s"
              f"  peak {plain.peak_rss_mb:6.0f} MB  (read, jieba.cut, count)")
        speedup = plain.seconds / results["keywords"].seconds
        print(f"keywords speed-up over plain jieba: {speedup:.1f}x  (goal >= 8)")

    big = run(xzcli("keywords", str(large), "--format", "json", "--quiet", "--jobs", args.jobs))
    base = results["keywords"]
    print(f"keywords x3 {big.seconds:7.2f} s  peak {big.peak_rss_mb:6.0f} MB")
    print(f"three times the folder: {big.seconds / base.seconds:.2f}x the time (goal <= 3.6), "
          f"{big.peak_rss_mb / base.peak_rss_mb:.2f}x the peak memory (goal <= 1.25)")
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
