"""Time `xzcli keywords` on the reference article and the corpus against plain jieba.

    python benchmarks/bench_keywords.py [--repeat 5]

Prints the median wall time of `xzcli keywords article.txt --format json` against
`python -m jieba article.txt` (which only segments), and of `xzcli keywords CORPUS` against
the plain-jieba pipeline a user would write (read, jieba.cut, count).
"""

from __future__ import annotations

import argparse
import sys

from _measure import ARTICLE, CORPUS, folder_bytes, median_time, plain_jieba, run, xzcli


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not ARTICLE.is_file():
        sys.exit(f"shared corpus not found at {CORPUS}")

    ours = median_time(xzcli("keywords", str(ARTICLE), "--format", "json"), args.repeat)
    ref = median_time([sys.executable, "-m", "jieba", str(ARTICLE)], args.repeat)
    print(f"article  xzcli keywords --format json  {ours:6.3f} s")
    print(f"article  python -m jieba (segment only)  {ref:6.3f} s")
    print(f"article  ratio xzcli / jieba            {ours / ref:6.2f}  (goal <= 0.50)")

    mb = folder_bytes(CORPUS) / 1e6
    ours_run = run(xzcli("keywords", str(CORPUS), "--format", "json", "--quiet"))
    plain_run = run(plain_jieba(CORPUS))
    print(f"corpus   {mb:.1f} MB")
    for name, measured in (("xzcli keywords", ours_run), ("plain jieba", plain_run)):
        print(f"corpus   {name:16s} {measured.seconds:6.2f} s  "
              f"{mb / measured.seconds:6.2f} MB/s  peak {measured.peak_rss_mb:6.0f} MB")
    print(f"corpus   speed-up         {plain_run.seconds / ours_run.seconds:6.1f}x")


if __name__ == "__main__":
    main()
