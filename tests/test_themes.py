"""Themes: the lexicon file formats, longest-leftmost matching, scores, and `xzcli themes`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xzcli.errors import DictionaryError
from xzcli.sources import read_document
from xzcli.structure import parse_structure
from xzcli.themes import (
    TermMatcher,
    ThemeSet,
    load_themes,
    parse_themes,
    score_counts,
    score_themes,
    theme_document,
)

SMALL = """
ignore = ["国家安全"]

[themes."产业"]
description = "industry"
[themes."产业".terms]
"新质生产力" = 3
"产业" = 1
"科技创新" = 2
"绿色金融" = 1

[themes."民生"]
description = "livelihood"
terms = ["教育", "医疗", "安全", "养老"]

[themes."绿色"]
terms = { "绿色" = 1, "绿色金融" = 2, "碳中和" = 3 }
"""

CNTEXT_YAML = """\
Name: 测试词典
Desc: 两类主题词
Refer: 自编
Category:
  - 创新
  - 民生
Dictionary:
  创新:
    - 科技创新
    - 新质生产力
  民生:
    - 教育
    - 医疗
"""

FEATURE = """1

图①:科技创新企业车间。
某区 供图

科技创新塑造新格局

本报记者 王小明

新内核 创新驱动

发展新质生产力，推动产业升级，科技创新成果丰硕。

新福祉 以民为本

