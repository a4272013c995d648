"""The Segmenter: lexicon terms and quoted terms stay whole, user dictionaries, no global state."""

from __future__ import annotations

from pathlib import Path

import pytest

from xzcli.errors import DictionaryError, UsageError
from xzcli.segment import Segmenter, find_quoted_terms, parse_dictionary


def test_policy_terms_plain_jieba_splits_stay_whole(segmenter: Segmenter) -> None:
    text = "加快发展新质生产力，推动高质量发展，优化营商环境，力争实现碳中和。"
    tokens = segmenter.cut(text)
    for term in ("新质生产力", "高质量发展", "营商环境", "碳中和"):
        assert term in tokens, tokens


def test_tag_covers_the_text_exactly_and_tokens_carry_offsets(segmenter: Segmenter) -> None:
    text = "一、总体要求\r\n  坚持“两个确立”，发展ABC产业 2024年。"
    pairs = segmenter.tag(text)
    assert "".join(w for w, _ in pairs) == text
    for token in segmenter.tokens(text):
        assert text[token.start:token.end] == token.text
        assert not token.text.isspace()


def test_quoted_terms_stay_whole_for_the_whole_document(segmenter: Segmenter) -> None:
    text = "全面推广“浙韵千村计划”经验。各地要学习浙韵千村计划，把浙韵千村计划抓实。"
    tokens = segmenter.cut(text)
    assert tokens.count("浙韵千村计划") == 3
    # Without the quotation marks nothing keeps it whole: the rule is per document.
    assert "浙韵千村计划" not in segmenter.cut("各地要学习浙韵千村计划。")


def test_quoted_terms_rules() -> None:
    text = (
        "“新”字当头，“一核一廊多园区”，「十四五」，《中华人民共和国民法典》，"
        "“这是一句话，带标点”"
    )
    assert find_quoted_terms(text) == {"一核一廊多园区", "十四五", "中华人民共和国民法典"}


def test_quoted_slogans_with_a_plus_sign_stay_whole(segmenter: Segmenter) -> None:
    tokens = segmenter.cut("深入实施“互联网＋”行动和“人工智能+”行动，推进互联网＋政务服务。")
    assert tokens.count("互联网＋") == 2 and "人工智能+" in tokens


def test_a_quoted_term_inside_a_longer_word_leaves_the_word_alone(segmenter: Segmenter) -> None:
    tokens = segmenter.cut("“高质量”是要求，高质量发展是主题。")
    assert "高质量发展" in tokens


def test_user_dictionary_adds_words(tmp_path: Path) -> None:
    user = tmp_path / "mine.txt"
    user.write_text("# my terms\n鲲鹏仪器 nz\n苏北首单 50000\n", encoding="utf-8")
    seg = Segmenter(user_dicts=[user])
    tokens = seg.cut("鲲鹏仪器发行了苏北首单科创债。")
    assert "鲲鹏仪器" in tokens and "苏北首单" in tokens
    assert seg.in_lexicon("鲲鹏仪器")
    assert [d.name for d in seg.dictionaries][-3:] == ["mine.txt", "stopwords.txt",
                                                       "tag_fixes.txt"]


@pytest.mark.parametrize(
    ("content", "lineno"),
    [("好词 100 n\n坏 词 abc 9\n", 2), ("好词\n\n坏词 12x\n", 3), ("一 1 n x y\n", 1)],
)
def test_malformed_dictionary_is_refused_with_its_line_number(
    tmp_path: Path, content: str, lineno: int
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=rf"bad.txt:{lineno}:"):
        parse_dictionary(path)


def test_unknown_engine_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        Segmenter(engine="thulac")


def test_segmenters_do_not_touch_jiebas_global_tokenizer(tmp_path: Path) -> None:
    import jieba

    user = tmp_path / "mine.txt"
    user.write_text("鲲鹏仪器 nz\n", encoding="utf-8")
    Segmenter(engine="jieba", user_dicts=[user])
    assert "鲲鹏仪器" not in jieba.dt.FREQ


