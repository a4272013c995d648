"""Where the tfidf command's time goes, on one process over the shared corpus.

    python benchmarks/tfidf_speed.py [--by section] [--profile 25]

Prints, in CPU seconds (process time: other work on the machine moves it less than the
clock) over every document of ../shared/corpus, best of three, each step `analyse` takes for
one document: reading, the analysis text, the structure, the sections and paragraphs with
their sentence spans (_parts), the engine's cut, the Segmenter's words, the content terms
(_term_positions), the packed units of each kind and all of analyse; then the payload of
the merged units and a whole serial `xzcli.api.tfidf` run, by `--by` (document, the default
for several inputs, unless told), with MB/s for one core. `--profile N` adds cProfile's top
N functions by own time for the whole run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from typing import Any

from _measure import CORPUS, best_of

from xzcli import api
from xzcli.pipeline import SegmenterSpec, cached_segmenter
from xzcli.segment import find_quoted_terms
from xzcli.sources import analysis_text, read_document
from xzcli.structure import parse_structure
from xzcli.tfidf import (
    TfidfOptions,
    TfidfUnits,
    _parts,
    _term_positions,
    analyse,
    packed_units,
    payload,
    sublinear_tf,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--by", default="document", choices=("document", "section", "paragraph"),
                        help="the unit of the merge, payload and api.tfidf steps")
    parser.add_argument("--profile", type=int, default=0, help="cProfile's top N functions")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    segmenter = cached_segmenter(SegmenterSpec())
    print(f"Segmenter built in {time.perf_counter() - start:.2f} s")
    paths = sorted(str(p) for p in CORPUS.rglob("*.txt") if p.is_file())
    docs = [read_document(p) for p in paths]
    texts = [analysis_text(d.text) for d in docs]
    quoted = [[t for t in find_quoted_terms(t) if t] for t in texts]
    for t in texts:  # the content-term verdicts are cached per word: judge every word once
        _term_positions(t, segmenter)

    def merged(by: str) -> TfidfUnits:
        total = TfidfUnits()
        for d in docs:
            total.merge(analyse(d, segmenter, by=by))
        return total

    def weigh(total: TfidfUnits) -> None:
        try:
            payload(total, TfidfOptions(by=args.by, sublinear=sublinear_tf("auto", args.by)))
        finally:
            total.close()

    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6

    def timed(work: Callable[[], Any]) -> Callable[[], float]:
        return lambda: best_of(3, work)

    def payload_seconds() -> float:
        # Only the payload is timed: each run weighs freshly merged units (it closes them).
        times = []
        for _ in range(3):
            total = merged(args.by)
            start = time.process_time()
            weigh(total)
            times.append(time.process_time() - start)
        return min(times)

    steps: list[tuple[str, Callable[[], float]]] = [
        ("read", timed(lambda: [read_document(p) for p in paths])),
        ("analysis text", timed(lambda: [analysis_text(d.text) for d in docs])),
        ("structure", timed(lambda: [parse_structure(t) for t in texts])),
        ("parts: sections", timed(lambda: [_parts(t, "section") for t in texts])),
        ("parts: paragraphs", timed(lambda: [_parts(t, "paragraph") for t in texts])),
        ("parts: no sentences", timed(lambda: [_parts(t, "paragraph", sentences=False)
                                               for t in texts])),
        ("cut whole text (engine)", timed(lambda: [segmenter._engine.cut(t) for t in texts])),
        ("words", timed(lambda: [segmenter.words(t, q)
                                 for t, q in zip(texts, quoted, strict=True)])),
        ("term positions", timed(lambda: [_term_positions(t, segmenter) for t in texts])),
        ("packed units: document", timed(lambda: [packed_units(d.text, segmenter,
                                                               source=d.source, by="document")
                                                  for d in docs])),
        ("packed units: section", timed(lambda: [packed_units(d.text, segmenter,
                                                              source=d.source, by="section")
                                                 for d in docs])),
        ("packed units: paragraph", timed(lambda: [packed_units(d.text, segmenter,
                                                                source=d.source, by="paragraph")
                                                   for d in docs])),
        (f"analyse + merge ({args.by})", timed(lambda: merged(args.by).close())),
        (f"payload ({args.by})", payload_seconds),
        ("api.tfidf (all of it)", timed(lambda: api.tfidf(paths, by=args.by, jobs=1))),
    ]
    print(f"{len(docs)} documents, {mb:.1f} MB")
    print(f"{'step':28s} {'CPU s':>7s}")
    for name, measure in steps:
        seconds = measure()
        extra = (f"   {mb / seconds:.2f} MB/s on one core"
                 if name.startswith(("analyse", "api")) else "")
        print(f"{name:28s} {seconds:7.3f}{extra}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        api.tfidf(paths, by=args.by, jobs=1)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
