"""Nested terms: the longest established term is the token, and the terms inside it count too."""

from __future__ import annotations

import json

import pytest

from xzcli.keywords import count_terms, keyword_frequencies
from xzcli.kwic import build_queries, find_hits
from xzcli.pipeline import SegmenterSpec, cached_segmenter
from xzcli.segment import Segmenter, lexicon_nesting
from xzcli.sources import Document
from xzcli.usage import count_usage

# Established compounds and an established term inside each (both lexicon entries).
PAIRS = [
    ("污染防治攻坚战", "污染防治"),
    ("铸牢中华民族共同体意识", "中华民族共同体意识"),
    ("产业链供应链", "产业链"),
    ("产业链供应链", "供应链"),
    ("普惠托育服务", "托育服务"),
    ("乡村振兴战略", "乡村振兴"),
    ("碳达峰碳中和", "碳中和"),
    ("碳达峰碳中和", "碳达峰"),
    ("全面建成小康社会", "小康社会"),
    ("国有企业改革", "国有企业"),
    ("社会保障体系", "社会保障"),
    ("生态文明建设", "生态文明"),
    ("创新驱动发展战略", "创新驱动发展"),
    ("科教兴国战略", "科教兴国"),
    ("黄河流域生态保护和高质量发展", "高质量发展"),
    ("国内国际双循环", "双循环"),
    ("高水平对外开放", "对外开放"),
    ("长江经济带发展", "长江经济带"),
    ("土壤污染防治", "污染防治"),
    ("地方政府专项债券", "专项债券"),
]


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def _fixture(compound: str) -> str:
    return f"今年要继续推进{compound}，各地要抓好落实。"


@pytest.mark.parametrize(("compound", "inner"), PAIRS)
def test_the_compound_is_the_token_and_the_inner_term_counts(
    segmenter: Segmenter, compound: str, inner: str
) -> None:
    assert compound in segmenter.lexicon and inner in segmenter.lexicon
    text = _fixture(compound)
    assert compound in segmenter.cut(text)
    counts = count_terms(text, segmenter)
    assert counts.counts[compound] == 1
    assert counts.counts[inner] == 1
    assert counts.nested[inner] == 1


@pytest.mark.parametrize(("compound", "inner"), PAIRS)
def test_kwic_token_finds_the_inner_term_inside_the_compound(
    segmenter: Segmenter, compound: str, inner: str
) -> None:
    text = _fixture(compound)
    hits = find_hits("-", text, build_queries([inner]), segmenter, tokens_only=True)
    assert [(h.match, h.inside) for h in hits] == [(inner, compound)]
    assert hits[0].offset == text.index(inner)


def test_keywords_say_how_much_of_a_count_came_from_inside_longer_terms(
    segmenter: Segmenter,
) -> None:
    text = "打好污染防治攻坚战。加强污染防治。土壤污染防治取得进展。"
    found = {k.term: k for k in keyword_frequencies(count_terms(text, segmenter), segmenter,
                                                    top=None)}
    assert (found["污染防治"].count, found["污染防治"].nested) == (3, 2)
    assert (found["污染防治攻坚战"].count, found["污染防治攻坚战"].nested) == (1, 0)


def test_usage_counts_the_nested_part_apart(segmenter: Segmenter) -> None:
    doc = Document("a.txt", "打好污染防治攻坚战。加强污染防治。", "utf-8")
    usage = count_usage(doc, queries=build_queries(["污染防治"]))
    assert (usage.counts["污染防治"], usage.nested["污染防治"]) == (2, 1)


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_quoted_tokens_hold_the_terms_inside_them(engine: str) -> None:
    # Issue 18: a quoted 民营经济31条 or 一老一小幸福院 is one token; the terms inside still
    # count, with either engine.
    segmenter = cached_segmenter(SegmenterSpec(engine=engine))
    text = "落实“民营经济31条”，建设“一老一小幸福院”，发展民营经济。"
    tokens = segmenter.cut(text)
    assert "民营经济31条" in tokens and "一老一小幸福院" in tokens
    counts = count_terms(text, segmenter)
    assert (counts.counts["民营经济"], counts.nested["民营经济"]) == (2, 1)
    assert (counts.counts["一老一小"], counts.nested["一老一小"]) == (1, 1)
    hits = find_hits("-", text, build_queries(["民营经济", "一老一小"]), segmenter,
                     tokens_only=True)
    assert [(h.match, h.inside) for h in hits] == [
        ("民营经济", "民营经济31条"), ("一老一小", "一老一小幸福院"), ("民营经济", None)]


def test_the_builder_nests_a_term_only_where_it_is_a_word_of_the_compound() -> None:
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon", path)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicon"] = build  # its dataclasses look their module up
    spec.loader.exec_module(build)
    words = ("国民生产总值", "民生", "污染防治攻坚战", "污染防治", "土壤污染防治", "土壤污染")
    rows = build.nestings({w: (2000, "nz") for w in words})
    # 国民生产总值 reads 国民/生产总值: the characters 民生 are no word of it. 土壤污染防治
    # reads 土壤污染/防治 and 土壤/污染防治 alike: both count.
    assert sorted(rows) == [("土壤污染防治", "土壤污染", 0), ("土壤污染防治", "污染防治", 2),
                            ("污染防治攻坚战", "污染防治", 0)]


def test_a_user_dictionary_word_holds_the_lexicon_terms_inside_it(tmp_path) -> None:
    user = tmp_path / "mine.txt"
    user.write_text("新质生产力促进中心 nt\n", encoding="utf-8")
    segmenter = Segmenter(user_dicts=[user])
    assert [t for t, _ in segmenter.inner_terms("新质生产力促进中心")] == ["新质生产力"]


def test_the_nesting_table_names_lexicon_entries_at_their_offsets(segmenter: Segmenter) -> None:
    table = lexicon_nesting()
    assert len(table) > 500
    for compound, inners in table.items():
        assert compound in segmenter.lexicon
        for term, offset in inners:
            assert term in segmenter.lexicon
            assert compound[offset:offset + len(term)] == term


def test_segment_nested_shows_the_inner_terms(xz) -> None:
    result = xz("segment", "-", "--nested", "-f", "json", stdin="打好污染防治攻坚战。".encode())
    assert result.code == 0
    data = json.loads(result.stdout)
    assert data["tokens"] == ["打", "好", "污染防治攻坚战", "。"]
    assert data["nested"] == [{"offset": 2, "token": "污染防治攻坚战",
                               "inner": [{"term": "污染防治", "offset": 2}]}]
    text = xz("segment", "-", "--nested", stdin="打好污染防治攻坚战。".encode())
    assert text.stdout == "打 / 好 / 污染防治攻坚战[污染防治] / 。\n"