办好教育，完善医疗和养老服务，守住国家安全底线。
"""


@pytest.fixture
def small() -> ThemeSet:
    return parse_themes(SMALL, source="small.toml")


# -- the file formats -------------------------------------------------------------------------
def test_toml_tables_lists_and_inline_tables(small: ThemeSet) -> None:
    assert small.names == ("产业", "民生", "绿色")
    assert small.themes[0].description == "industry"
    assert small.themes[0].weights["新质生产力"] == 3.0
    assert small.themes[1].weights == {"教育": 1.0, "医疗": 1.0, "安全": 1.0, "养老": 1.0}
    assert small.themes[2].weights["碳中和"] == 3.0
    assert small.ignore == ("国家安全",)
    assert small.shared_terms() == {"绿色金融": ("产业", "绿色")}


def test_cntext_yaml_layout() -> None:
    themes = parse_themes(CNTEXT_YAML, kind="yaml", source="cn.yaml")
    assert themes.names == ("创新", "民生")
    assert themes.themes[0].weights == {"科技创新": 1.0, "新质生产力": 1.0}
    assert themes.themes[0].description == "两类主题词"


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("", "toml", "empty"),
        ("   \n", "toml", "empty"),
        ("[themes.x\nterms = 1", "toml", "not valid TOML"),
        ("title = 'no themes here'", "toml", "no themes"),
        ("[themes.a]\ndescription = 'x'", "toml", "has no terms"),
        ("[themes.a]\nterms = []", "toml", "has no terms"),
        ("[themes.a.terms]\n'词' = -1", "toml", "positive number"),
        ("[themes.a.terms]\n'词' = 'high'", "toml", "positive number"),
        ("[themes.a]\nterms = ['', '词']", "toml", "non-empty text"),
        ("Category: [a]\nDictionary:\n  b: [词]", "yaml", "has no words in Dictionary"),
        ("- just\n- a list", "yaml", "expected a mapping"),
        ("Dictionary: [1, 2]", "yaml", "Dictionary must map"),
        ("Dictionary:\n  a: [词\n", "yaml", "not valid YAML at line"),
    ],
)
def test_malformed_theme_files_raise_one_line(text: str, kind: str, message: str) -> None:
    with pytest.raises(DictionaryError) as exc:
        parse_themes(text, kind=kind, source="bad")
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)
    assert str(exc.value).startswith("bad: ")


def test_builtin_themes_are_rich() -> None:
    themes = load_themes()
    assert themes.names == ("新内核", "新范式", "新福祉", "新气象")
    for theme in themes.themes:
        assert len(theme.terms) >= 350, theme.name
        assert theme.description
        # Single characters would match inside unrelated words.
        assert all(len(term) >= 2 for term, _ in theme.terms)
    assert themes.path == "built-in" and len(themes.sha256) == 64
    # The themes' own names are not terms: the article's headings cannot score themselves.
    all_terms = {t for theme in themes.themes for t, _ in theme.terms}
    assert not {"新内核", "新范式", "新福祉"} & all_terms


# -- matching ---------------------------------------------------------------------------------
def test_longest_leftmost_matching() -> None:
    matcher = TermMatcher(["印度", "印度尼西亚", "城市", "市场", "生产力", "新质生产力"])
    assert matcher.find("印度尼西亚和印度") == [(0, "印度尼西亚"), (6, "印度")]
    # Leftmost wins over longer-but-later: 城市 starts first in 城市场景.
    assert matcher.find("城市场景") == [(0, "城市")]
    assert matcher.find("发展新质生产力") == [(2, "新质生产力")]
    assert matcher.find("") == []


def test_no_term_is_too_long_to_match() -> None:
    long_term = "新" * 600
    matcher = TermMatcher([long_term, "新新"])
    assert matcher.find("旧" + long_term + "旧") == [(1, long_term)]


def test_a_match_never_cuts_a_token() -> None:
    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.themes import token_boundaries

    segmenter = cached_segmenter(SegmenterSpec())
    matcher = TermMatcher(["市政", "城市", "政策", "安全", "营商", "强农"])
    text = "市政协委员谈城市政策，市政，安全生产，私营商业，加强农业"
    bounds = token_boundaries(text, segmenter)
    # 市政 in 市|政协委员, 营商 in 私营|商业, 强农 in 加强|农业 take part of one word and
    # part of the next: no match. 安全 lies whole inside the one token 安全生产: it counts.
    assert matcher.find(text, bounds) == [(6, "城市"), (8, "政策"), (11, "市政"), (14, "安全")]
    # Without boundaries the plain string match cuts them.
    plain = matcher.find(text)
    assert {(0, "市政"), (20, "营商"), (25, "强农")} <= set(plain)
    # A longer term that would cut a token leaves its place to one that does not.
    matcher = TermMatcher(["城市", "城市政"])
    assert matcher.find("城市政策", token_boundaries("城市政策", segmenter)) == [(0, "城市")]


def _whole_text_matches(text: str, matcher: TermMatcher) -> list[tuple[int, str]]:
    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.themes import TokenSpans

    spans = TokenSpans(text, cached_segmenter(SegmenterSpec()))
    return matcher.find(text, spans.boundaries, spans.word_of)


def test_clause_cutting_matches_as_the_whole_text_does() -> None:
    """find_uncut cuts only the clauses holding a match; the matches are those the whole
    text's token boundaries give, at clause edges, line ends (\\r\\n too) and quotes."""
    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.themes import find_uncut, matcher_for

    segmenter = cached_segmenter(SegmenterSpec())
    matcher = matcher_for(load_themes())
    texts = [
        "市政协委员谈城市政策，市政，安全生产。\r\n私营商业\r\r\n加强农业、“互联网+”产业",
        "推进产业发展。资产业务，办好教育！“放管服”改革（深化）：新质生产力\n\n",
        "《民营经济31条》促进民营经济发展壮大；abc+产业123发展",
        "提高生产能力，扩大国内需求，特大城市，国有企业，土壤污染防治。市政协",
        "",
        "，。\n",
        # No break at all; a match at the very start and end; breaks in a row.
        "产业",
        "教育产业",
        "产业，，，。。教育\n\n\n产业",
        # \r\n is no break (the clause goes on), \r alone and \r\r\n end in a break.
        "产业\r\n教育\r产业\r\r\n医疗\n\r\n养老",
        # Characters beyond the BMP count as one character each, as the offsets do.
        "𠀀产业发展，教育𠀀𠀁；𪚥市政协委员",
        # Quoted terms are kept whole in every clause they stand in.
        "“新质生产力”是发展新质生产力的关键，新质生产力。",
    ]
    for text in texts:
        assert find_uncut(text, matcher, segmenter) == _whole_text_matches(text, matcher)
    # A term holding a clause break could span two clauses: the whole text is cut then.
    spanning = TermMatcher(["市政，安全生产", "城市", "市政"])
    text = texts[0]
    assert spanning.holds_breaks
    assert find_uncut(text, spanning, segmenter) == _whole_text_matches(text, spanning)
    assert (11, "市政，安全生产") in find_uncut(text, spanning, segmenter)


