"""The policy lexicon: a valid jieba dictionary whose every entry segments as one token."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from xzcli.segment import Segmenter

REPO = Path(__file__).resolve().parents[1]
LEXICON = REPO / "dictionaries" / "policy_terms.txt"
STOPWORDS = REPO / "dictionaries" / "stopwords.txt"
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))

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


# The nesting rule (scripts/build_lexicon.py): an entry may hold an established term; the
# term then still counts inside it. An entry that is an entry plus a generic head word must
# record that nesting, or the shorter term would vanish wherever the compound stands.
GENERIC_HEADS = ("战略", "体系", "体制", "工程", "行动", "建设", "改革", "工作", "政策", "制度",
                 "机制", "地区", "国家", "事业", "问题", "领域", "试点", "规划")  # fmt: skip


def test_an_entry_plus_a_generic_head_still_counts_the_entry(
    segmenter: Segmenter, lexicon: dict[str, tuple[int, str]]
) -> None:
    missing = [
        word for word in lexicon
        for head in GENERIC_HEADS
        if word.endswith(head) and word[: -len(head)] in lexicon
        and (word[: -len(head)], 0) not in segmenter.inner_terms(word)
    ]
    assert missing == []


def test_established_terms_count_beside_their_usual_heads(segmenter: Segmenter) -> None:
    from xzcli.keywords import count_terms

    text = (
        "实施乡村振兴战略，深化国有企业改革，健全社会保障体系，支持中西部地区发展，"
        "积极稳妥推进碳达峰碳中和，全面建成小康社会，编制十四五规划，加强生态文明建设。"
    )
    counts = count_terms(text, segmenter).counts
    expected = ("乡村振兴", "国有企业", "社会保障", "中西部", "碳达峰", "碳中和", "小康社会",
                "十四五", "生态文明")  # fmt: skip
    assert [w for w in expected if counts[w] != 1] == []


def test_recent_local_terms_and_place_names_come_out_whole(segmenter: Segmenter) -> None:
    text = (
        "内蒙古自治区政府工作报告提出，全区上下推进高效办成一件事、可持续发展和全面深化改革；"
        "广西壮族自治区发展低空经济，新疆维吾尔自治区建设平急两用设施，宁夏推动智改数转。"
    )
    tokens = segmenter.cut(text, protected=())
    expected = ("内蒙古自治区", "高效办成一件事", "可持续发展", "全面深化改革",
                "广西壮族自治区", "低空经济", "新疆维吾尔自治区", "平急两用", "宁夏",
                "智改数转")  # fmt: skip
    assert [w for w in expected if w not in tokens] == []
