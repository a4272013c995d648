"""Time `kwic` and `usage` on the shared corpus and print the figures (not a test)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from xzcli.kwic import Query, count_occurrences, find_hits
from xzcli.pipeline import SegmenterSpec, cached_segmenter
from xzcli.sources import analysis_text, expand_paths, read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> int:
    if not CORPUS.is_dir():
        print(f"shared corpus not present at {CORPUS}", file=sys.stderr)
        return 1
    docs = [read_document(p) for p in expand_paths([str(CORPUS)])]
    chars = sum(d.chars for d in docs)
    query = Query("发展", "发展")
    print(f"{len(docs)} documents, {chars} characters")

    start = time.perf_counter()
    n = sum(count_occurrences(analysis_text(d.text), query) for d in docs)
    took = time.perf_counter() - start
    print(f"usage counting 发展: {n} places in {took:.3f} s ({chars / took / 1e6:.1f} M chars/s)")

    start = time.perf_counter()
    hits = sum(len(find_hits(d.source, d.text, [query])) for d in docs)
    print(f"kwic without segmentation: {hits} hits in {time.perf_counter() - start:.2f} s")

    segmenter = cached_segmenter(SegmenterSpec())
    start = time.perf_counter()
    hits = sum(len(find_hits(d.source, d.text, [query], segmenter)) for d in docs)
    print(f"kwic with whole_token (one segmentation per document): {hits} hits in "
          f"{time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
