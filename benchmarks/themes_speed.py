"""Time theme matching and structure parsing on the largest texts of the shared corpus.

    python benchmarks/themes_speed.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from xzcli.sources import analysis_text, read_document
from xzcli.structure import parse_structure
from xzcli.themes import load_themes, matcher_for, theme_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    themes = load_themes()
    terms = themes.entries + len(themes.ignore)
    start = time.perf_counter()
    matcher = matcher_for(themes)
    print(f"{terms} terms; matcher built in {time.perf_counter() - start:.3f} s")
    files = sorted(CORPUS.glob("*/*.txt"), key=lambda p: p.stat().st_size, reverse=True)[:4]
    for path in files:
        doc = read_document(str(path))
        text = analysis_text(doc.text)
        kb = path.stat().st_size / 1024
        raw = doc.text
        match = best_of(3, lambda t=text: matcher.find(t))
        parse = best_of(3, lambda t=raw: parse_structure(t))
        whole = best_of(3, lambda t=raw: theme_document(t, themes))
        print(f"{path.name}: {kb:.0f} KB, {len(text)} chars: match {match:.3f} s, "
              f"structure {parse:.3f} s, theme_document {whole:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
