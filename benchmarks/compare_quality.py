"""What `compare` and `collocates` pick out (figures and lists, not a test).

    python benchmarks/compare_quality.py [--seeds 5]

1. Each of the national work reports 2024, 2025, 2026 against 2014-2016: the top 20 terms
   the year uses more (default options).
2. Place names, three simulations of "one province against the others":
   a. the reference article (a local text: 徐州高新区's 14th plan) against the national work
      reports 2021-2025, --min-count 1 (the article is short): the rank of its place names;
   b. the 2020 report standing in for the province hit by the epidemic, against the reports
      2017-2019 and 2021-2023: the rank of 湖北 and 武汉;
   c. the 31 simulated provincial bags of words of tfidf_quality.py (own name 8-40 times,
      six cities, passing mentions of other provinces), each against the other 30 merged:
      how many rank their own name, and how many rank at least three of their cities, in
      the top 10.
3. `collocates 新质生产力` on the 2024-2026 reports (--min-count 2).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter

from _measure import CORPUS, xzcli

REPORTS = CORPUS / "national-work-reports"


def terms(*args: str) -> list[dict]:
    done = subprocess.run(xzcli(*args, "--format", "json", "--quiet"), capture_output=True,
                          text=True, check=True)
    data = json.loads(done.stdout)
    return data.get("terms") or data.get("collocates") or []


def refs(years: range | tuple[int, ...]) -> list[str]:
    return [a for y in years for a in ("-r", str(REPORTS / f"{y}.txt"))]


def rank_of(found: list[dict], term: str) -> str:
    names = [t["term"] for t in found]
    return str(names.index(term) + 1) if term in names else "-"


def simulated(seeds: int) -> None:
    from tfidf_quality import CITIES, simulated_reports

    from xzcli.keyness import CompareOptions, Comparison, TermTable, keyness
    from xzcli.pipeline import SegmenterSpec, cached_segmenter

    segmenter = cached_segmenter(SegmenterSpec())
    for seed in range(1, seeds + 1):
        units = simulated_reports(seed)
        tables = {}
        for unit in units:
            counts = Counter(unit.counts)
            tables[unit.source] = TermTable(counts=counts, documents=None,
                                            tokens=sum(counts.values()), n_documents=1)
        own = cities = 0
        for name, table in tables.items():
            others = TermTable()
            for other, t in tables.items():
                if other != name:
                    others.merge(TermTable(counts=Counter(t.counts), documents=None,
                                           tokens=t.tokens, n_documents=1))
            top = [k.term for k in keyness(Comparison(table, others), segmenter,
                                           CompareOptions(top=10))]
            own += name in top
            cities += sum(c in top for c in CITIES[name].split()) >= 3
        print(f"   seed {seed}: own name in the top 10 for {own}/31, three or more of its "
              f"cities for {cities}/31")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    if not REPORTS.is_dir():
        sys.exit(f"national work reports not found under {CORPUS}")
    print("1. top 20 against the reports 2014-2016")
    for year in (2024, 2025, 2026):
        found = terms("compare", str(REPORTS / f"{year}.txt"), *refs((2014, 2015, 2016)),
                      "-n", "20")
        print(f"   {year}: " + " ".join(t["term"] for t in found))
    print("2. place names")
    article = CORPUS / "article" / "xuzhou-hitech-14th-fyp.txt"
    found = terms("compare", str(article), *refs(range(2021, 2026)), "-n", "10",
                  "--min-count", "1")
    print("   a. article vs 2021-2025: " + " ".join(t["term"] for t in found))
    print(f"      徐州高新区 #{rank_of(found, '徐州高新区')}, 苏北 #{rank_of(found, '苏北')}")
    found = terms("compare", str(REPORTS / "2020.txt"),
                  *refs((2017, 2018, 2019, 2021, 2022, 2023)), "-n", "10")
    print("   b. 2020 vs 2017-2019, 2021-2023: " + " ".join(t["term"] for t in found))
    found_all = terms("compare", str(REPORTS / "2020.txt"),
                      *refs((2017, 2018, 2019, 2021, 2022, 2023)), "-n", "0",
                      "--min-count", "1", "--min-g2", "0")
    print(f"      湖北 #{rank_of(found, '湖北')}, 武汉 #{rank_of(found_all, '武汉')} "
          "(武汉 with --min-count 1 --min-g2 0)")
    print("   c. 31 simulated provincial reports, each against the other 30")
    simulated(args.seeds)
    print("3. collocates 新质生产力, 2024-2026, --min-count 2")
    found = terms("collocates", "新质生产力",
                  *(str(REPORTS / f"{y}.txt") for y in (2024, 2025, 2026)), "--min-count", "2")
    print("   " + " ".join(f"{c['term']}({c['count']})" for c in found))


if __name__ == "__main__":
    main()
