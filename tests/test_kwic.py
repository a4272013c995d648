"""kwic: every place a term stands, with offsets that point exactly into the text as read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from xzcli.errors import DictionaryError, UsageError
from xzcli.kwic import (
    Query,
    build_queries,
    count_occurrences,
    find_hits,
    keyword_in_context,
    parse_aliases,
    sort_hits,
    split_terms,
)
from xzcli.sources import analysis_text, read_document

REPORTS = ("2018.txt", "2024.txt", "2026.txt")
TERMS = ("新质生产力", "高质量发展", "发展", "新区", "改革开放")


def places(text: str, term: str) -> list[int]:
    """Every start where term stands, counted by hand: one step at a time."""
    return [i for i in range(len(text) - len(term) + 1) if text.startswith(term, i)]


# -- the generator ---------------------------------------------------------------------------
def test_keyword_in_context_yields_each_place_with_its_context() -> None:
    text = "高新区和新区，新区。"
    found = list(keyword_in_context(text, "新区", window_width=2))
    assert [(c.left, c.match, c.right) for c in found] == [
        ("高", "新区", "和新"), ("区和", "新区", "，新"), ("区，", "新区", "。")]
    assert all(text[c.start:c.end] == c.match for c in found)


def test_overlapping_places_each_count() -> None:
    # A reader counting by hand finds 新新 twice in 新新新; grep -o would say once.
    assert [c.start for c in keyword_in_context("新新新", "新新")] == [0, 1]
    assert count_occurrences("新新新", Query("新新", "新新")) == 2
    assert count_occurrences("AAA", Query("aa", "aa", ignore_case=True)) == 2
    with pytest.raises(UsageError, match="empty term"):
        build_queries(["新区", ""])


def test_regex_matches_do_not_overlap_and_skip_empty_matches() -> None:
    assert [c.match for c in keyword_in_context("新新新", "新+", regex=True)] == ["新新新"]
    assert list(keyword_in_context("abc", "x*", regex=True)) == []
    with pytest.raises(UsageError, match="not a valid pattern"):
        list(keyword_in_context("abc", "(", regex=True))


def test_fullwidth_letters_match_but_the_match_is_the_text_as_written() -> None:
    text = "推进５Ｇ网络和5G应用"
    found = list(keyword_in_context(text, "5G"))
    assert [c.match for c in found] == ["５Ｇ", "5G"]
    assert [list(keyword_in_context(text, "ai", ignore_case=True))] == [[]]
    assert [c.match for c in keyword_in_context("AI与ai", "ai", ignore_case=True)] == ["AI", "ai"]


# -- hits ------------------------------------------------------------------------------------
def test_whole_token_tells_a_word_from_part_of_a_longer_word(segmenter) -> None:
    hits = find_hits("t", "高新区和新区建设。", [Query("新区", "新区")], segmenter)
    assert [(h.offset, h.whole_token) for h in hits] == [(1, False), (4, True)]
    only = find_hits("t", "高新区和新区建设。", [Query("新区", "新区")], segmenter,
                     tokens_only=True)
    assert [h.offset for h in only] == [4]


# Clause edges, a term inside a longer token, one across two tokens, a quoted term kept whole
# in another clause than its quotes, a term holding a clause break, CRLF line ends.
CLAUSE_TEXT = ("市政府推进市政建设，高新区和新区。\n打好污染防治攻坚战；落实“民营经济31条”。\r\n"
               "民营经济31条落地，新区建设，发展新区\n生产能力提高，产能过剩")
CLAUSE_TERMS = (["新区"], ["市政"], ["污染防治"], ["民营经济"], ["产能"], ["区和"], ["建设"],
                ["新区。"], ["新区", "区和", "污染防治", "。\r\n民营"], ["31条", "民营经济31条"])


def _whole_text_marks(text: str, queries: list[Query], segmenter
                      ) -> list[tuple[int, bool, str | None]]:
    """(offset, whole_token, inside) of every hit, judged on the whole text's tokens: the
    rule find_hits follows, written out the plain way."""
    from xzcli.kwic import find_spans
    from xzcli.offsets import token_starts

    folded = analysis_text(text)
    words = segmenter.words(folded)
    offsets = token_starts(words)
    kept = [(a, w) for a, w in zip(offsets, words, strict=False) if not w.isspace()]
    starts = {a for a, _ in kept}
    ends = {a + len(w) for a, w in kept}
    hosts = {(a, b): host for a, b, _, host in segmenter.inner_spans(words)}
    out = []
    for s, e, _ in find_spans(folded, queries):
        whole = s in starts and e in ends
        host = None if whole else hosts.get((s, e))
        out.append((s, whole or host is not None, host))
    return out


@pytest.mark.parametrize("terms", CLAUSE_TERMS)
def test_cutting_only_the_clauses_with_hits_judges_tokens_as_the_whole_text(
    segmenter, terms: list[str]
) -> None:
    queries = build_queries(terms)
    expected = _whole_text_marks(CLAUSE_TEXT, queries, segmenter)
    hits = find_hits("t", CLAUSE_TEXT, queries, segmenter)
    assert [(h.offset, h.whole_token, h.inside) for h in hits] == expected
    only = find_hits("t", CLAUSE_TEXT, queries, segmenter, tokens_only=True)
    assert [(h.offset, h.whole_token, h.inside) for h in only] == [m for m in expected if m[1]]


def test_clause_edges_and_token_edges_on_a_written_text(segmenter) -> None:
    def marks(term: str, **options: bool) -> list[tuple[int, bool, str | None]]:
        hits = find_hits("t", CLAUSE_TEXT, build_queries([term]), segmenter, **options)
        return [(h.offset, h.whole_token, h.inside) for h in hits]

    # After ， and before 。 (clause edges), inside 高新区 (not a word of it), at a line's end.
    assert marks("新区") == [(11, False, None), (14, True, None), (52, True, None),
                           (59, True, None)]
    assert marks("新区", tokens_only=True) == [(14, True, None), (52, True, None),
                                              (59, True, None)]
    # 区和 takes the end of 新区 and all of 和: across a token boundary, never whole.
    assert marks("区和") == [(12, False, None)]
    assert marks("区和", tokens_only=True) == []
    # Quoted in one clause, kept whole in the next line's clause too.
    assert marks("民营经济") == [(31, True, "民营经济31条"), (42, True, "民营经济31条")]
    assert marks("污染防治", tokens_only=True) == [(20, True, "污染防治攻坚战")]


def test_lines_and_contexts_keep_crlf_and_cr_as_read() -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = f"第一行{newline}第二行有新区{newline}{newline}第四行新区"
        hits = find_hits("t", text, [Query("新区", "新区")], width=6)
        assert [h.line for h in hits] == [2, 4]
        assert all(text[h.offset:h.end] == h.match for h in hits)
        assert hits[1].left == text[hits[1].offset - 6:hits[1].offset]
        assert newline in hits[1].left


def test_section_comes_from_the_structure_module() -> None:
    pytest.importorskip("xzcli.structure")
    text = ("某区发展规划\n\n一、总体要求\n\n坚持把发展新质生产力作为首要任务。\n\n"
            "二、重点任务\n\n加快培育新质生产力，推动产业升级。\n")
    hits = find_hits("t", text, [Query("新质生产力", "新质生产力")])
    assert [h.section for h in hits] == ["总体要求", "重点任务"]


def test_hits_of_several_terms_come_by_position() -> None:
    queries = build_queries(["高质量发展", "新质生产力"])
    text = "发展新质生产力，推动高质量发展，培育新质生产力。"
    hits = find_hits("t", text, queries)
    assert [h.term for h in hits] == ["新质生产力", "高质量发展", "新质生产力"]
    assert [h.offset for h in hits] == sorted(h.offset for h in hits)


def test_sort_by_left_or_right_context() -> None:
    # Characters compare by code point: 丙 < 乙 < 甲.
    text = "甲新区丙。乙新区甲。丙新区乙。"
    hits = find_hits("t", text, [Query("新区", "新区")], width=1)
    assert [h.offset for h in sort_hits(hits, "left")] == [11, 6, 1]
    assert [h.offset for h in sort_hits(hits, "right")] == [1, 11, 6]
    assert sort_hits(hits, "position") == hits
    # The left context is read backwards from the match: the nearest character counts first.
    hits = find_hits("t", "乙甲新区。甲乙新区。", [Query("新区", "新区")], width=2)
    assert [h.left for h in sort_hits(hits, "left")] == ["甲乙", "乙甲"]


# -- terms and aliases -----------------------------------------------------------------------
def test_split_terms_takes_ascii_and_fullwidth_commas() -> None:
    assert split_terms("新质生产力, 高质量发展，营商环境、") == [
        "新质生产力", "高质量发展", "营商环境"]


def test_aliases_file_format() -> None:
    concepts = parse_aliases(
        "# concepts and their aliases\n"
        "新质生产力: 新质生产要素, 新型生产力\n"
        "\n"
        "营商环境：营商环境建设、经营环境\n"
    )
    assert concepts == {
        "新质生产力": ("新质生产力", "新质生产要素", "新型生产力"),
        "营商环境": ("营商环境", "营商环境建设", "经营环境"),
    }
    with pytest.raises(DictionaryError, match="aliases:2"):
        parse_aliases("甲: 乙\n没有冒号的一行\n")
    with pytest.raises(DictionaryError, match="defined twice"):
        parse_aliases("甲: 乙\n甲: 丙\n")


def test_an_alias_hit_reports_its_concept_and_counts_once() -> None:
    concepts = parse_aliases("营商环境: 营商环境建设, 经营环境\n")
    queries = build_queries(["经营环境"], concepts)  # an alias brings its whole concept
    assert {q.term for q in queries} == {"营商环境", "营商环境建设", "经营环境"}
    hits = find_hits("t", "优化营商环境建设和经营环境，营商环境", queries)
    assert [(h.match, h.concept) for h in hits] == [
        ("营商环境建设", "营商环境"), ("经营环境", "营商环境"), ("营商环境", "营商环境")]


# -- the command -----------------------------------------------------------------------------
def test_stdin_when_no_path_and_json_is_deterministic(xz) -> None:
    data = "高新区和新区建设。\n新区发展。\n".encode()
    first = xz("kwic", "新区", "-f", "json", stdin=data)
    second = xz("kwic", "新区", "-f", "json", stdin=data)
    assert first.code == 0 and first.stdout == second.stdout
    result = json.loads(first.stdout)
    assert result["schema"] == "xzcli.kwic/1"
    assert (result["term"], result["count"]) == ("新区", 3)
    hit = result["hits"][0]
    assert set(hit) >= {"source", "offset", "line", "left", "match", "right", "section",
                        "whole_token"}
    assert (hit["source"], hit["offset"], hit["line"], hit["whole_token"]) == ("-", 1, 1, False)
    assert [h["line"] for h in result["hits"]] == [1, 1, 2]


def test_a_term_that_never_occurs_is_an_empty_result_and_a_note(xz, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("推动高质量发展。\n", encoding="utf-8")
    run = xz("kwic", "某词", path, "-f", "json")
    assert run.code == 0
    assert json.loads(run.stdout)["hits"] == []
    assert "no occurrences of 某词 in 1 document(s)" in run.stderr


def test_several_terms_by_e_or_comma_list(xz, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("发展新质生产力，推动高质量发展。", encoding="utf-8")
    by_e = xz("kwic", "-e", "高质量发展", "-e", "新质生产力", path, "-f", "jsonl")
    by_list = xz("kwic", "高质量发展,新质生产力", path, "-f", "jsonl")
    assert by_e.code == by_list.code == 0
    assert by_e.stdout == by_list.stdout
    lines = [json.loads(line) for line in by_e.stdout.splitlines()]
    assert [h["match"] for h in lines] == ["新质生产力", "高质量发展"]


def test_token_option_and_csv(xz, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("高新区和新区建设。", encoding="utf-8")
    run = xz("kwic", "新区", path, "--token", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [(r["offset"], r["whole_token"]) for r in rows] == [("4", "true")]


def test_table_marks_line_ends_but_json_keeps_them(xz, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("上一段。\r\n新区建设\r\n下一段".encode())
    table = xz("kwic", "新区", path)
    assert "上一段。⏎" in table.stdout and "建设⏎下" in table.stdout
    hit = json.loads(xz("kwic", "新区", path, "-f", "json").stdout)["hits"][0]
    assert (hit["left"], hit["right"]) == ("上一段。\r\n", "建设\r\n下一段")


def test_usage_errors(xz, tmp_path: Path) -> None:
    assert xz("kwic").code == 2
    two_terms = xz("kwic", "新质生产力", "高质量发展", tmp_path)
    assert two_terms.code == 2 and "(新质生产力,高质量发展)" in two_terms.stderr
    assert xz("kwic", "新区", tmp_path / "missing.txt").code == 1
    assert xz("kwic", "--regex", "(", "-", stdin=b"x").code == 2
    bad = tmp_path / "aliases.txt"
    bad.write_text("没有冒号\n", encoding="utf-8")
    run = xz("kwic", "新区", "-", "--aliases", bad, stdin=b"x")
    assert run.code == 1 and "expected 'concept: alias" in run.stderr


# -- the shared corpus -----------------------------------------------------------------------
def _reports(corpus_dir: Path) -> list[Path]:
    paths = [corpus_dir / "national-work-reports" / name for name in REPORTS]
    if not all(p.is_file() for p in paths):
        pytest.skip("national work reports not in the shared corpus")
    return paths


def test_hit_counts_and_offsets_on_real_reports(corpus_dir: Path, segmenter) -> None:
    for path in _reports(corpus_dir):
        doc = read_document(str(path))
        folded = analysis_text(doc.text)
        for term in TERMS:
            hits = find_hits(doc.source, doc.text, [Query(term, term)], segmenter)
            assert [h.offset for h in hits] == places(folded, term), (path.name, term)
            assert all(doc.text[h.offset:h.end] == h.match == term for h in hits)
            assert all(h.line == doc.text.count("\n", 0, h.offset) + 1 for h in hits)


@pytest.mark.parametrize("newline,encoding", [("\r\n", "utf-8"), ("\n", "gb18030"),
                                              ("\r\n", "gb18030")])
def test_crlf_and_gb18030_copies_give_the_same_hits(
    xz, corpus_dir: Path, tmp_path: Path, newline: str, encoding: str
) -> None:
    original = _reports(corpus_dir)[1]
    text = read_document(str(original)).text
    copy = tmp_path / "copy.txt"
    copy.write_bytes(text.replace("\n", newline).encode(encoding))
    decoded = copy.read_bytes().decode(encoding)
    base = json.loads(xz("kwic", "高质量发展", original, "-f", "json").stdout)
    run = json.loads(xz("kwic", "高质量发展", copy, "-f", "json").stdout)
    assert run["inputs"][0]["encoding"] == encoding
    assert run["count"] == base["count"] == len(places(text, "高质量发展")) > 0
    for hit, ref in zip(run["hits"], base["hits"], strict=True):
        assert decoded[hit["offset"]:hit["offset"] + len(hit["match"])] == hit["match"]
        assert hit["line"] == ref["line"]
        assert hit["whole_token"] == ref["whole_token"]


def test_a_regex_is_never_split_at_commas(xz) -> None:
    run = xz("kwic", "--regex", "新{2,3}", "-f", "json", stdin="新新新区，新区".encode())
    result = json.loads(run.stdout)
    assert [h["match"] for h in result["hits"]] == ["新新新"]
    assert result["terms"] == [{"term": "新{2,3}", "concept": "新{2,3}", "count": 1}]
