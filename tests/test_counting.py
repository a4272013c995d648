"""Counting words without the token sequence gives the counts of the sequence.

Segmenter.count_words re-cuts only the clauses around quoted terms and keeps what it learnt
of each word across documents; keywords and compare count through it. Whatever it skips,
its counts must be those of Counter(words()), for both engines, on any text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from xzcli import segment
from xzcli.keywords import TermCounts, add_counts, count_terms, is_word
from xzcli.segment import Segmenter, find_quoted_terms

# Texts that take every path: terms already whole, terms cut apart, terms inside longer words,
# places that overlap, no clause mark near a term (the whole text is located instead), CR LF,
# ASCII runs jieba splits, and terms at both ends of the text.
TEXTS = [
    "全面推广“浙韵千村计划”经验。各地要学习浙韵千村计划，把浙韵千村计划抓实。",
    "“它它它”它它它它它，“一一”一一一一一一",
    "《放管服》放管服改革“放管服”，深化放管服改革",
    "“互联网＋”互联网＋行动“互联网+”互联网+",
    "“碳达峰”“碳中和”碳达峰碳中和目标，实现碳达峰碳中和",
    "推进“新质生产力”发展" + "新质生产力促进中心建设" * 300 + "新质生产力",
    "“两个确立”\r\n坚持两个确立\r\n两个确立。",
    "访问www.gov.cn，见2011-2020年规划（“十二五”）。十二五时期",
    "“高质量发展”",
    "推进“质生产”发展新质生产力和质生产力，“量发展”高质量发展",
    "高质量发展“高质量发展”",
    "“  ”“x。y”",
]


@pytest.fixture(scope="module")
def engines(segmenter: Segmenter) -> list[Segmenter]:
    return [segmenter, Segmenter(engine="jieba")]


def _check(seg: Segmenter, text: str, protected: list[str] | None = None) -> None:
    counted = seg.count_words(text, protected)
    assert counted.counts == Counter(seg.words(text, protected))
    assert all(n > 0 for n in counted.counts.values())
    assert counted.non_words == {w for w in counted.counts if not is_word(w)}
    assert counted.compounds == sorted(w for w in counted.counts
                                       if len(w) > 2 and seg.inner_terms(w))


@pytest.mark.parametrize("text", TEXTS)
def test_counts_are_those_of_the_token_sequence(engines: list[Segmenter], text: str) -> None:
    for seg in engines:
        _check(seg, text)
        # Any terms can be protected, not only quoted ones: every word of the text, and
        # pieces of words.
        words = sorted({w for w in seg.words(text) if not w.isspace()})
        _check(seg, text, words[:40] + [w[1:] for w in words if len(w) > 2][:20])


@pytest.mark.parametrize(("text", "protected"), [
    # 增国 takes part of 新增 and of 国家级, which is re-cut; 家级专 starts inside that
    # re-cut stretch and is left alone.
    ("12家，新增国家级专精特新“小巨人”", ["增国", "家级专"]),
    ("撬动社会资本投向未来产业。", ["动社", "会资本投", "向未"]),
    ("涉企审批事项精简35%。", ["企审", "批事项精", "简35"]),
])
def test_terms_across_and_inside_tokens(engines: list[Segmenter], text: str,
                                        protected: list[str]) -> None:
    for seg in engines:
        _check(seg, text, protected)


def test_written_samples_count_as_their_sequence(engines: list[Segmenter]) -> None:
    samples = Path(__file__).resolve().parents[1] / "samples"
    for path in sorted(samples.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for seg in engines:
            _check(seg, text)
            # The sample's own words as protected terms: most are one token, some are not.
            words = sorted({w for w in seg.words(text) if len(w) > 1 and is_word(w)})
            _check(seg, text, words[::7] + [w[:-1] for w in words[::5] if len(w) > 2])


def test_the_fallback_without_clause_marks_gives_the_same_counts(
        engines: list[Segmenter], monkeypatch: pytest.MonkeyPatch) -> None:
    # With the clause search this short, every term falls back to locating all tokens.
    monkeypatch.setattr(segment, "_CLAUSE_MAX", 2)
    for seg in engines:
        for text in TEXTS:
            _check(seg, text)


def test_counts_stay_right_when_the_word_cache_is_dropped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seg = Segmenter()
    expected = [Counter(seg.words(t)) for t in TEXTS]
    monkeypatch.setattr(segment, "_WORD_CACHE_MAX", 5)  # dropped on nearly every text
    for _ in range(2):
        for text, want in zip(TEXTS, expected, strict=True):
            _check(seg, text)
            assert seg.word_counts(text) == want
    # Only what the last text needed is kept: its words, and the pieces of its ASCII runs.
    assert len(seg._seen) <= 2 * len(expected[-1]) + 5


def test_hypothesis_counts_match_the_sequence(engines: list[Segmenter]) -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    pieces = st.sampled_from(["新质生产力", "发展", "“", "”", "，", "。", "、", " ", "\r\n", "\n",
                              "高质量", "碳达峰", "中和", "www", ".", "gov", "2024", "-", "%",
                              "它", "一", "《", "》", "放管服", "改革", "ABC", "　", "\x00"])

    @hypothesis.settings(max_examples=150)
    @hypothesis.given(st.lists(pieces, max_size=40),
                      st.lists(st.tuples(st.integers(0, 200), st.integers(1, 6)), max_size=6))
    def check(parts: list[str], spans: list[tuple[int, int]]) -> None:
        text = "".join(parts)
        # Protected terms that start and end anywhere: inside tokens, across them.
        protected = [text[s:s + n] for s, n in spans if s + n <= len(text)]
        for seg in engines:
            _check(seg, text)
            _check(seg, text, protected)

    check()


def test_corpus_documents_count_as_their_sequence(engines: list[Segmenter],
                                                  corpus_dir: Path) -> None:
    from xzcli.sources import analysis_text, read_document

    paths = sorted(corpus_dir.rglob("*.txt"))
    for path in paths[::12]:
        text = analysis_text(read_document(str(path)).text)
        for seg in engines[:1] if len(text) > 60_000 else engines:
            _check(seg, text)


def test_add_counts_adds_like_counter_update() -> None:
    a = Counter({"x": 1, "y": 2})
    b = Counter({"y": 3, "z": 4, "w": 0})
    want = Counter(a)
    want.update(b)
    add_counts(a, b)
    assert a == want and list(a) == list(want)
    empty: Counter[str] = Counter()
    add_counts(empty, b)
    assert empty == b and empty is not b
    add_counts(a, a)
    assert a == Counter({k: 2 * v for k, v in want.items()})


def test_term_counts_add_document_and_count_terms_agree(segmenter: Segmenter) -> None:
    text = TEXTS[0] + TEXTS[4] + "的的，了。"
    quoted = find_quoted_terms(text)
    words = segmenter.word_counts(text, quoted)
    by_hand = TermCounts()
    by_hand.add_document(words, 7, segmenter.stopwords, quoted, segmenter.nested_counts(words))
    counted = count_terms(text, segmenter)
    assert by_hand.counts == counted.counts
    assert by_hand.documents == counted.documents
    assert by_hand.nested == counted.nested
    assert by_hand.quoted == counted.quoted
    assert not any(w in segmenter.stopwords or not is_word(w) for w in by_hand.counts)
    merged = TermCounts().merge(counted).merge(count_terms(text, segmenter))
    assert merged.counts == Counter({k: 2 * v for k, v in counted.counts.items()})
    assert set(merged.documents.values()) == {2} and merged.n_documents == 2
