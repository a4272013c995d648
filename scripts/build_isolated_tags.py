"""Write dictionaries/jieba_isolated_tags.tsv: tags of jieba words that do not cut whole alone.

    python scripts/build_isolated_tags.py

A word's part of speech is fixed by jieba's dictionary. The fast engine tells it by tagging
the word on its own, which fails for the ~8,400 dictionary words that jieba-rs cuts into
pieces when they stand alone (一产 -> 一/产), with or without the policy lexicon loaded.
Reading jieba's whole 350,000-line dictionary for those costs most of a second at start-up;
this small table answers them instantly. Rerun it when jieba's dictionary or the lexicon
changes (a test checks the table is current).
"""

from __future__ import annotations

from pathlib import Path

import jieba

from xzcli.segment import Segmenter, _load_rjieba_class

OUT = Path(__file__).resolve().parents[1] / "dictionaries" / "jieba_isolated_tags.tsv"


def main() -> None:
    plain = _load_rjieba_class()()
    # The lexicon's words open new ways to cut some dictionary words, so check both.
    with_lexicon = Segmenter()._engine
    rows = []
    with jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) != 3:
                continue
            word = parts[0]
            if len(plain.cut(word, True)) != 1 or len(with_lexicon.cut(word)) != 1:
                rows.append(f"{word}\t{parts[2]}")
    header = ("# Tags of jieba dictionary words that jieba-rs does not cut whole on their own.\n"
              "# Built by scripts/build_isolated_tags.py from jieba's dict.txt; do not edit.\n")
    OUT.write_text(header + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
