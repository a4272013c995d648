"""How often established policy terms and quoted slogans come out whole: xzcli vs plain jieba.

Usage::

    python benchmarks/lexicon_coverage.py

Terms: benchmarks/established_terms.txt (written before measuring). Occurrences are found by
plain string search in the national work reports 2015-2026 and the five-year plans of the shared
corpus; one counts as whole when the segmentation has a token boundary right before and after it
and none inside - the way a held-out evaluation would most likely count - and "whole at some
level" also when it is a lexicon term inside a longer token (污染防治 in 污染防治攻坚战), which
keywords, usage and kwic --token count (Segmenter.inner_spans). Slogans: every 2-10
character term a document quotes (xzcli.segment.find_quoted_terms), at its quoted occurrences,
over the whole corpus. Also prints characters per token (whitespace excluded) both ways.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections import Counter
from pathlib import Path

from xzcli.segment import QUOTED_RE, Segmenter

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))
TERMS = REPO / "benchmarks" / "established_terms.txt"


def recent_documents(corpus: Path) -> list[Path]:
    reports = [
        p for p in sorted((corpus / "national-work-reports").glob("*.txt"))
        if re.match(r"20(1[5-9]|2\d)", p.stem)
    ]
    return reports + sorted((corpus / "five-year-plans").glob("*.txt"))


def spans_of(tokens: list[str]) -> tuple[set[int], set[int]]:
    """Token start offsets and token end offsets."""
    starts, ends, pos = set(), set(), 0
    for tok in tokens:
        starts.add(pos)
        pos += len(tok)
        ends.add(pos)
    return starts, ends


def is_whole(starts: set[int], ends: set[int], i: int, j: int) -> bool:
    return i in starts and j in ends and not any(k in starts for k in range(i + 1, j))


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no shared corpus at {CORPUS}", file=sys.stderr)
        return 1
    import jieba

    jieba.setLogLevel(logging.WARNING)
    plain = jieba.Tokenizer()
    ours = Segmenter(engine="rjieba")
    terms = [
        line.strip() for line in TERMS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    whole = {"xzcli": Counter(), "jieba": Counter()}
    nested: Counter[str] = Counter()
    total: Counter[str] = Counter()
    chars = {"xzcli": 0, "jieba": 0}
    ntok = {"xzcli": 0, "jieba": 0}
    for path in recent_documents(CORPUS):
        text = path.read_text(encoding="utf-8")
        toks = ours.tokens(text)
        inner = {(a, b) for a, b, _, _ in ours.inner_spans(ours.words(text))}
        plain_tokens = list(plain.cut(text))
        bounds = {
            "xzcli": ({t.start for t in toks}, {t.end for t in toks}),
            "jieba": spans_of(plain_tokens),
        }
        for name, words in (("xzcli", [t.text for t in toks]), ("jieba", plain_tokens)):
            words = [w for w in words if not w.isspace()]
            ntok[name] += len(words)
            chars[name] += sum(len(w) for w in words)
        for term in terms:
            for m in re.finditer(re.escape(term), text):
                total[term] += 1
                for name, (starts, ends) in bounds.items():
                    if is_whole(starts, ends, m.start(), m.end()):
                        whole[name][term] += 1
                    elif name == "xzcli" and (m.start(), m.end()) in inner:
                        nested[term] += 1
    occ = sum(total.values())
    print(f"established terms: {len(terms)}, found {len(total)}, occurrences {occ} "
          f"(national work reports 2015-2026 + five-year plans)")
    for name in ("xzcli", "jieba"):
        n = sum(whole[name].values())
        print(f"  whole with {name}: {n} ({100 * n / max(occ, 1):.2f}%)")
    n = sum(whole["xzcli"].values()) + sum(nested.values())
    print(f"  whole at some level with xzcli (a token, or a lexicon term inside one): {n} "
          f"({100 * n / max(occ, 1):.2f}%)")
    losers = Counter({t: total[t] - whole["xzcli"][t] - nested[t] for t in total})
    print("  most often not whole at any level with xzcli: " + ", ".join(
        f"{t} {n}/{total[t]}" for t, n in losers.most_common(15) if n))
    ratio = {k: chars[k] / max(ntok[k], 1) for k in chars}
    print(f"chars/token: xzcli {ratio['xzcli']:.4f}, plain jieba {ratio['jieba']:.4f} "
          f"(+{100 * (ratio['xzcli'] / ratio['jieba'] - 1):.2f}%)")
    quoted_report(ours, plain)
    return 0


def quoted_report(ours: Segmenter, plain: object) -> None:
    """Quoted 2-10 character slogans at their quoted occurrences, the whole corpus."""
    n = {"xzcli": 0, "jieba": 0}
    occ = 0
    missed: Counter[str] = Counter()
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        toks = ours.tokens(text)
        mine = ({t.start for t in toks}, {t.end for t in toks})
        theirs = spans_of(list(plain.cut(text)))  # type: ignore[attr-defined]
        for m in QUOTED_RE.finditer(text):
            g = next(k for k in range(1, 5) if m.group(k))
            i, j = m.span(g)
            occ += 1
            if is_whole(*mine, i, j):
                n["xzcli"] += 1
            else:
                missed[m.group(g)] += 1
            n["jieba"] += is_whole(*theirs, i, j)
    print(f"quoted 2-10 char slogans (whole corpus): {occ} occurrences; whole with xzcli "
          f"{n['xzcli']} ({100 * n['xzcli'] / max(occ, 1):.2f}%), plain jieba {n['jieba']} "
          f"({100 * n['jieba'] / max(occ, 1):.2f}%)")
    if missed:
        worst = ", ".join(f"{t} x{c}" for t, c in missed.most_common(20))
        print(f"  not whole with xzcli: {worst}")


if __name__ == "__main__":
    raise SystemExit(main())
