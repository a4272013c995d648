"""Time `xzcli report` against running the commands it gathers one after another (not a test).

On the reference article and on the national work reports 2015-2026: the median of a few runs of
`xzcli report -o FILE`, then of keywords, themes, tfidf --by document, usage --by-year, kwic,
figures and lint run back to back on the same inputs, and the ratio. Both sides run in this one
process's session, so the ratio holds even when the machine's speed drifts; the seconds do not.
Also prints the size of each page.

    python benchmarks/bench_report.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import ARTICLE, CORPUS, median_time, run, xzcli


def commands(paths: list[str], terms: list[str], years: bool) -> list[list[str]]:
    term_args = [a for t in terms for a in ("-t", t)] + (["--by-year"] if years else [])
    return [
        xzcli("keywords", *paths, "-f", "json", "-n", "20"),
        xzcli("themes", *paths, "-f", "json"),
        xzcli("tfidf", *paths, "--by", "document", "-f", "json"),
        xzcli("usage", *term_args, *paths, "-f", "json"),
        *(xzcli("kwic", t, *paths, "-f", "json") for t in terms),
        xzcli("figures", *paths, "-f", "json"),
        xzcli("lint", *paths, "-f", "json"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"shared corpus not present at {CORPUS}", file=sys.stderr)
        return 1
    cases = {
        "article": [str(ARTICLE)],
        "reports 2015-2026": [str(CORPUS / "national-work-reports" / f"{y}.txt")
                              for y in range(2015, 2027)],
    }
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        for name, paths in cases.items():
            data = json.loads(subprocess.run(xzcli("report", *paths, "-f", "json"),
                                             capture_output=True, check=True).stdout)
            terms = data["usage"]["terms"]
            years = len(data["usage"]["years"]) > 1
            report = median_time(xzcli("report", *paths, "-o", str(page), "-q"), args.repeat)
            size = page.stat().st_size
            separate = []
            for _ in range(args.repeat):
                separate.append(sum(run(cmd).seconds for cmd in commands(paths, terms, years)))
            separate.sort()
            apart = separate[len(separate) // 2]
            chars = data["overview"]["chars"]
            print(f"{name}: {len(paths)} file(s), {chars:,} characters; report {report:.2f} s "
                  f"({size / 1024:.0f} KB page); the {len(commands(paths, terms, years))} commands "
                  f"one after another {apart:.2f} s; report / separate = {report / apart:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
