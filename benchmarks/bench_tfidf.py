"""Time `tfidf` and `idf build` on the reference article and the shared corpus (not a test).

    python benchmarks/bench_tfidf.py

Prints the wall time of each phase run in this process (segmenting and splitting into units,
weighing with scikit-learn, counting document frequencies) and of whole CLI runs, start-up
and the scikit-learn import included.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ARTICLE = CORPUS / "article" / "xuzhou-hitech-14th-fyp.txt"


def _cli(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xzcli", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    if not ARTICLE.is_file():
        print(f"shared corpus not present at {CORPUS}", file=sys.stderr)
        return 1
    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.sources import expand_paths, read_document
    from xzcli.tfidf import (
        count_document_frequencies,
        document_units,
        load_idf_table,
        policy_idf_path,
        summarize_units,
    )

    segmenter = cached_segmenter(SegmenterSpec())
    start = time.perf_counter()
    import sklearn.feature_extraction.text  # noqa: F401  (what tfidf pays once)

    print(f"import scikit-learn: {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    table = load_idf_table(policy_idf_path())
    print(f"load policy_idf.tsv ({len(table.df)} terms, N={table.n_documents}): "
          f"{time.perf_counter() - start:.3f} s")

    text = read_document(str(ARTICLE)).text
    start = time.perf_counter()
    units = document_units(text, segmenter, source=str(ARTICLE), by="section")
    split = time.perf_counter() - start
    start = time.perf_counter()
    summarize_units(units, table, top=10, sentences=3, sublinear_tf=False)
    print(f"article ({len(text)} chars, {len(units)} sections): units {split:.3f} s, "
          f"weighing + summaries {time.perf_counter() - start:.3f} s")

    docs = [read_document(p) for p in expand_paths([str(CORPUS)]) if p.endswith(".txt")]
    chars = sum(d.chars for d in docs)
    start = time.perf_counter()
    all_units = [u for d in docs for u in document_units(d.text, segmenter, source=d.source,
                                                         by="document")]
    split = time.perf_counter() - start
    start = time.perf_counter()
    results = summarize_units(all_units, None, top=10, sentences=3)
    print(f"corpus ({len(docs)} files, {chars} chars): units {split:.2f} s "
          f"({chars / split / 1e6:.2f} M chars/s), weighing + summaries of {len(results)} "
          f"documents {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    paragraphs = sum(count_document_frequencies(d.text, segmenter).n_documents for d in docs)
    print(f"document frequencies of {paragraphs} paragraphs, one process: "
          f"{time.perf_counter() - start:.2f} s")

    print(f"CLI: xzcli tfidf article: {_cli('tfidf', str(ARTICLE), '-f', 'json'):.2f} s")
    print(f"CLI: xzcli keywords article (no scikit-learn): "
          f"{_cli('keywords', str(ARTICLE), '-f', 'json'):.2f} s")
    print(f"CLI: xzcli tfidf corpus folder: {_cli('tfidf', str(CORPUS), '-f', 'json'):.2f} s")
    print(f"CLI: xzcli idf build corpus folder: "
          f"{_cli('idf', 'build', str(CORPUS), '-q'):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
