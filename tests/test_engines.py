"""jieba-rs (rjieba) and pure-Python jieba give identical tokens on the real corpus."""

from __future__ import annotations

from pathlib import Path

from xzcli.segment import Segmenter
from xzcli.sources import analysis_text, read_document


def test_engines_give_identical_tokens_and_tags_on_the_corpus(
    corpus_dir: Path, segmenter: Segmenter
) -> None:
    reference = Segmenter(engine="jieba")
    files = sorted(corpus_dir.rglob("*.txt"))
    assert len(files) > 50
    mismatched = []
    for path in files:
        text = analysis_text(read_document(str(path)).text)
        if reference.tag(text) != segmenter.tag(text):
            mismatched.append(path.name)
    assert mismatched == []
