"""Mine a policy-text corpus for multi-character terms that plain jieba splits, as a ranked TSV.

How to extend the lexicon with it:

1. Run it on a folder of UTF-8 .txt/.md files (recursively), writing OUTSIDE the repository::

       python scripts/mine_lexicon.py ../shared/corpus -o /tmp/candidates.tsv

   Useful options: ``--min-count`` (default 4), ``--min-docs`` (default 2), ``--top`` (rows kept),
   ``--lexicon dictionaries/policy_terms.txt`` to hide candidates that are already entries.
2. Read the TSV from the top. Columns: term, score, count, docs, quoted (times seen inside “…”,
   「…」 or ‘…’), cohesion (weakest PMI between the jieba pieces, natural log), left/right boundary
   entropy (bits over neighbouring tokens), pieces (how plain jieba splits it).
   High cohesion + high entropy on both sides = a fixed term; a low entropy on one side means the
   candidate is usually a fragment of something longer (look for that longer term instead).
3. Copy the terms you accept into the right field list under ``dictionaries/lexicon/*.txt``
   (one per line, optional tag after a tab or space). Reject fragments, verb+object chunks
   (加快发展), sentence pieces and generic words.
4. Run ``python scripts/build_lexicon.py``: it assigns frequencies, rebuilds
   ``dictionaries/policy_terms.txt`` and verifies every entry comes out whole.

The TSV holds only terms and counts, never corpus sentences, so it is safe to share.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

HAN = re.compile(r"[\u4e00-\u9fff]+")
# A quoted stretch is a slogan or named programme far more often than not.
QUOTED = re.compile(r"[“「‘『]([\u4e00-\u9fff]{2,12})[”」’』]")
# Pieces that almost never start or end a fixed term: a candidate edged by one is a fragment.
EDGE_STOP = set(
    "的 了 和 与 及 或 在 是 等 对 把 被 为 以 从 向 由 将 要 也 都 就 并 而 且 之 其 这 那 "
    "各 每 有 不 没 更 很 最 又 再 使 让 给 着 过 于 所 中 上 下 里 内 外 到 会 能 可 该 此".split()
)
MAX_TOKENS = 4
MAX_CHARS = 10


def read_corpus(root: Path) -> Iterator[tuple[str, str]]:
    """Yield (name, text) for every .txt/.md file below root, in sorted order."""
    for path in sorted(root.rglob("*")):
        if path.suffix in {".txt", ".md"} and path.is_file() and not path.name.startswith("."):
            yield str(path.relative_to(root)), path.read_text(encoding="utf-8", errors="replace")


def make_cutter() -> object:
    """Plain jieba model: jieba-rs when available (same tokens, much faster), else jieba."""
    try:
        import rjieba

        return rjieba.Jieba()
    except ImportError:  # pragma: no cover - the reference engine is the fallback
        import jieba

        return jieba.Tokenizer()


def han_runs(cutter: object, text: str) -> Iterator[list[str]]:
    """Token sequences of each run of Han characters (punctuation breaks every candidate)."""
    for match in HAN.finditer(text):
        yield list(cutter.cut(match.group()))  # type: ignore[attr-defined]


def entropy(counter: Counter[str]) -> float:
    total = sum(counter.values())
    return -sum(c / total * math.log2(c / total) for c in counter.values()) if total else 0.0


def mine(
    docs: Iterable[tuple[str, str]],
    *,
    min_count: int,
    min_docs: int,
    known: set[str],
) -> list[dict[str, object]]:
    """Score every token n-gram (2..4 jieba pieces, 3..10 chars) and every quoted stretch."""
    cutter = make_cutter()
    grams: Counter[tuple[str, ...]] = Counter()
    doc_sets: dict[tuple[str, ...], set[str]] = defaultdict(set)
    left: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    right: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    quoted: Counter[str] = Counter()
    n_tokens = 0
    for name, text in docs:
        quoted.update(QUOTED.findall(text))
        for run in han_runs(cutter, text):
            n_tokens += len(run)
            for n in range(1, MAX_TOKENS + 1):
                for i in range(len(run) - n + 1):
                    gram = tuple(run[i : i + n])
                    if n > 1 and sum(map(len, gram)) > MAX_CHARS:
                        continue
                    grams[gram] += 1
                    if n > 1:
                        doc_sets[gram].add(name)
                        # Run edges count as distinct neighbours: punctuation is a real boundary.
                        left[gram][run[i - 1] if i else f"<{i}>"] += 1
                        right[gram][run[i + n] if i + n < len(run) else f"<{i}>"] += 1

    def cohesion(gram: tuple[str, ...]) -> float:
        # Weakest binary split: a term is only as cohesive as its loosest joint.
        c = grams[gram]
        return min(
            math.log(c * n_tokens / (grams[gram[:k]] * grams[gram[k:]]))
            for k in range(1, len(gram))
        )

    rows: list[dict[str, object]] = []
    for gram, count in grams.items():
        if len(gram) < 2 or count < min_count or len(doc_sets[gram]) < min_docs:
            continue
        term = "".join(gram)
        if len(term) < 3 or term in known or gram[0] in EDGE_STOP or gram[-1] in EDGE_STOP:
            continue
        coh = cohesion(gram)
        h_left, h_right = entropy(left[gram]), entropy(right[gram])
        q = quoted.get(term, 0)
        # Frequent, cohesive, free on both sides; quotation marks are strong evidence of a term.
        score = math.log1p(count) * max(coh, 0.0) * min(h_left, h_right) + 3.0 * math.log1p(q)
        rows.append(
            {
                "term": term,
                "score": round(score, 3),
                "count": count,
                "docs": len(doc_sets[gram]),
                "quoted": q,
                "cohesion": round(coh, 3),
                "left_entropy": round(h_left, 3),
                "right_entropy": round(h_right, 3),
                "pieces": "/".join(gram),
            }
        )
    # Quoted stretches that are not token n-grams above (e.g. a 2-char slogan or a long name).
    seen = {str(r["term"]) for r in rows}
    for term, q in quoted.items():
        pieces = list(cutter.cut(term))  # type: ignore[attr-defined]
        if term in seen or term in known or len(pieces) < 2 or q < 2:
            continue
        rows.append(
            {
                "term": term,
                "score": round(3.0 * math.log1p(q), 3),
                "count": q,
                "docs": 0,
                "quoted": q,
                "cohesion": "",
                "left_entropy": "",
                "right_entropy": "",
                "pieces": "/".join(pieces),
            }
        )
    rows.sort(key=lambda r: (-float(r["score"]), str(r["term"])))  # type: ignore[arg-type]
    return rows


def load_known(path: Path | None) -> set[str]:
    if path is None or not path.exists():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.add(line.split()[0])
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt/.md files")
    parser.add_argument("-o", "--output", type=Path, help="TSV to write (default: stdout)")
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--top", type=int, default=5000)
    parser.add_argument("--lexicon", type=Path, help="existing jieba dictionary to exclude")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"not a folder: {args.corpus}")
    rows = mine(
        read_corpus(args.corpus),
        min_count=args.min_count,
        min_docs=args.min_docs,
        known=load_known(args.lexicon),
    )[: args.top]
    columns = ["term", "score", "count", "docs", "quoted", "cohesion",
               "left_entropy", "right_entropy", "pieces"]  # fmt: skip
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    with out:
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(str(row[c]) for c in columns) + "\n")
    print(f"{len(rows)} candidates", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
