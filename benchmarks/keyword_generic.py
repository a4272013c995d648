"""Generic words in the default keyword lists of three national work reports, and overlap.

    python benchmarks/keyword_generic.py [--top 30] [--rank tfidf|count] [YEAR ...]

For each report (default 2015, 2024, 2025) it prints the top keywords (`xzcli keywords`
defaults), marks the generic ones, and counts the terms that appear in only that report's
list. A term is generic when it is on the list below: the words the issues about keyword
quality named as what every policy text says (政策, 经济, 政府 … 项目, 工程, 平台 …), the
boilerplate list of keyword_filler.py, and a few nouns every work report repeats (中国,
党中央, 衷心感谢, 同志). The judge is fixed here, not tuned to the output.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from _measure import CORPUS
from keyword_filler import GENERIC as FILLER

ISSUE_GENERIC = set("""
政策 经济 政府 国际 社会 体系 战略 机制 地区 人民 制度 国家 地方 优势 目标 成果
项目 工程 中心 试点 平台 群众
""".split())
EVERY_REPORT = set("中国 党中央 衷心感谢 同志 世界 人民群众 全体 各级 政府工作 国务院".split())
GENERIC = ISSUE_GENERIC | FILLER | EVERY_REPORT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("years", nargs="*", default=["2015", "2024", "2025"])
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--rank", default="tfidf")
    args = parser.parse_args()
    paths = [CORPUS / "national-work-reports" / f"{y}.txt" for y in args.years]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        sys.exit(f"not found: {missing[0]} (set XZCLI_CORPUS)")

    from xzcli.keywords import count_terms, keyword_frequencies
    from xzcli.segment import Segmenter
    from xzcli.sources import analysis_text, read_document

    segmenter = Segmenter()
    lists = []
    for path in paths:
        counts = count_terms(analysis_text(read_document(str(path)).text), segmenter)
        lists.append([k.term for k in keyword_frequencies(counts, segmenter, top=args.top,
                                                          rank=args.rank)])
    seen = Counter(t for terms in lists for t in set(terms))
    print(f"xzcli keywords --rank {args.rank} -n {args.top}; generic marked *")
    for year, terms in zip(args.years, lists, strict=True):
        generic = [t for t in terms if t in GENERIC]
        only = [t for t in terms if seen[t] == 1]
        print(f"{year}: {len(generic)} generic, {len(only)} only in this list")
        print("   ", " ".join(t + ("*" if t in GENERIC else "") for t in terms))
        print("    generic:", " ".join(generic) or "-")


if __name__ == "__main__":
    main()
