"""The policy lexicon: a valid jieba dictionary whose every entry segments as one token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xzcli.segment import Segmenter

REPO = Path(__file__).resolve().parents[1]
LEXICON = REPO / "dictionaries" / "policy_terms.txt"
STOPWORDS = REPO / "dictionaries" / "stopwords.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

LINE = re.compile(r"^(\S+) ([1-9][0-9]*) (nz|nt|ns|n|l|i|nr|vn|j)$")
TEMPLATES = ("我们要{}。", "全面推进{}工作，", "“{}”", "在{}方面取得新进展", "以{}为")
MUST_HAVE = ("新质生产力", "高质量发展", "营商环境", "碳中和", "一带一路", "两个确立", "放管服",
             "专精特新", "城中村改造")  # fmt: skip


def entries() -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        match = LINE.match(line)
        assert match, f"bad line: {line!r}"
        word, freq, tag = match.groups()
        assert word not in out, f"duplicate entry: {word}"
        out[word] = (int(freq), tag)
    return out


@pytest.fixture(scope="module")
def lexicon() -> dict[str, tuple[int, str]]:
    return entries()


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(engine="rjieba")


def test_file_is_plain_utf8_with_a_header() -> None:
    raw = LEXICON.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8").startswith("#")


def test_every_line_is_word_freq_tag_without_duplicates(
    lexicon: dict[str, tuple[int, str]],
) -> None:
    assert len(lexicon) >= 2000
    # Moderate frequencies: enough to win, never louder than jieba's commonest words.
    assert max(freq for freq, _ in lexicon.values()) <= 1_000_000


def test_must_have_terms_are_present(lexicon: dict[str, tuple[int, str]]) -> None:
    missing = [w for w in MUST_HAVE if w not in lexicon]
    assert not missing


def test_must_have_terms_come_out_whole(segmenter: Segmenter) -> None:
    text = (
        "发展新质生产力，推动高质量发展，优化营商环境，实现碳中和，推进一带一路建设，"
        "深刻领悟两个确立。"
    )
    tokens = segmenter.cut(text, protected=())
    assert [w for w in MUST_HAVE[:6] if w not in tokens] == []


def test_every_entry_is_one_token_in_running_text(
    segmenter: Segmenter, lexicon: dict[str, tuple[int, str]]
) -> None:
    failures = []
    for word in lexicon:
        for template in TEMPLATES:
            text = template.format(word)
            tokens = segmenter.cut(text, protected=())
            if word in tokens:
                continue
            # Inside a longer lexicon entry (全面推进三农工作 -> 三农工作) is a longer term winning.
            if any(word in tok and tok in lexicon for tok in tokens):
                continue
            failures.append(f"{word}: {'/'.join(tokens)}")
    assert failures == []


def test_stopwords_are_function_words_not_content(lexicon: dict[str, tuple[int, str]]) -> None:
    words = [
        line.strip()
        for line in STOPWORDS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert 600 <= len(words) <= 1200
    assert len(words) == len(set(words))
    assert {"进一步", "一批", "各类", "有关", "以及", "我们"} <= set(words)
    assert not {"经济", "企业", "改革", "创新", "推进", "加强"} & set(words)
    assert not set(words) & set(lexicon)


def test_corpus_terms_stay_whole_in_the_article(
    segmenter: Segmenter, lexicon: dict[str, tuple[int, str]]
) -> None:
    article = CORPUS / "article" / "xuzhou-hitech-14th-fyp.txt"
    if not article.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    text = article.read_text(encoding="utf-8")
    tokens = segmenter.cut(text, protected=())
    joined = set(tokens)
    present = [w for w in lexicon if w in text]
    assert present, "the article should use some lexicon terms"
    # A term the article uses shows up as a token at least once (not always: it may sit
    # inside a longer word), and the headline one always does.
    assert "十四五" in joined
