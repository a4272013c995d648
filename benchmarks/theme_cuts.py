"""Theme matches that would cut a token, over the shared corpus (the goal is none).

    python benchmarks/theme_cuts.py [--show 20]

Compares, document by document, the plain string matching themes used before (the old
trie regex: longest-leftmost over the analysis text) with the current token-respecting
matcher, and prints: how many plain matches cut a token (市政 inside 市政协), how many
matches the current matcher finds that cut one (must be 0), and whether every difference
between the two is explained by a cut: a plain match that is dropped cuts a token, and a
match that appears or moves instead lies where a dropped one stood.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter

from _measure import CORPUS

from xzcli.matching import cuts_token, trie_pattern
from xzcli.pipeline import SegmenterSpec, cached_segmenter
from xzcli.sources import analysis_text, read_document
from xzcli.themes import load_themes, matcher_for, token_boundaries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=20, help="cut examples to print")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    themes = load_themes()
    matcher = matcher_for(themes)
    old = re.compile(trie_pattern(matcher.terms))
    segmenter = cached_segmenter(SegmenterSpec())
    plain_total = cut_total = new_total = new_cuts = unexplained = same_as_regex = 0
    files = sorted(CORPUS.rglob("*.txt"))
    cut_terms: Counter[str] = Counter()
    examples: list[str] = []
    for path in files:
        text = analysis_text(read_document(str(path)).text)
        bounds = token_boundaries(text, segmenter)
        plain = matcher.find(text)
        same_as_regex += plain == [(m.start(), m.group()) for m in old.finditer(text)]
        new = matcher.find(text, bounds)
        cuts = [(s, t) for s, t in plain if cuts_token(s, s + len(t), bounds)]
        new_cuts += sum(1 for s, t in new if cuts_token(s, s + len(t), bounds))
        plain_total, cut_total, new_total = (plain_total + len(plain), cut_total + len(cuts),
                                             new_total + len(new))
        cut_spans = [(s, s + len(t)) for s, t in cuts]
        plain_set, new_set = set(plain), set(new)
        for s, t in cuts:
            cut_terms[t] += 1
            if len(examples) < args.show:
                examples.append(f"{path.name}: {text[max(0, s - 6):s]}[{t}]"
                                f"{text[s + len(t):s + len(t) + 6]}")
        # A difference is explained when it overlaps a dropped cut, or a difference that is
        # (a shorter term taking a cut one's place may push the next match along).
        regions = list(cut_spans)
        pending = [(s, s + len(t)) for s, t in (new_set - plain_set) | (plain_set - new_set)
                   if (s, t) not in cuts]
        changed = True
        while pending and changed:
            changed = False
            for span in list(pending):
                if any(a < span[1] and span[0] < b for a, b in regions):
                    regions.append(span)
                    pending.remove(span)
                    changed = True
        unexplained += len(pending)
        for a, b in pending[:3]:
            examples.append(f"UNEXPLAINED {path.name}: {text[max(0, a - 6):a]}[{text[a:b]}]"
                            f"{text[b:b + 6]}")
    print(f"{len(files)} documents, {themes.entries + len(themes.ignore)} theme terms")
    print(f"plain matcher = old trie regex on {same_as_regex} of {len(files)} documents")
    print(f"plain string matches {plain_total}, of which cut a token: {cut_total} "
          f"({cut_total / max(plain_total, 1):.1%})")
    print(f"token-respecting matches {new_total}, of which cut a token: {new_cuts} (goal 0)")
    print(f"differences not explained by a cut: {unexplained} (goal 0)")
    print("terms most often cut: " + ", ".join(f"{t}×{n}" for t, n in cut_terms.most_common(15)))
    for line in examples:
        print("  " + line)
    return 0 if new_cuts == 0 and unexplained == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
