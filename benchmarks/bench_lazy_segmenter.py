"""What the runner's LazySegmenter costs a task against the built Segmenter itself.

Every task gets a LazySegmenter (tasks that never segment then never build the model). Its
attributes, methods too, are the built Segmenter's, so a method's own attribute reads run on
the built object; this prints the time of the same calls through both, and their ratio.

    python benchmarks/bench_lazy_segmenter.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from xzcli.keywords import count_terms  # noqa: E402
from xzcli.pipeline import LazySegmenter, SegmenterSpec, cached_segmenter  # noqa: E402
from xzcli.sources import analysis_text, read_document  # noqa: E402

CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = sorted((CORPUS / "national-work-reports").glob("*.txt"))[:6]
    if not files:
        files = sorted((REPO / "samples" / "city-reports").glob("*.txt"))
    texts = [analysis_text(read_document(str(f)).text) for f in files]
    spec = SegmenterSpec()
    built = cached_segmenter(spec)
    words = sorted({w for t in texts for w in built.words(t)})
    for t in texts:
        count_terms(t, built)  # the per-word caches filled, as in a long run

    def per_word(segmenter: object) -> None:
        for w in words:
            segmenter.pos_of(w)  # type: ignore[attr-defined]
            segmenter.inner_terms(w)  # type: ignore[attr-defined]

    def counting(segmenter: object) -> None:
        for t in texts:
            count_terms(t, segmenter)  # type: ignore[arg-type]

    print(f"{len(texts)} documents, {len(words)} distinct words, load "
          f"{os.getloadavg()[0]:.1f}")
    for label, work in (("pos_of + inner_terms per word", per_word),
                        ("count_terms per document", counting)):
        best = {"built": float("inf"), "lazy": float("inf")}
        for _ in range(args.rounds):
            for name in best:
                segmenter = built if name == "built" else LazySegmenter(spec)
                start = time.perf_counter()
                work(segmenter)
                best[name] = min(best[name], time.perf_counter() - start)
        print(f"{label}: built {best['built']:.3f} s, lazy {best['lazy']:.3f} s, "
              f"ratio {best['lazy'] / best['built']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
