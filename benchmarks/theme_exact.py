"""Theme matches with clause cutting against the whole text's cut, over the shared corpus.

    python benchmarks/theme_exact.py [--every 1]

`find_uncut` (what the themes command counts) segments only the clauses that hold a theme
match. This checks, document by document, that its matches are exactly those the token
rule gives with the whole text cut (TokenSpans over the analysis text: the definition), and
prints how much of the text had to be cut:

- clauses holding a match, and their share of the characters (what is segmented);
- clauses whose matches the tokens change (a match cutting a token, or inside a longer
  token it is no word of), matched again;
- clauses a cheap exact shortcut could leave uncut: every match's two edges have a
  character pair that no dictionary word (jieba's, the lexicon) holds, so no word can
  cross the edge, and the term's own cut starts and ends with words of two characters or
  more, so the HMM cannot join single characters across it either. The table of pairs is
  built from jieba's dict.txt, the same dictionary jieba-rs embeds.

Exit status 1 when any document differs.
"""

from __future__ import annotations

import argparse
import bisect
import sys
import time
from pathlib import Path

from _measure import CORPUS

from xzcli.pipeline import SegmenterSpec, cached_segmenter
from xzcli.segment import Segmenter
from xzcli.sources import analysis_text, read_document
from xzcli.themes import (
    TermMatcher,
    TokenSpans,
    find_uncut,
    load_themes,
    matcher_for,
)

BREAKS = "，。；：！？、（）“”\n"


def whole_text(text: str, matcher: TermMatcher, segmenter: Segmenter) -> list[tuple[int, str]]:
    spans = TokenSpans(text, segmenter)
    return matcher.find(text, spans.boundaries, spans.word_of)


def dictionary_pairs(segmenter: Segmenter) -> set[str]:
    """Every pair of neighbouring characters inside a word of jieba's dictionary or the
    lexicon (a word crossing an offset holds the pair around it)."""
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    words = [line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]
    pairs: set[str] = set()
    for word in [*words, *segmenter.lexicon]:
        pairs.update(word[i:i + 2] for i in range(len(word) - 1))
    return pairs


def clauses_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: the stretches between break characters (\\r\\n is none)."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in BREAKS and not (ch == "\n" and i and text[i - 1] == "\r"):
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="check every n-th document")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    segmenter = cached_segmenter(SegmenterSpec())
    matcher = matcher_for(load_themes())
    started = time.perf_counter()
    pairs = dictionary_pairs(segmenter)
    pair_seconds = time.perf_counter() - started
    own_cut_ok: dict[str, bool] = {}
    files = sorted(p for p in CORPUS.rglob("*.txt") if p.is_file())[::args.every]
    differ: list[str] = []
    chars = held_chars = safe_chars = 0
    n_clauses = n_held = n_changed = n_safe = n_matches = 0
    for path in files:
        text = analysis_text(read_document(str(path)).text)
        counted = find_uncut(text, matcher, segmenter)
        if counted != whole_text(text, matcher, segmenter):
            differ.append(path.name)
        plain = matcher.find(text)
        clauses = clauses_of(text)
        firsts = [a for a, _ in clauses]
        held: dict[int, bool] = {}  # clause -> whether the shortcut clears it
        for s, term in plain:
            k = bisect.bisect_right(firsts, s) - 1
            a, b = clauses[k]
            e = s + len(term)
            if term not in own_cut_ok:
                # The route through the dictionary alone (no HMM): with no word crossing
                # its edges, the text's route cuts the term just so.
                pieces = segmenter._engine._jieba.cut(term, False)  # type: ignore[attr-defined]
                own_cut_ok[term] = len(pieces[0]) > 1 and len(pieces[-1]) > 1
            safe = (own_cut_ok[term] and (s == a or text[s - 1:s + 1] not in pairs)
                    and (e == b or text[e - 1:e + 1] not in pairs))
            held[k] = held.get(k, True) and safe
        changed = {bisect.bisect_right(firsts, s) - 1 for s, _ in set(plain) ^ set(counted)}
        chars += len(text)
        n_matches += len(plain)
        n_clauses += len(clauses)
        n_held += len(held)
        n_changed += len(changed)
        n_safe += sum(held.values())
        held_chars += sum(clauses[k][1] - clauses[k][0] for k in held)
        safe_chars += sum(clauses[k][1] - clauses[k][0] for k, ok in held.items() if ok)
    print(f"{len(files)} documents, {chars:,} characters, {n_matches:,} plain matches")
    print(f"differ from the whole text's cut: {len(differ)} (goal 0) {' '.join(differ[:5])}")
    print(f"clauses: {n_clauses:,}; holding a match {n_held:,} ({n_held / n_clauses:.1%}), "
          f"{held_chars / chars:.1%} of the characters: what is segmented")
    print(f"clauses whose matches the tokens change: {n_changed:,} "
          f"({n_changed / max(n_held, 1):.1%} of those held)")
    print(f"clauses the pair shortcut clears: {n_safe:,} ({n_safe / max(n_held, 1):.1%} of "
          f"those held, {safe_chars / max(held_chars, 1):.1%} of their characters); "
          f"its table of {len(pairs):,} pairs takes {pair_seconds:.2f} s to build")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