def test_clause_cutting_on_the_corpus(corpus_dir: Path) -> None:
    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.sources import analysis_text
    from xzcli.themes import find_uncut, matcher_for

    segmenter = cached_segmenter(SegmenterSpec())
    matcher = matcher_for(load_themes())
    for path in sorted(corpus_dir.glob("*/*.txt"))[::4]:
        text = analysis_text(read_document(str(path)).text)
        assert find_uncut(text, matcher, segmenter) == _whole_text_matches(text, matcher), path


def test_theme_terms_that_cut_words_do_not_count(small: ThemeSet) -> None:
    result = theme_document("推进产业发展。资产业务，办好教育。", small)
    # 产业 in 资产|业务 is no industry; the first 产业 and 教育 are words of their own.
    assert result.counts() == {"产业": 1, "教育": 1}


def test_a_term_inside_a_longer_token_counts_only_as_a_word_of_it() -> None:
    themes = parse_themes("""
[themes."A".terms]
"产能" = 1
"企业" = 1
"专项债" = 1
"大城市" = 1
"民营经济" = 1
""")
    text = ("提高生产能力，化解过剩产能。深化国有企业改革。发行专项债券。"
            "建设特大城市和大城市。支持“民营经济31条”落地。")
    counted = theme_document(text, themes).counts()
    # 产能 in 生产能力 (生产|能力) and 大城市 in 特大城市 (特大|城市) are no words of those
    # tokens; 产能 and 大城市 standing alone are. 企业 is a word of 国有企业 at every level,
    # 专项债 a lexicon term nested in 专项债券, 民营经济 a piece of the quoted 民营经济31条.
    assert counted == {"产能": 1, "企业": 1, "专项债": 1, "大城市": 1, "民营经济": 1}


# -- the shared corpus ------------------------------------------------------------------------
def test_article_sections_score_their_own_theme(article_path: Path) -> None:
    themes = load_themes()
    doc = read_document(str(article_path))
    result = theme_document(doc.text, themes)
    seen = 0
    for position, section in enumerate(result.sections):
        if section.heading is None:
            continue
        expected = section.heading.split()[0]
        assert score_counts(result.section_counts(position), themes).top_theme == expected
        seen += 1
    assert seen == 4
    # Captions (图①…科技创新…) and the title are outside the body and not scored.
    structure = parse_structure(doc.text)
    caption_text = "".join(c.text for c in structure.captions)
    assert "科技创新" in caption_text and result.outside_body > 0


SUBJECTS = {
    "新内核": ("产业", "科技", "制造", "数字", "企业", "开放", "金融", "营商"),
    "新范式": ("城镇", "乡村", "农村", "农业", "区域", "交通", "基础设施", "国土"),
    "新福祉": ("教育", "医疗", "卫生", "健康", "就业", "养老", "社会保障", "收入", "住房"),
}
OTHER = ("文化", "文明", "生态", "环境", "绿色", "党", "政治", "民主", "法治", "国防", "外交")


def test_real_plan_paragraphs_score_their_subject(corpus_dir: Path) -> None:
    """Paragraphs under headings on one subject, in plans the lexicon was not built from."""
    themes = load_themes()
    right = total = 0
    for name in ("2016-十三五规划纲要.txt", "2021-十四五规划纲要.txt", "2026-十五五规划纲要.txt"):
        doc = read_document(str(corpus_dir / "five-year-plans" / name))
        result = theme_document(doc.text, themes)
        for section in result.sections:
            heading = section.heading or ""
            labels = {t for t, words in SUBJECTS.items() if any(w in heading for w in words)}
            if len(labels) != 1 or any(w in heading for w in OTHER):
                continue
            label = labels.pop()
            for i in section.paragraphs:
                para = result.paragraphs[i]
                if len(para.text) < 60:
                    continue
                total += 1
                right += score_counts(dict(para.counts), themes).top_theme == label
    assert total >= 150
    assert right / total >= 0.8, f"{right}/{total}"


