"""Build dictionaries/policy_idf.tsv from the shared policy corpus (every .txt file).

Usage: python scripts/build_idf.py [CORPUS] [-o FILE] [--unit paragraph] [--min-df 2]

Runs the same library code as `xzcli idf build`: each paragraph of each file counts as one
document (see README, "policy_idf.tsv"), terms found in fewer than --min-df documents are left
out so the table stays small, and they then weigh as unseen terms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    from xzcli.api import build_document_frequencies
    from xzcli.pipeline import SegmenterSpec
    from xzcli.render import write_atomic
    from xzcli.tfidf import (
        DEFAULT_IDF_UNIT,
        IDF_UNITS,
        POLICY_IDF_FILE,
        format_idf_table,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=os.environ.get(
        "XZCLI_CORPUS", str(REPO.parent / "shared" / "corpus")))
    parser.add_argument("-o", "--output", default=str(REPO / "dictionaries" / POLICY_IDF_FILE))
    parser.add_argument("--unit", choices=IDF_UNITS, default=DEFAULT_IDF_UNIT)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args(argv)

    # Only .txt: the corpus folder also holds its SOURCES.md, which is not policy text.
    sources = sorted(str(p) for p in Path(args.corpus).rglob("*.txt")
                     if not any(part.startswith(".") for part in p.parts))
    if not sources:
        sys.stderr.write(f"no .txt files under {args.corpus}\n")
        return 1
    started = time.perf_counter()
    total = build_document_frequencies(sources, SegmenterSpec(), unit=args.unit,
                                       jobs=args.jobs or None)
    text = format_idf_table(total, min_df=args.min_df, unit=args.unit)
    write_atomic(Path(args.output), text)
    kept = sum(1 for d in total.df.values() if d >= args.min_df)
    sys.stderr.write(
        f"{args.output}: {total.n_documents} documents ({args.unit}s) from {len(sources)} files, "
        f"{kept} of {len(total.df)} terms with df >= {args.min_df}, "
        f"{len(text.encode('utf-8')) / 1e6:.2f} MB, {time.perf_counter() - started:.1f} s\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
