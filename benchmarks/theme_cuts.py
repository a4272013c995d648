"""Theme matches that would cut a token, over the shared corpus (the goal is none).

    python benchmarks/theme_cuts.py [--show 20]

Compares, document by document, plain string matching (longest-leftmost over the analysis
text, what themes did before it looked at tokens) with the matches the themes command counts
(`theme_matches`), and checks both against the tokens with a check of its own, which shares
no code with the matcher's rule: the Segmenter's tokens give the boundaries, and a match
lying inside one longer token is a word of it when pure-Python jieba, cutting the token with
the token itself taken out of its dictionary (`WordsOf` in figures_accuracy.py), puts
boundaries at both its ends (企业 in 国有|企业; not 产能 in 生|产能|力, 市政 in 市政协).

It prints how many plain matches cut a token, how many counted matches do (across a token
boundary, or inside a longer token they are not a word of: the goal is none, and those the
policy lexicon declares nested in dictionaries/policy_nesting.tsv, read here as a plain
table, are listed apart), how many plain matches that are words of their token were dropped
all the same (goal 0), and whether every other difference between the two lies where a
dropped cut stood (a shorter term taking a cut one's place may push the next match along).
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_left, bisect_right
from collections import Counter

from _measure import CORPUS, REPO
from figures_accuracy import WordsOf

from xzcli.pipeline import SegmenterSpec, cached_segmenter
from xzcli.sources import analysis_text, read_document
from xzcli.themes import load_themes, matcher_for, theme_matches


def lexicon_nestings() -> set[tuple[str, str, int]]:
    path = REPO / "dictionaries" / "policy_nesting.tsv"
    rows = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            compound, inner, at = line.split("\t")
            rows.add((compound, inner, int(at)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=20, help="examples of each kind to print")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    themes = load_themes()
    matcher = matcher_for(themes)
    segmenter = cached_segmenter(SegmenterSpec())
    words_of = WordsOf()
    nested_table = lexicon_nestings()
    files = sorted(p for p in CORPUS.rglob("*.txt") if p.is_file())
    plain_total = new_total = unexplained = 0
    plain_kinds: Counter[str] = Counter()
    new_kinds: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = {k: Counter() for k in (
        "plain cut", "counted across", "counted not a word", "counted lexicon nesting",
        "dropped word", "unexplained")}

    for path in files:
        text = analysis_text(read_document(str(path)).text)
        bounds = [0]
        for token in segmenter.words(text):
            bounds.append(bounds[-1] + len(token))
        marks = frozenset(bounds)

        def kind(start: int, end: int, text: str = text, bounds: list[int] = bounds,
                 marks: frozenset[int] = marks) -> tuple[str, str]:
            if start in marks and end in marks:
                return "whole", ""
            left = bisect_right(bounds, start) - 1
            right = bisect_left(bounds, end)
            token = text[bounds[left]:bounds[right]]
            if right - left > 1:
                return "across", token
            if words_of(token, start - bounds[left], end - bounds[left]):
                return "word", token
            if (token, text[start:end], start - bounds[left]) in nested_table:
                return "lexicon nesting", token
            return "not a word", token

        plain = matcher.find(text)
        new = theme_matches(text, themes, segmenter)
        plain_total += len(plain)
        new_total += len(new)
        dropped_cuts: list[tuple[int, int]] = []
        for s, t in new:
            k, token = kind(s, s + len(t))
            new_kinds[k] += 1
            if k in ("across", "not a word", "lexicon nesting"):
                examples[f"counted {k}"][f"{t} in {token}"] += 1
        new_set, plain_set = set(new), set(plain)
        for s, t in plain:
            k, token = kind(s, s + len(t))
            if k in ("across", "not a word", "lexicon nesting"):
                plain_kinds["cut"] += 1
                examples["plain cut"][f"{t} in {token}"] += 1
            if (s, t) not in new_set and k in ("across", "not a word"):
                dropped_cuts.append((s, s + len(t)))
        # A difference is explained when it overlaps a dropped cut, or a difference that is.
        regions = list(dropped_cuts)
        pending = [(s, s + len(t)) for s, t in (new_set - plain_set) | (plain_set - new_set)
                   if (s, s + len(t)) not in dropped_cuts]
        changed = True
        while pending and changed:
            changed = False
            for span in list(pending):
                if any(a < span[1] and span[0] < b for a, b in regions):
                    regions.append(span)
                    pending.remove(span)
                    changed = True
        for a, b in pending:
            unexplained += 1
            k, token = kind(a, b)
            label = "dropped word" if (a, text[a:b]) in plain_set else "unexplained"
            examples[label][f"{path.name}: {text[max(0, a - 6):a]}[{text[a:b]}]"
                            f"{text[b:b + 6]} ({k} {token})"] += 1

    cut_total = plain_kinds["cut"]
    bad = new_kinds["across"] + new_kinds["not a word"]
    print(f"{len(files)} documents, {themes.entries + len(themes.ignore)} theme terms")
    print(f"plain string matches {plain_total}, of which cut a token: {cut_total} "
          f"({cut_total / max(plain_total, 1):.1%})")
    print(f"counted matches {new_total}: {new_kinds['whole']} whole tokens or token runs, "
          f"{new_kinds['word']} words of a longer token (企业 in 国有企业)")
    print(f"counted matches that cut a token: {new_kinds['across']} across a boundary, "
          f"{new_kinds['not a word']} inside a longer token they are not a word of (goal 0); "
          f"{new_kinds['lexicon nesting']} more are nestings the lexicon declares "
          f"(policy_nesting.tsv) though jieba's own cut of the token does not keep them")
    print(f"differences not explained by a dropped cut: {unexplained} (goal 0)")
    for label, counter in examples.items():
        for example, n in counter.most_common(args.show):
            print(f"  {label:24} {n:5}  {example}")
    return 0 if bad == 0 and unexplained == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
