"""Build dictionaries/policy_reference.tsv: term counts of the national work reports.

Usage: python scripts/build_reference.py [FOLDER] [-o FILE] [--min-count 2]
(FOLDER defaults to $XZCLI_CORPUS/national-work-reports, else ../shared/corpus/...)

Counts every .txt file of the national government work reports (1954-2026 in the shared
corpus) with the same library code `xzcli compare` runs on its inputs (`xzcli.keyness.analyse`:
the built-in lexicon, the stop words, each document's quoted terms) and writes the totals,
each source's sha256 (so a target that is one of these reports is taken out of the reference)
and `term<TAB>count<TAB>documents` lines. It holds counts, not text. Terms counted fewer than
--min-count times are left out (they then count 0 in the reference); the token total still
includes them, so rates stay right.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))
DESCRIPTION = ("term counts of the national government work reports (政府工作报告) {first}-{last}, "
               "{n} files, counted by xzcli.keyness.analyse with the built-in lexicon")


def main(argv: list[str] | None = None) -> int:
    from xzcli.keyness import POLICY_REFERENCE_FILE, TermTable, analyse, format_reference_table
    from xzcli.pipeline import Failed, Merged, SegmenterSpec, merge_documents
    from xzcli.render import write_atomic

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?",
                        default=str(CORPUS / "national-work-reports"))
    parser.add_argument("-o", "--output",
                        default=str(REPO / "dictionaries" / POLICY_REFERENCE_FILE))
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args(argv)

    sources = sorted(str(p) for p in Path(args.folder).glob("*.txt"))
    if not sources:
        sys.stderr.write(f"no .txt files in {args.folder}\n")
        return 1
    started = time.perf_counter()
    merged = Merged(TermTable())
    task = partial(analyse, parts=False)
    for read in merge_documents(task, TermTable.merge, merged, sources, SegmenterSpec(),
                                jobs=args.jobs or None, segments=True):
        if isinstance(read, Failed):
            sys.stderr.write(f"{read.error}\n")
            return 1
    total = merged.total
    years = [Path(s).stem[:4] for s in sources]
    description = DESCRIPTION.format(first=years[0], last=years[-1], n=len(sources))
    text = format_reference_table(total, description=description, min_count=args.min_count)
    write_atomic(Path(args.output), text)
    kept = sum(1 for n in total.counts.values() if n >= args.min_count)
    sys.stderr.write(
        f"{args.output}: {total.n_documents} files, {total.tokens} word tokens, {kept} of "
        f"{len(total.counts)} terms with count >= {args.min_count}, "
        f"{len(text.encode('utf-8')) / 1e6:.2f} MB, {time.perf_counter() - started:.1f} s\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
