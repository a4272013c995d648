"""How many of the terms the 2024-2026 work reports quote does discover find without the quotes?

Usage::

    python benchmarks/discover_quality.py

The national work reports 2024-2026 are copied with every quotation and title mark removed
(“”「」『』《》‘’). Targets: the 2-10 character terms the original reports quote
(xzcli.segment.find_quoted_terms) that jieba's dictionary does not already hold (those can
never be new). The lexicon holds most targets, which would hide them, so discover runs as on
the day before they entered it: `--no-lexicon --dict FILE` with the lexicon minus the targets
("held out"). Also printed: how many targets occur at least twice once the quotes are gone
(a term used once leaves no statistics: the ceiling for min_count 2), and the share of target
occurrences the found targets cover. Prints the share of
targets in the top 200 and the fragment share of the top 200 by this rule, fixed before
measuring: a candidate is a fragment when (1) its first or last character is a function
character (的 了 和 与 及 在 是 等 之 为 对 把 被 将 以 而 也 都 就 并 其 …) standing apart from a
word, i.e. the edge token is that single character, or (2) nine in ten of its occurrences lie
inside one longer string that is a jieba dictionary word, a lexicon entry or another top-200
candidate (a word cut in the middle). The top 200 are also printed for a check by hand.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from xzcli.data import builtin
from xzcli.discover import FUNCTION_CHARS, Discovery, Options, analyse, candidates
from xzcli.segment import LEXICON_FILE, Segmenter, find_quoted_terms
from xzcli.sources import read_document

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))
YEARS = (2024, 2025, 2026)
MARKS = re.compile("[“”「」『』《》‘’]")


def is_fragment(term: str, pieces: tuple[str, ...], texts: list[str], longer: set[str],
                knows: object) -> bool:
    if (len(pieces[0]) == 1 and pieces[0] in FUNCTION_CHARS) or (
            len(pieces[-1]) == 1 and pieces[-1] in FUNCTION_CHARS):
        return True
    total = inside = 0
    for text in texts:
        for m in re.finditer(re.escape(term), text):
            total += 1
            s, e = m.span()
            for host in longer:
                k = text.find(host, max(0, e - len(host)), s + len(host))
                if 0 <= k <= s and k + len(host) >= e:
                    inside += 1
                    break
    return total > 0 and inside >= 0.9 * total


def main() -> int:
    reports = [CORPUS / "national-work-reports" / f"{y}.txt" for y in YEARS]
    if not all(p.is_file() for p in reports):
        print(f"no national work reports 2024-2026 under {CORPUS}", file=sys.stderr)
        return 1
    originals = [p.read_text(encoding="utf-8") for p in reports]
    plain = Segmenter(lexicon=False)
    quoted = set().union(*(find_quoted_terms(t) for t in originals))
    targets = {q for q in quoted if not plain.knows(q)}
    with tempfile.TemporaryDirectory() as folder:
        held_out = Path(folder) / "held-out.txt"
        lines = [line for line in builtin(LEXICON_FILE).read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#") and line.split()[0] not in targets]
        held_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        segmenter = Segmenter(lexicon=False, user_dicts=[held_out])
        total = Discovery()
        texts = []
        for path, text in zip(reports, originals, strict=True):
            stripped = MARKS.sub("", text)
            texts.append(stripped)
            copy = Path(folder) / path.name
            copy.write_text(stripped, encoding="utf-8")
            total.merge(analyse(read_document(str(copy)), segmenter))
    found = candidates(total, Options(top=200))
    tops = {c.term for c in found}
    hit = targets & tops
    uses = {q: sum(t.count(q) for t in texts) for q in targets}
    print(f"quoted terms in the 2024-2026 reports: {len(quoted)}; not in jieba's dictionary "
          f"(the targets): {len(targets)}; used twice or more without the quotes: "
          f"{sum(1 for n in uses.values() if n >= 2)}")
    print(f"targets in discover's top {len(found)} (quotes removed, targets held out of the "
          f"lexicon): {len(hit)} ({100 * len(hit) / max(len(targets), 1):.1f}%); "
          f"their uses {sum(uses[q] for q in hit)} of {sum(uses.values())} "
          f"({100 * sum(uses[q] for q in hit) / max(sum(uses.values()), 1):.1f}%)")
    lexicon = Segmenter()
    longer = set(lexicon.lexicon) | tops
    fragments = []
    for c in found:
        hosts = {h for h in longer if len(h) > len(c.term) and c.term in h}
        hosts |= {h for h in _dictionary_hosts(plain, c.term, texts)}
        if is_fragment(c.term, total.pieces[c.term], texts, hosts, plain.knows):
            fragments.append(c.term)
    print(f"fragments in the top {len(found)}: {len(fragments)} "
          f"({100 * len(fragments) / max(len(found), 1):.1f}%): {' '.join(fragments)}")
    print("targets found: " + " ".join(sorted(hit)))
    print("missed targets: " + " ".join(sorted(targets - tops)))
    print("top: " + " ".join(f"{c.term}:{c.count}" for c in found))
    return 0


def _dictionary_hosts(plain: Segmenter, term: str, texts: list[str]) -> set[str]:
    """Dictionary words in the texts that contain the term (up to 4 characters either side)."""
    hosts = set()
    for text in texts:
        for m in re.finditer(re.escape(term), text):
            s, e = m.span()
            for a in range(max(0, s - 4), s + 1):
                for b in range(e, min(len(text), e + 4) + 1):
                    if (a, b) != (s, e) and plain.knows(text[a:b]):
                        hosts.add(text[a:b])
    return hosts


if __name__ == "__main__":
    raise SystemExit(main())
