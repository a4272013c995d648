"""How often the theme lexicons put real report paragraphs under the right theme.

Paragraphs are labelled by the subject of the heading they stand under, never by their own
words: a section whose finest heading names industry, science or reform (产业, 科技, 改革 …)
labels its paragraphs 新内核; towns, villages, regions, infrastructure (城镇, 乡村, 区域,
交通 …) 新范式; education, health, jobs, care, livelihood (教育, 医疗, 就业, 养老, 民生 …)
新福祉. Headings that name subjects of two themes (民生 and 创新社会治理) are left out, and so
are headings that name none, and headings on culture, ecology, politics, defence or
diplomacy (文化体制改革 is not about the economy's reform). Only focused sections count (at
most six paragraphs): long review sections under a broad heading mix every subject. The
figure is the share of labelled paragraphs whose top theme is their label. The reference
article and the holdout are not used.

For comparison it also scores a naive lexicon built from the reference article's own section
words (each section's content words become its theme's terms).

    python benchmarks/theme_paragraphs.py [--show-misses N] [--naive] [--all-sections]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

from xzcli.sources import read_document
from xzcli.structure import parse_structure
from xzcli.themes import Theme, ThemeSet, load_themes, score_counts, theme_document

CORPUS = Path(os.environ.get("XZCLI_CORPUS",
                           Path(__file__).resolve().parents[2] / "shared" / "corpus"))
COLLECTIONS = {
    "national work reports 1978-2026": ("national-work-reports", r"^(19[89]\d|20\d\d)\.txt$"),
    "five-year plans 1981-2026": ("five-year-plans", r"^(198[1-9]|199\d|20\d\d)-"),
    "party congress reports 12th-20th": ("party-congress", r"^(1[2-9]|20)_"),
}
SUBJECTS = {
    "新内核": ("产业", "科技", "技术", "创新驱动", "自主创新", "创新型", "创新能力", "改革",
             "制造", "数字", "企业", "开放", "外资", "外贸", "贸易", "金融", "营商", "国有",
             "市场体系", "市场经济", "工业", "信息化", "实体经济", "服务业", "招商"),
    "新范式": ("城镇", "城乡", "城市", "乡村", "农村", "农业", "三农", "区域", "基础设施",
             "交通", "国土", "粮食", "县域", "西部", "东北", "中部", "东部", "水利", "海洋"),
    "新福祉": ("教育", "医疗", "卫生", "健康", "就业", "养老", "社会保障", "民生", "收入",
             "住房", "安全生产", "社会治理", "托育", "人口", "公共服务", "社会事业", "食品",
             "分配", "生活"),
}
# Headings on the fourth theme (culture, ecology) or on politics, defence and diplomacy name
# no subject of the three above, even when they also say 改革 or 产业 (文化体制改革, 文化产业).
OTHER_SUBJECTS = ("文化", "文明", "生态", "环境", "绿色", "精神", "党", "政治", "民主", "法治",
                  "法制", "干部", "国防", "军队", "外交", "统一", "思想")
MIN_CHARS = 60  # shorter paragraphs (各位代表！, one-line transitions) carry no subject
# A focused section: long sections under a broad heading (国民经济在调整、改革、整顿、提高中…,
# 关于经济体制改革) run through wages, prices and farms; their paragraphs are not clearly topical.
MAX_SECTION_PARAGRAPHS = 6


def label_of(heading: str | None) -> str | None:
    if not heading or any(w in heading for w in OTHER_SUBJECTS):
        return None
    heading = heading.replace("国民生产", "")  # 国民生产总值 names output, not 民生
    hits = {theme for theme, words in SUBJECTS.items() if any(w in heading for w in words)}
    return hits.pop() if len(hits) == 1 else None


def labelled_paragraphs(path: Path, focused: bool = True) -> list[tuple[str, str, str]]:
    """(label, heading, paragraph text) for every clearly topical paragraph of one file."""
    doc = read_document(str(path))
    found = []
    for section in parse_structure(doc.text).sections:
        label = label_of(section.heading)
        if label is None:
            continue
        if focused and len(section.paragraphs) > MAX_SECTION_PARAGRAPHS:
            continue
        for para in section.paragraphs:
            if len(para.text) >= MIN_CHARS:
                found.append((label, section.heading or "", para.text))
    return found


def naive_themes() -> ThemeSet:
    """Each article section's content words as its theme's terms (the naive baseline)."""
    from xzcli.keywords import is_number, is_word
    from xzcli.pipeline import SegmenterSpec, cached_segmenter

    segmenter = cached_segmenter(SegmenterSpec())
    doc = read_document(str(CORPUS / "article" / "xuzhou-hitech-14th-fyp.txt"))
    structure = parse_structure(doc.text)
    themes = []
    for section in structure.sections:
        if not section.heading:
            continue
        name = section.heading.split()[0]
        words: dict[str, float] = {}
        for para in section.paragraphs:
            for word in segmenter.cut(para.text):
                if (len(word) >= 2 and is_word(word) and not is_number(word)
                        and not segmenter.is_stopword(word)):
                    words[word] = 1.0
        themes.append(Theme(name, "", tuple(words.items())))
    return ThemeSet(tuple(themes))


def evaluate(themes: ThemeSet, items: list[tuple[str, str, str, str]], show: int) -> None:
    per_label: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses = []
    for collection, label, heading, text in items:
        result = theme_document(text, themes)
        top = score_counts(result.counts(), themes).top_theme
        per_label[(collection, label)] += 1  # type: ignore[index]
        if top == label:
            right[(collection, label)] += 1  # type: ignore[index]
        else:
            misses.append((label, top, heading, text))
    total = sum(per_label.values())
    correct = sum(right.values())
    print(f"  all: {correct}/{total} = {correct / total:.1%}")
    for label in SUBJECTS:
        n = sum(v for (c, lab), v in per_label.items() if lab == label)  # type: ignore[misc]
        r = sum(v for (c, lab), v in right.items() if lab == label)  # type: ignore[misc]
        if n:
            print(f"  {label}: {r}/{n} = {r / n:.1%}")
    for collection in COLLECTIONS:
        n = sum(v for (c, lab), v in per_label.items() if c == collection)  # type: ignore[misc]
        r = sum(v for (c, lab), v in right.items() if c == collection)  # type: ignore[misc]
        if n:
            print(f"  {collection}: {r}/{n} = {r / n:.1%}")
    for label, top, heading, text in misses[:show]:
        print(f"    miss: label {label} got {top} | {heading} | {text[:60]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--naive", action="store_true", help="also score the naive baseline")
    parser.add_argument("--all-sections", action="store_true",
                        help="label paragraphs of long, broad sections too")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    items = []
    for collection, (folder, pattern) in COLLECTIONS.items():
        for path in sorted((CORPUS / folder).glob("*.txt")):
            if re.search(pattern, path.name):
                rows = labelled_paragraphs(path, focused=not args.all_sections)
                items.extend((collection, *row) for row in rows)
    labels = Counter(label for _, label, _, _ in items)
    print(f"labelled paragraphs: {len(items)} {dict(labels)}")
    print("built-in themes.toml:")
    evaluate(load_themes(), items, args.show_misses)
    if args.naive:
        print("naive lexicon from the article's section words:")
        evaluate(naive_themes(), items, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
