"""Report lexicon entries that contain other entries, and how often the inner term stands alone.

Usage::

    python scripts/lexicon_nesting.py                  # compounds with a generic head or two terms
    python scripts/lexicon_nesting.py --all            # every compound that contains an entry
    python scripts/lexicon_nesting.py --min-alone 0.5  # inner term mostly used alone

For every entry that contains a shorter entry, the shared corpus is searched by plain string
search: ``compound`` counts occurrences of the compound, ``inner`` those of the inner term, and
``alone`` the share of the inner term's occurrences that are not part of the compound. A compound
whose inner term is mostly used alone swallows an established term every time it matches: when
the compound is only that term plus a generic head word (…战略, …体系, …改革) or two established
terms joined, it is a candidate for removal (see scripts/build_lexicon.py for the rule).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from build_lexicon import CORPUS, SOURCES, read_corpus, read_sources  # noqa: E402

# Head words that make "established term + head" a phrase rather than a new name.
GENERIC_HEADS = (
    "战略", "体系", "体制", "工程", "行动", "建设", "改革", "工作", "政策", "制度", "机制",
    "地区", "国家", "事业", "问题", "领域", "试点", "发展", "计划", "规划", "方案", "任务",
    "能力", "水平", "活动", "示范", "示范区", "行动计划", "攻坚战", "攻坚", "体制改革", "区域",
    "经济", "产业", "企业", "城市", "社会", "服务", "管理", "保障", "创新", "政府", "治理",
)  # fmt: skip
JOINERS = ("和", "与", "及", "、", "")


def count(texts: list[str], word: str) -> int:
    return sum(t.count(word) for t in texts)


def kind(compound: str, inner: str, words: set[str]) -> str | None:
    """'head' (inner + generic head), 'pair' (two entries joined) or None."""
    if compound.startswith(inner):
        rest = compound[len(inner):]
        if rest in GENERIC_HEADS:
            return "head"
        for j in JOINERS:
            if rest.startswith(j) and rest[len(j):] in words:
                return "pair"
    if compound.endswith(inner):
        rest = compound[: -len(inner)]
        for j in JOINERS:
            if rest.endswith(j) and rest[: len(rest) - len(j)] in words:
                return "pair"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every nesting, not only candidates")
    parser.add_argument("--min-alone", type=float, default=0.0, help="only inner terms used "
                        "alone at least this share of the time")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    entries = read_sources(SOURCES)
    source = {e.word: e.source for e in entries}
    words = set(source)
    texts = read_corpus(args.corpus)
    freq_cache: dict[str, int] = {}

    def n(word: str) -> int:
        if word not in freq_cache:
            freq_cache[word] = count(texts, word)
        return freq_cache[word]

    rows = []
    for compound in sorted(words, key=lambda w: (len(w), w)):
        inners = [w for w in words if w != compound and w in compound]
        for inner in sorted(inners, key=len, reverse=True):
            k = kind(compound, inner, words)
            if k is None and not args.all:
                continue
            n_inner = n(inner)
            n_comp = n(compound) * compound.count(inner)
            alone = (n_inner - n_comp) / n_inner if n_inner else 0.0
            if alone < args.min_alone:
                continue
            rows.append((compound, inner, k or "-", n(compound), n_inner, alone))
    print("compound\tinner\tkind\tcompound_n\tinner_n\talone\tsource")
    for c, i, k, nc, ni, a in rows:
        print(f"{c}\t{i}\t{k}\t{nc}\t{ni}\t{a:.2f}\t{source[c]}")
    print(f"# {len(rows)} nestings, {len({r[0] for r in rows})} compounds", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