def test_work_report_task_sections(corpus_dir: Path) -> None:
    themes = load_themes()
    doc = read_document(str(corpus_dir / "national-work-reports" / "2024.txt"))
    result = theme_document(doc.text, themes)
    tops = {s.number: score_counts(result.section_counts(i), themes).top_theme
            for i, s in enumerate(result.sections) if s.number and s.number.startswith("（")}
    assert tops["（一）"] == "新内核"  # 现代化产业体系, 新质生产力
    assert tops["（四）"] == "新内核"  # 深化改革
    assert tops["（七）"] == "新范式"  # 三农, 乡村振兴
    assert tops["（八）"] == "新范式"  # 城乡融合, 区域协调
    assert tops["（九）"] == "新气象"  # 生态文明, 绿色低碳
    assert tops["（十）"] == "新福祉"  # 民生, 社会治理


def test_score_themes_convenience() -> None:
    scores = score_themes("加快发展新质生产力，推进科技创新和产业升级。")
    assert scores.top_theme == "新内核"


# -- the command ------------------------------------------------------------------------------
@pytest.fixture
def feature_file(tmp_path: Path) -> Path:
    path = tmp_path / "feature.txt"
    path.write_text(FEATURE, encoding="utf-8")
    return path


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_themes_json_document(xz, feature_file: Path, small_file: Path) -> None:
    run = xz("themes", feature_file, "--themes", small_file, "-f", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "xzcli.themes/1"
    assert data["dictionaries"][0]["name"] == "small.toml"
    assert [t["theme"] for t in data["themes"]][0] == "产业"
    industry = data["themes"][0]
    assert {"term": "科技创新", "count": 1, "weight": 2.0} in industry["terms"]
    assert industry["score"] == 3 + 1 + 2  # 新质生产力 + 产业 + 科技创新
    assert data["top_theme"] == "产业"


def test_themes_by_section_and_paragraph(xz, feature_file: Path, small_file: Path) -> None:
    run = xz("themes", feature_file, "--themes", small_file, "--by", "section", "-f", "json")
    data = json.loads(run.stdout)
    assert [(s["heading"], s["top_theme"]) for s in data["sections"]] == [
        ("新内核 创新驱动", "产业"), ("新福祉 以民为本", "民生")]
    assert data["sections"][0]["scores"] == {"产业": 6.0, "民生": 0.0, "绿色": 0.0}
    run = xz("themes", feature_file, "--themes", small_file, "--by", "paragraph", "-f", "json")
    paras = json.loads(run.stdout)["paragraphs"]
    assert [p["section"] for p in paras] == ["新内核 创新驱动", "新福祉 以民为本"]
    assert paras[1]["top_theme"] == "民生"
    assert FEATURE[paras[1]["offset"]:paras[1]["offset"] + len(paras[1]["text"])] \
        == paras[1]["text"]


def test_themes_several_files(xz, feature_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("推进新型城镇化和乡村振兴，建设高标准农田。\n", encoding="utf-8")
    run = xz("themes", feature_file, other, "-f", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [d["source"] for d in data["documents"]] == [str(feature_file), str(other)]
    assert data["documents"][1]["top_theme"] == "新范式"
    assert {t["theme"] for t in data["themes"]} == {"新内核", "新范式", "新福祉", "新气象"}
    table = xz("themes", feature_file, other)
    assert "2 documents" in table.stdout
    assert "feature.txt" in table.stdout and "other.txt" in table.stdout


def test_themes_table_and_csv(xz, feature_file: Path) -> None:
    table = xz("themes", feature_file, "--by", "section")
    assert table.code == 0
    assert "新内核 创新驱动" in table.stdout and "█" in table.stdout
    csv = xz("themes", feature_file, "-f", "csv")
    assert csv.stdout.splitlines()[0] == "source,theme,score,share,per_1k,terms"


def test_themes_cntext_yaml_file(xz, feature_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "cn.yaml"
    path.write_text(CNTEXT_YAML, encoding="utf-8")
    run = xz("themes", feature_file, "--themes", path, "-f", "json")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["top_theme"] == "创新"


@pytest.mark.parametrize("content", ["[themes.a\nbroken", "", "[themes.a]\nterms = []\n"])
def test_bad_theme_file_exits_1_with_one_line(xz, feature_file: Path, tmp_path: Path,
                                              content: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    run = xz("themes", feature_file, "--themes", path)
    assert run.code == 1
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert "bad.toml" in run.stderr and "Traceback" not in run.stderr


def test_missing_theme_file(xz, feature_file: Path, tmp_path: Path) -> None:
    run = xz("themes", feature_file, "--themes", tmp_path / "nope.toml")
    assert run.code in (1, 2)
    assert "nope.toml" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("by", ["document", "paragraph"])
def test_folder_json_written_by_the_workers_is_the_held_result(xz, tmp_path: Path,
                                                               by: str) -> None:
    """--format json spools each document's text from the workers to disk; the bytes are
    those of the result held in memory (api.themes without spool), on stdout and -o."""
    from xzcli import api

    folder = tmp_path / "docs"
    folder.mkdir()
    for i, text in enumerate(["推进产业发展。办好教育。", "完善医疗和养老服务。", "无主题。"]):
        (folder / f"{2020 + i}.txt").write_text(text * (i + 1), encoding="utf-8")
    held = api.themes([str(folder)], by=by).to_json()
    run = xz("themes", folder, "--by", by, "-f", "json", "--quiet")
    assert run.code == 0, run.stderr
    assert run.stdout == held
    out = tmp_path / "out.json"
    assert xz("themes", folder, "--by", by, "-f", "json", "-o", out).code == 0
    assert out.read_text(encoding="utf-8") == held
    one = xz("themes", folder / "2020.txt", "-f", "json", "--quiet")
    assert one.stdout == api.themes([str(folder / "2020.txt")]).to_json()


# -- the analysis: analyse / merge / payload ----------------------------------------------------
def test_analyse_merge_payload_give_what_api_themes_gives(tmp_path: Path) -> None:
    """The module's contract, run by hand over two documents, gives the payload the API does;
    merging a group keeps its totals alone."""
    from collections import Counter

    from xzcli import api
    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.sources import Document
    from xzcli.themes import SCHEMA, ThemesOptions, ThemeTotals, analyse, merge, payload

    assert api.SCHEMAS["themes"] == SCHEMA
    segmenter = cached_segmenter(SegmenterSpec())
    docs = [Document("a.txt", "推进产业发展。办好教育。\n", None),
            Document("b.txt", "完善医疗和养老服务。科技创新。\n", None)]
    options = ThemesOptions(load_themes(), by="paragraph")
    total = ThemeTotals(entries=[])
    for doc in docs:
        total = merge(total, analyse(doc, segmenter, options=options))
    assert total.documents == 2 and total.some_top
    assert payload(total, options) == api.themes(docs, by="paragraph").payload
    group = merge(merge(ThemeTotals(), analyse(docs[0], segmenter, options=options)),
                  analyse(docs[1], segmenter, options=options))
    assert group.entries is None and group.counts == total.counts
    assert group.chars == sum(len(d.text) for d in docs)
    assert isinstance(group.counts, Counter)


def test_theme_set_hash_is_its_own_in_every_process() -> None:
    """A theme set is hashed once, and its pickle leaves the hash out (a string hashes
    differently in another process): the copy hashes and compares equal."""
    import pickle

    themes = load_themes()
    first = hash(themes)
    assert hash(themes) == first and "_hash" in vars(themes)
    copy = pickle.loads(pickle.dumps(themes))
    assert "_hash" not in vars(copy)
    assert copy == themes and hash(copy) == first
