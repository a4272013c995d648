"""Document structure: front matter, headings, sections, paragraphs, sentences, offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xzcli.sources import analysis_text, read_document
from xzcli.structure import Span, parse_structure, sentence_spans, split_sentences

FEATURE = """

1

2

图①:工人在车间赶制订单。
图②:园区一角。
高新区 供图

乘势而上，塑造新格局

某某区“十四五”向新行

本报记者 王小明

“新”，充满希望与力量。它意味着告别旧轨，开辟新途。

五年来，新质生产力在此涌动。

新内核 创新驱动深层变革

发展的竞争，本质是动能的竞争。园区向创新要动力，向改革要活力。

营商环境持续优化，企业办事“最多跑一次”。

新福祉 以民为本实干争先

新建实验学校，改扩建卫生院，让群众在家门口看病。

园区鸟瞰。
"""

REPORT = """政府工作报告
——2030年3月5日在某某会议上

国务院总理　张三

各位代表：

现在，我代表国务院，向大会报告政府工作。
一、过去一年工作回顾
过去一年，经济运行总体平稳。
二、今年政府工作任务
（一）加快建设现代化产业体系。全力推进新型工业化，培育新兴产业。
推动传统产业升级。加快数字化转型。
（二）办好人民满意的教育
建设高质量教育体系，推进义务教育优质均衡。
（1）学前教育毛入园率达到95%，比上年提高2个百分点。
"""

PLAN = """第一篇　总体要求

本篇阐明规划的指导思想。

第一章　发展环境

发展基础更加坚实。

第一节　主要成就

经济实力跃上新台阶。

第二节　面临形势

外部环境更趋复杂。

第二章　主要目标