def test_both_engines_agree_on_a_written_sample(sample_path: Path, segmenter: Segmenter) -> None:
    text = sample_path.read_text(encoding="utf-8")
    reference = Segmenter(engine="jieba")
    assert reference.tag(text) == segmenter.tag(text)


def test_the_isolated_tag_table_is_current(segmenter: Segmenter) -> None:
    """Every jieba word the fast engine cannot tag on its own has its tag in the shipped table
    (rebuild it with scripts/build_isolated_tags.py when the lexicon or jieba changes)."""
    import jieba

    from xzcli.segment import _isolated_tags, _load_rjieba_class

    plain = _load_rjieba_class()()
    table = _isolated_tags()
    missing = []
    with jieba.get_dict_file() as handle:
        for raw in handle:
            word, _, tag = raw.decode("utf-8").split()
            if word in table:
                continue
            if len(plain.cut(word, True)) != 1 or len(segmenter._engine.cut(word)) != 1:
                missing.append(word)
    assert missing == []


# -- a token's own cut ------------------------------------------------------------------------
OWN_CUT_WORDS = ["生产能力", "国有企业", "国民生产总值", "特大城市", "扩大国内需求", "市政协",
                 "资本主义", "饮用水", "化工厂", "专项债券", "中小学生", "跨国企业", "国家教委"]


@pytest.fixture(scope="module")
def jieba_segmenter() -> Segmenter:
    return Segmenter(engine="jieba")


def test_own_cut_is_jiebas_cut_without_the_word(segmenter: Segmenter,
                                                 jieba_segmenter: Segmenter) -> None:
    """A token's own cut is what pure jieba makes of it once the token is taken out of its
    dictionary (no HMM), with both engines."""
    import logging

    import jieba

    from xzcli.data import builtin

    jieba.setLogLevel(logging.WARNING)
    plain = jieba.Tokenizer()
    plain.initialize()
    for entry in parse_dictionary(builtin("policy_terms.txt")):
        plain.add_word(entry.word, entry.freq, entry.tag)

    def cuts(word: str) -> set[int]:
        freq = plain.FREQ.get(word) or 0
        if freq:
            plain.del_word(word)
        pieces = list(plain.cut(word, HMM=False))
        if freq:
            plain.add_word(word, freq)
        found, at = {0}, 0
        for piece in pieces:
            if len(piece) >= 3 and len(pieces) > 1:  # pieces are cut the same way in turn
                found.update(at + k for k in cuts(piece))
            at += len(piece)
            found.add(at)
        return found

    for word in OWN_CUT_WORDS:
        expected = cuts(word)
        assert segmenter.own_cuts(word) == expected, word
        assert jieba_segmenter.own_cuts(word) == expected, word


def test_words_of_a_token(segmenter: Segmenter) -> None:
    # 企业 is a word of 国有企业 (国有|企业), 产能 is none of 生产能力 (生产|能力).
    assert segmenter.is_word_of("国有企业", 2, 4)
    assert not segmenter.is_word_of("生产能力", 1, 3)
    assert not segmenter.is_word_of("国民生产总值", 1, 3)  # 民生
    # Every level: 企业 inside 国有企业 inside 国有企业改革.
    assert 2 in segmenter.own_cuts("国有企业改革") and 4 in segmenter.own_cuts("国有企业改革")
    # A lexicon term nested in a lexicon compound is a word of it (policy_nesting.tsv), and
    # the pieces of an unknown token are too (民营经济 in a quoted 民营经济31条).
    assert segmenter.is_word_of("专项债券", 0, 3)
    assert segmenter.is_word_of("民营经济31条", 0, 4)
    assert segmenter.is_word_of("生产能力", 0, 4)


def test_own_cut_of_a_huge_token(segmenter: Segmenter) -> None:
    # Pieces are never longer than the longest dictionary word: a token of thousands of
    # characters nobody knows is cut into its characters (in linear time).
    word = "龘" * 5000
    assert segmenter.own_cuts(word) == frozenset(range(5001))
