"""PDF, Word and HTML inputs: the same text and keywords as the plain text, debris removed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import make_docs
import pytest

from xzcli.errors import InputError
from xzcli.readers.pdf import clean_pages
from xzcli.sources import ReadOptions, read_document

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")
pytest.importorskip("docx")
pytest.importorskip("trafilatura")

PLAIN = make_docs.plain_text()
# The plain text one line per paragraph, as the readers write it.
LINES = PLAIN.replace("\n\n", "\n")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "plain.txt").write_text(PLAIN, encoding="utf-8")
    make_docs.make_pdf(folder / "doc.pdf")
    make_docs.make_docx(folder / "doc.docx")
    (folder / "page.html").write_text(make_docs.gov_page(), encoding="utf-8")
    return {"txt": folder / "plain.txt", "pdf": folder / "doc.pdf",
            "docx": folder / "doc.docx", "html": folder / "page.html"}


def _keywords(xz, path: Path) -> list[tuple[str, int]]:
    run = xz("keywords", "-n", "0", "-f", "json", path)
    assert run.code == 0, run.stderr
    return [(k["term"], k["count"]) for k in json.loads(run.stdout)["keywords"]]


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_each_format_gives_the_keywords_of_the_plain_text(xz, docs, kind: str) -> None:
    assert _keywords(xz, docs[kind]) == _keywords(xz, docs["txt"])


def test_pdf_text_comes_out_without_headers_page_numbers_or_wraps(docs) -> None:
    doc = read_document(str(docs["pdf"]))
    assert doc.format == "pdf" and doc.encoding is None
    assert doc.text == LINES
    assert make_docs.HEADER not in doc.text and "—" not in doc.text


def test_docx_headings_from_word_styles_are_headings_sections_sees(xz, tmp_path) -> None:
    # 附则 has no number: only its Word style says it is a heading.
    blocks = [*make_docs.BLOCKS, ("h1", "附则"), ("p", "本意见由市发展改革委负责解释。")]
    path = make_docs.make_docx(tmp_path / "styled.docx", blocks=blocks)
    run = xz("sections", "-f", "json", path)
    assert run.code == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["title"]["text"] == make_docs.TITLE
    got = [(s["level"], s["heading"]) for s in result["sections"] if s["heading"]]
    assert got == [
        (1, "总体要求"), (1, "重点任务"), (2, "加快科技创新平台建设"),
        (2, "推进数字经济和实体经济深度融合"), (2, "持续优化营商环境"), (1, "保障措施"),
        (1, "附则"),
    ]


def test_government_page_yields_only_the_body_text(docs) -> None:
    text = read_document(str(docs["html"])).text
    body = [ln.lstrip("# ") for ln in text.splitlines()]
    assert body == LINES.splitlines()
    for debris in ("首页", "当前位置", "政务公开", "发布时间", "分享到", "微信", "打印本页",
                   "关闭窗口", "相关文件", "网站地图", "ICP", "主办单位", "无障碍", "搜索"):
        assert debris not in text, debris


def test_an_older_table_layout_yields_only_the_body_text(tmp_path) -> None:
    path = tmp_path / "old.htm"
    path.write_text(make_docs.table_layout_page(), encoding="utf-8")
    assert read_document(str(path)).text == LINES


def test_portal_furniture_lines_and_body_lines_are_told_apart() -> None:
    from xzcli.readers.html import is_furniture

    for line in ("您现在的位置：首页 >> 通知公告", "【打印本页】【关闭窗口】", "分享到：微信 微博",
                 "首页 | 信息公开 | 办事服务 | 公众互动", "浙ICP备12345678号",
                 "日期：2024-03-15 来源：市政府办公室 【字体：大 中 小】"):
        assert is_furniture(line), line
    for line in ("主办单位：滨江市人民政府", "联系我们：请拨打12345热线。", "一、总体要求",
                 "发布时间为2024年3月。", "甲 | 乙"):
        assert not is_furniture(line), line


def test_offsets_point_into_the_text_extract_prints(xz, docs) -> None:
    extracted = xz("extract", docs["pdf"])
    assert extracted.code == 0 and extracted.stdout == LINES
    run = xz("kwic", "营商环境", docs["pdf"], "-f", "json")
    hits = json.loads(run.stdout)["hits"]
    assert len(hits) == 3
    for hit in hits:
        assert extracted.stdout[hit["offset"]:hit["offset"] + 4] == "营商环境"


def test_envelope_says_the_format_of_each_input(xz, docs) -> None:
    run = xz("keywords", "-f", "json", docs["pdf"], docs["html"])
    inputs = json.loads(run.stdout)["inputs"]
    assert [(i["format"], i["encoding"]) for i in inputs] == [("pdf", None), ("html", "utf-8")]


def test_stdin_and_unknown_names_are_read_by_their_first_bytes(xz, docs, tmp_path) -> None:
    run = xz("extract", "-", stdin=docs["pdf"].read_bytes())
    assert run.code == 0 and run.stdout == LINES
    nameless = tmp_path / "download"
    nameless.write_bytes(docs["docx"].read_bytes())
    assert xz("extract", nameless).stdout.startswith(make_docs.TITLE)
    forced = tmp_path / "page.txt"
    forced.write_text(make_docs.gov_page(), encoding="utf-8")
    assert "网站地图" not in xz("extract", "--input-format", "html", forced).stdout


# -- bad files ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory, docs) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    data = docs["pdf"].read_bytes()
    (folder / "a-truncated.pdf").write_bytes(data[: len(data) // 2])
    make_docs.make_pdf(folder / "b-encrypted.pdf", password="secret")
    with zipfile.ZipFile(folder / "c-not-word.docx", "w") as archive:
        archive.writestr("notes.txt", "不是Word文档")
    make_docs.make_scanned_pdf(folder / "d-scanned.pdf")
    (folder / "e-good.txt").write_text(PLAIN, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("name", "says"), [
    ("a-truncated.pdf", "not a readable PDF"),
    ("b-encrypted.pdf", "encrypted"),
    ("c-not-word.docx", "not a Word .docx"),
    ("d-scanned.pdf", "no text layer"),
])
def test_a_bad_file_is_one_line_and_exit_1(xz, bad, name: str, says: str) -> None:
    run = xz("keywords", bad / name)
    assert run.code == 1
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and says in run.stderr
    assert "Traceback" not in run.stderr


def test_the_rest_of_a_folder_still_runs(xz, bad, docs) -> None:
    run = xz("keywords", "-n", "0", "-f", "json", bad)
    assert run.code == 1
    assert len(run.stderr.strip().splitlines()) == 4
    result = json.loads(run.stdout)
    assert [Path(i["source"]).name for i in result["inputs"]] == ["e-good.txt"]
    assert [(k["term"], k["count"]) for k in result["keywords"]] == _keywords(xz, docs["txt"])


def test_a_missing_extra_is_one_line_naming_it(xz, docs, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pypdfium2" else real(name, *a))
    run = xz("keywords", docs["pdf"].parent)
    assert run.code == 1 and run.stdout == ""
    assert run.stderr.strip() == ("xzcli: error: reading PDF files needs the pdf extra: "
                                  "pip install 'xzcli[pdf]'")


# -- page debris -------------------------------------------------------------------------------
def test_running_headers_page_numbers_and_wraps_are_removed() -> None:
    pages = [
        "浙江省人民政府公报 2024年第3期\n关于加快发展新质生\n产力的意见\n各市人民政府：\n"
        "现提出如下意见，请认真贯彻落实，确保各\n项任务落到实处，推动高质量发展取得新\n"
        "第 1 页 共 3 页",
        "浙江省人民政府公报 2024年第4期\n成效，全面提升营商环境水平。\n一、总体要求\n"
        "坚持稳中求进工作总基调，完整准确全面贯\n彻新发展理念，加快构建新发展格局。\n"
        "第 2 页 共 3 页",
        "浙江省人民政府公报 2024年第5期\n二、主要任务\n建设 Digital\nZhejiang 平台，"
        "实现数据共享。\n— 3 —",
    ]
    text = clean_pages(pages)
    assert text.splitlines() == [
        "关于加快发展新质生",  # a short line (a title) ends its block
        "产力的意见",
        "各市人民政府：",
        "现提出如下意见，请认真贯彻落实，确保各项任务落到实处，推动高质量发展取得新成效，"
        "全面提升营商环境水平。",
        "一、总体要求",
        "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。",
        "二、主要任务",
        "建设 Digital",
        "Zhejiang 平台，实现数据共享。",
    ]


def test_indented_lines_start_paragraphs_where_the_pdf_indents_them() -> None:
    # U+3000 marks a line that stands in from the margin (the readers mark it so). A full line
    # may end a sentence inside a paragraph: without indentation it would end the paragraph.
    page = ("\u3000关于推进高质量发展的\n"
            "\u3000坚持稳中求进工作总基调，完整准确全面贯彻新\n"
            "发展理念，加快构建新发展格局，着力推动发展。\n"
            "坚持创新驱动。\n"
            "一、总体要求\n"
            "\u3000持续优化营商环境，依法保护民营企业产权和企业\n"
            "家权益，营造市场化、法治化、国际化一流营商环\n"
            "境\n"
            "\u3000各地各部门要加强组织领导，压实工作责任，强化\n"
            "要素保障。")
    assert clean_pages([page]).splitlines() == [
        "关于推进高质量发展的",
        "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动发展。"
        "坚持创新驱动。",
        "一、总体要求",
        "持续优化营商环境，依法保护民营企业产权和企业家权益，营造市场化、法治化、国际化一流营商环境",
        "各地各部门要加强组织领导，压实工作责任，强化要素保障。",
    ]


def test_the_pdf_reader_marks_indented_lines(docs) -> None:
    from xzcli.readers.pdf import pdf_pages

    first = pdf_pages(docs["pdf"].read_bytes(), "doc.pdf")[0].splitlines()
    # The centred title and each paragraph's first line stand in; headings and wraps do not.
    assert first[2] == "\u3000" + make_docs.TITLE
    assert first[3].startswith("\u3000为深入贯彻落实")
    assert first[3].endswith("，") and first[4].startswith("持续优化营商环境")
    assert first[5] == "一、总体要求"


def test_a_line_starting_with_closing_punctuation_continues_the_line_before() -> None:
    joined = clean_pages(["坚持创新驱动发展\n，推动产业升级。"])
    assert joined == "坚持创新驱动发展，推动产业升级。\n"


def test_a_single_page_keeps_its_lines_but_loses_its_page_number() -> None:
    assert clean_pages(["一、总体要求\n坚持稳中求进。\n- 1 -"]) == "一、总体要求\n坚持稳中求进。\n"


def test_a_line_repeated_inside_the_body_is_not_a_running_header() -> None:
    pages = ["页眉\n" + "\n".join(f"第{i}段内容。" for i in range(8)) + "\n坚持党的领导。\n1",
             "页眉\n" + "\n".join(f"其{i}段内容。" for i in range(8)) + "\n坚持党的领导。\n2"]
    text = clean_pages(pages)
    assert "页眉" not in text
    # It stands in the footer zone of both pages, so it goes too: repetition at the edge is
    # what a running footer is. In the middle of a page it would stay.
    middle = ["页眉\n甲。\n乙。\n丙。\n坚持党的领导。\n丁。\n戊。\n己。\n1",
              "页眉\n庚。\n辛。\n壬。\n坚持党的领导。\n癸。\n子。\n丑。\n2"]
    assert clean_pages(middle).count("坚持党的领导。") == 2


def test_read_options_reach_the_reader(docs) -> None:
    doc = read_document(str(docs["txt"]), ReadOptions(input_format="md"))
    assert doc.format == "md" and doc.text == PLAIN
    with pytest.raises(InputError, match="not a readable PDF"):
        read_document(str(docs["txt"]), ReadOptions(input_format="pdf"))
