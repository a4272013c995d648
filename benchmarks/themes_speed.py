"""Where the themes command's time goes, on one process over the shared corpus.

    python benchmarks/themes_speed.py [--profile 25]

Prints, in CPU seconds (process time: other work on the machine moves it less than the
clock) over every document of ../shared/corpus, best of three, each step `analyse` takes for
one document: reading, the structure, the theme-term scan (one Aho-Corasick automaton,
built once per theme set), segmenting the clauses that hold a match (the engine alone, and
with the Segmenter's quoted terms and ASCII splitting), the whole match step (find_uncut),
the per-paragraph counts (theme_document), the payload and its JSON, and all of analyse,
then MB/s for one core. `--profile N` adds cProfile's top N functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
from _measure import CORPUS, best_of

from xzcli.pipeline import LazySegmenter, SegmenterSpec, cached_segmenter
from xzcli.segment import find_quoted_terms
from xzcli.sources import analysis_text, read_document
from xzcli.structure import parse_structure
from xzcli.themes import (
    ThemesOptions,
    analyse,
    document_payload,
    find_uncut,
    load_themes,
    matcher_for,
    theme_document,
)


def held_clauses(text: str, found: list[tuple[int, str]]) -> str:
    """The clauses holding a match, joined as find_uncut joins them."""
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    is_break = np.isin(codes, [ord(c) for c in "，。；：！？、（）“”\n"])
    is_break[np.flatnonzero((codes[1:] == 10) & (codes[:-1] == 13)) + 1] = False
    breaks = [-1, *np.flatnonzero(is_break).tolist(), len(text)]
    held = sorted(set(np.searchsorted(breaks[1:-1], [s for s, _ in found]).tolist()))
    return "。".join(text[breaks[k] + 1:breaks[k + 1]] for k in held)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=int, default=0, help="cProfile's top N functions")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    themes = load_themes()
    start = time.perf_counter()
    matcher = matcher_for(themes)
    segmenter = cached_segmenter(SegmenterSpec())
    print(f"{themes.entries + len(themes.ignore)} terms; matcher and Segmenter built in "
          f"{time.perf_counter() - start:.2f} s")
    paths = sorted(str(p) for p in CORPUS.rglob("*.txt") if p.is_file())
    docs = [read_document(p) for p in paths]
    texts = [analysis_text(d.text) for d in docs]
    found = [matcher.find(t) for t in texts]
    held = [held_clauses(t, f) if f else "" for t, f in zip(texts, found, strict=True)]
    quoted = [sorted(find_quoted_terms(t)) for t in texts]
    results = [theme_document(d.text, themes, segmenter=segmenter) for d in docs]
    payloads = [{"source": d.source, **document_payload(r, themes, "document")}
                for d, r in zip(docs, results, strict=True)]
    from xzcli.render.jsontext import dumps_at

    options = ThemesOptions(themes, write=partial(dumps_at, level=2))  # as --format json
    lazy = LazySegmenter(SegmenterSpec())
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("read", lambda: [read_document(p) for p in paths]),
        ("analysis text", lambda: [analysis_text(d.text) for d in docs]),
        ("structure", lambda: [parse_structure(d.text) for d in docs]),
        ("term scan", lambda: [matcher.find(t) for t in texts]),
        ("cut held clauses (engine)", lambda: [segmenter._engine.cut(h) for h in held]),
        ("cut held clauses (words)", lambda: [segmenter.words(h, q)
                                              for h, q in zip(held, quoted, strict=True)]),
        ("cut whole text (engine)", lambda: [segmenter._engine.cut(t) for t in texts]),
        ("find_uncut", lambda: [find_uncut(t, matcher, segmenter) for t in texts]),
        ("theme_document", lambda: [theme_document(d.text, themes, segmenter=segmenter)
                                    for d in docs]),
        ("payload", lambda: [document_payload(r, themes, "document") for r in results]),
        ("JSON", lambda: [dumps_at(p, 2) for p in payloads]),
        ("analyse (all of it)", lambda: [analyse(d, lazy, options=options) for d in docs]),
    ]
    print(f"{len(docs)} documents, {mb:.1f} MB; held clauses: "
          f"{sum(map(len, held)) / sum(map(len, texts)):.1%} of the characters")
    print(f"{'step':28s} {'CPU s':>7s}")
    for name, work in steps:
        seconds = best_of(3, work)
        extra = f"   {mb / seconds:.1f} MB/s on one core" if name.startswith("analyse") else ""
        print(f"{name:28s} {seconds:7.3f}{extra}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for d in docs:
            analyse(d, lazy, options=options)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
