"""Write dictionaries/jieba_isolated_tags.tsv: tags of jieba words that do not cut whole alone.

    python scripts/build_isolated_tags.py

A word's part of speech is fixed by jieba's dictionary. The fast engine tells it by tagging
the word on its own, which fails for the ~8,400 dictionary words that jieba-rs cuts into
pieces when they stand alone (一产 -> 一/产). Reading jieba's whole 350,000-line dictionary
for those costs most of a second at start-up; this small table answers them instantly.
Rerun it when the jieba dependency's dictionary changes.
"""

from __future__ import annotations

from pathlib import Path

import jieba

from xzcli.segment import _load_rjieba_class

OUT = Path(__file__).resolve().parents[1] / "dictionaries" / "jieba_isolated_tags.tsv"


def main() -> None:
    engine = _load_rjieba_class()()
    rows = []
    with jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3 and len(engine.cut(parts[0], True)) != 1:
                rows.append(f"{parts[0]}\t{parts[2]}")
    header = ("# Tags of jieba dictionary words that jieba-rs does not cut whole on their own.\n"
              "# Built by scripts/build_isolated_tags.py from jieba's dict.txt; do not edit.\n")
    OUT.write_text(header + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