到2035年基本实现现代化。
"""


def check_spans(text: str, structure) -> None:
    """Every span, paragraph and sentence points at exactly its text in the analysis text."""
    base = analysis_text(text)
    singles = [structure.title, structure.subtitle, structure.byline]
    for span in [s for s in singles if s] + [*structure.captions, *structure.debris,
                                              *structure.front]:
        assert base[span.start:span.end] == span.text
    for section in structure.sections:
        if section.heading is not None:
            assert base[section.offset:section.offset + len(section.heading)] == section.heading
        for para in section.paragraphs:
            assert base[para.start:para.end] == para.text
            assert section.start <= para.start < para.end <= section.end
            for sentence in para.sentences:
                assert base[sentence.start:sentence.end] == sentence.text


def test_feature_front_matter_and_sections() -> None:
    s = parse_structure(FEATURE)
    assert s.title is not None and s.title.text == "乘势而上，塑造新格局"
    assert s.subtitle is not None and s.subtitle.text == "某某区“十四五”向新行"
    assert s.byline is not None and s.byline.text == "本报记者 王小明"
    assert [d.text for d in s.debris] == ["1", "2"]
    assert [c.text for c in s.captions] == ["图①:工人在车间赶制订单。", "图②:园区一角。",
                                            "高新区 供图", "园区鸟瞰。"]
    assert [sec.heading for sec in s.sections] == [None, "新内核 创新驱动深层变革",
                                                   "新福祉 以民为本实干争先"]
    assert [sec.level for sec in s.sections] == [0, 1, 1]
    assert [len(sec.paragraphs) for sec in s.sections] == [2, 2, 1]
    body = " ".join(p.text for p in s.paragraphs)
    for part in ("本报记者", "供图", "图①", "鸟瞰", "乘势而上"):
        assert part not in body
    assert [p.index for p in s.paragraphs] == [1, 2, 3, 4, 5]
    check_spans(FEATURE, s)


def test_report_numbered_headings_and_heading_on_same_line() -> None:
    s = parse_structure(REPORT)
    assert s.title is not None and s.title.text == "政府工作报告"
    assert s.subtitle is not None and s.subtitle.text.startswith("——2030年")
    assert s.byline is not None and s.byline.text == "国务院总理　张三"
    headings = [(sec.number, sec.heading, sec.level) for sec in s.sections]
    assert headings == [
        (None, None, 0),
        ("一、", "过去一年工作回顾", 1),
        ("二、", "今年政府工作任务", 1),
        ("（一）", "加快建设现代化产业体系", 2),
        ("（二）", "办好人民满意的教育", 2),
    ]
    industry = s.sections[3]
    assert industry.path == ("今年政府工作任务", "加快建设现代化产业体系")
    # The text after the heading's full stop is a paragraph of its own section.
    assert industry.paragraphs[0].text == "全力推进新型工业化，培育新兴产业。"
    # A numbered one-sentence list item with a comma stays a paragraph, not a heading.
    assert s.sections[4].paragraphs[-1].text.startswith("（1）学前教育")
    assert s.sections[0].paragraphs[0].text == "各位代表："
    check_spans(REPORT, s)


def test_plan_levels_and_paths() -> None:
    s = parse_structure(PLAN)
    got = [(sec.number, sec.level, sec.path[-1] if sec.path else None) for sec in s.sections]
    assert got == [("第一篇", 1, "总体要求"), ("第一章", 2, "发展环境"), ("第一节", 3, "主要成就"),
                   ("第二节", 3, "面临形势"), ("第二章", 2, "主要目标")]
    assert s.sections[3].path == ("总体要求", "发展环境", "面临形势")
    assert s.sections[4].path == ("总体要求", "主要目标")
    check_spans(PLAN, s)


def test_section_at_maps_offsets_to_sections() -> None:
    s = parse_structure(FEATURE)
    base = analysis_text(FEATURE)
    assert s.section_at(base.index("营商环境")).heading == "新内核 创新驱动深层变革"
    assert s.section_at(base.index("新建实验学校")).heading == "新福祉 以民为本实干争先"
    assert s.section_at(base.index("五年来")).heading is None
    assert s.section_at(base.index("乘势而上")) is None  # the title is no section's text


def test_long_lines_with_sentence_punctuation_are_never_headings() -> None:
    text = ("坚持创新驱动发展。\n\n推动高质量发展，加快建设现代化经济体系，着力提升发展质量和效益，"
            "不断增强经济实力。\n\n教育强国\n\n办好人民满意的教育，建设高质量教育体系。\n")
    s = parse_structure(text)
    assert [sec.heading for sec in s.sections] == [None, "教育强国"]
    assert len(s.sections[0].paragraphs) == 2


def test_lines_broken_mid_sentence_are_glued() -> None:
    # Links stripped from a web page leave short fragments on lines of their own.
    text = ("五年来，我们坚持稳中求进工作总基调，统筹发展和安全，依照\n宪法\n和\n基本法\n"
            "有效实施管治权，制定实施\n国家安全法\n，落实各项原则。\n\n下一段落在这里结束。\n")
    s = parse_structure(text)
    assert [sec.heading for sec in s.sections] == [None]
    paras = s.paragraphs
    assert len(paras) == 2
    assert paras[0].text.endswith("落实各项原则。") and paras[0].text.startswith("五年来")


def test_hard_wrapped_text_is_rejoined() -> None:
    line = "这是一行按固定宽度折行的扫描文本内容，继续写到行尾"
    assert len(line) == 25
    para = "\n".join([line] * 3 + ["结束。"])
    text = "\n\n".join([para] * 8) + "\n"
    s = parse_structure(text)
    assert len(s.paragraphs) == 8
    assert all(p.text.endswith("结束。") for p in s.paragraphs)


def test_no_headings_gives_one_lead_section() -> None:
    s = parse_structure("第一句。第二句！\n\n第三句？")
    assert len(s.sections) == 1 and s.sections[0].heading is None
    assert s.title is None


def test_crlf_offsets_point_into_the_text_as_read() -> None:
    text = FEATURE.replace("\n", "\r\n")
    s = parse_structure(text)
    assert [sec.heading for sec in s.sections][1:] == ["新内核 创新驱动深层变革",
                                                       "新福祉 以民为本实干争先"]
    for para in s.paragraphs:
        assert text[para.start:para.end] == para.text
    check_spans(text, s)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：“好。”我们走吧！真的？", ["他说：“好。”", "我们走吧！", "真的？"]),
        ("一是稳增长；二是保就业……三是没有句号", ["一是稳增长；", "二是保就业……", "三是没有句号"]),
        ("  前有空格。  后有空格。 ", ["前有空格。", "后有空格。"]),
        ("（见附表。）下一句。", ["（见附表。）", "下一句。"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected
    for span in split_sentences(text, start=100):
        assert text[span.start - 100:span.end - 100] == span.text


def test_split_sentences_offsets_shift() -> None:
    assert split_sentences("好。", start=7) == [Span("好。", 7, 9)]


def _stripped_pieces(text: str) -> list[tuple[int, int]]:
    """The sentences as first written: each piece up to a stop (and its closers), or the
    rest of the text, stripped of whitespace; whitespace-only pieces left out."""
    import re

    first = r"[^。！？；…!?;]*(?:[。！？；!?;]+|…+)[”’」』）)》\"']*|[^。！？；…!?;]+$"
    pieces = re.finditer(first, text)
    return [(m.start() + len(m.group()) - len(m.group().lstrip()),
             m.end() - len(m.group()) + len(m.group().rstrip()))
            for m in pieces if m.group().strip()]


@pytest.mark.parametrize("text", [
    "", " \n\u3000", "好。", "  前有空格。  后有空格。 ", "尾巴没有句号 \n",
    "。\u3000\n下一句？！”后", "……开头就是省略号", "a!b?c;d", "行一\n行二。\n\n",
    "\x1c句。\x85", "“引号。” 后面",
])
def test_sentence_spans_are_the_stripped_pieces(text: str) -> None:
    assert sentence_spans(text) == _stripped_pieces(text)
    assert [(s.start, s.end) for s in split_sentences(text)] == _stripped_pieces(text)
    # A stretch of a longer text: offsets into the whole text, and the stretch ends the last.
    padded = "前文。" + text + "后文"
    assert sentence_spans(padded, 3, 3 + len(text)) == [(s + 3, e + 3)
                                                         for s, e in _stripped_pieces(text)]


# -- the shared corpus ------------------------------------------------------------------------
def test_article_structure(article_path: Path) -> None:
    doc = read_document(str(article_path))
    s = parse_structure(doc.text)
    assert s.title is not None and "新格局" in s.title.text
    assert s.subtitle is not None and "向新行" in s.subtitle.text
    assert s.byline is not None and s.byline.text.startswith("本报记者")
    assert [d.text for d in s.debris] == ["1", "2", "3"]
    assert len(s.captions) == 5
    assert any(c.text.endswith("供图") for c in s.captions)
    headings = [sec.heading.split()[0] for sec in s.sections if sec.heading]
    assert headings == ["新内核", "新范式", "新福祉", "新气象"]
    assert s.sections[0].heading is None and len(s.sections[0].paragraphs) == 3
    check_spans(doc.text, s)


@pytest.mark.parametrize(
    ("relative", "first_headings"),
    [
        ("national-work-reports/2024.txt",
         ["2023年工作回顾", "2024年经济社会发展总体要求和政策取向"]),
        ("five-year-plans/2021-十四五规划纲要.txt", ["开启全面建设社会主义现代化国家新征程",
                                                "发展环境", "决胜全面建成小康社会取得决定性成就"]),
    ],
)
def test_corpus_headings(corpus_dir: Path, relative: str, first_headings: list[str]) -> None:
    doc = read_document(str(corpus_dir / relative))
    s = parse_structure(doc.text)
    assert [sec.heading for sec in s.sections if sec.heading][:len(first_headings)] \
        == first_headings
    check_spans(doc.text, s)


def test_plan_levels_on_corpus(corpus_dir: Path) -> None:
    doc = read_document(str(corpus_dir / "five-year-plans" / "2021-十四五规划纲要.txt"))
    s = parse_structure(doc.text)
    by_number = {sec.number[-1]: sec.level for sec in s.sections if sec.number}
    assert by_number["篇"] == 1 and by_number["章"] == 2 and by_number["节"] == 3
    # No heading is a paragraph in disguise.
    assert all(len(sec.heading) <= 40 for sec in s.sections if sec.heading)


def test_whole_corpus_parses_with_valid_offsets(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*/*.txt")):
        doc = read_document(str(path))
        s = parse_structure(doc.text)
        assert s.paragraphs, path.name
        check_spans(doc.text, s)


# -- the command ------------------------------------------------------------------------------
def test_sections_command_json(xz, tmp_path: Path) -> None:
    path = tmp_path / "feature.txt"
    path.write_text(FEATURE, encoding="utf-8")
    run = xz("sections", path, "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "xzcli.sections/1"
    assert data["title"]["text"] == "乘势而上，塑造新格局"
    assert data["byline"]["text"] == "本报记者 王小明"
    assert len(data["captions"]) == 4
    assert [s["heading"] for s in data["sections"]] == [None, "新内核 创新驱动深层变革",
                                                        "新福祉 以民为本实干争先"]
    para = data["sections"][1]["paragraphs"][0]
    assert FEATURE[para["offset"]:para["offset"] + len(para["text"])] == para["text"]


def test_sections_command_several_inputs_and_table(xz, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(FEATURE, encoding="utf-8")
    b.write_text(REPORT, encoding="utf-8")
    run = xz("sections", a, b, "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [d["source"] for d in data["documents"]] == [str(a), str(b)]
    assert data["documents"][1]["sections"][3]["heading"] == "加快建设现代化产业体系"
    table = xz("sections", b)
    assert table.code == 0
    assert "加快建设现代化产业体系" in table.stdout


def test_sections_command_missing_file(xz, tmp_path: Path) -> None:
    run = xz("sections", tmp_path / "nope.txt")
    assert run.code == 1
    assert "no such file" in run.stderr and "Traceback" not in run.stderr


def test_markdown_headings_keep_their_numbers_apart() -> None:
    text = ("# 某市报告\n\n## 一、工作回顾\n\n经济平稳增长。\n\n### （一）产业升级。全力推进。\n\n"
            "1.5亿元投向技术改造。\n")
    s = parse_structure(text)
    got = [(sec.level, sec.number, sec.heading) for sec in s.sections]
    assert got == [(1, "#", "某市报告"), (2, "## 一、", "工作回顾"), (3, "### （一）", "产业升级")]
    # 1.5亿元 is a number, not a heading numbered 1.
    assert [p.text for p in s.sections[2].paragraphs] == ["全力推进。", "1.5亿元投向技术改造。"]
    check_spans(text, s)
