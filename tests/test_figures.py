"""figures: every quantity a text claims, normalised, on fixtures, the article and the corpus."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from xzcli.figures import find_figures, parse_chinese_number
from xzcli.sources import analysis_text, read_document


def one(text: str) -> tuple:
    found = find_figures(text)
    assert len(found) == 1, [f.text for f in found]
    f = found[0]
    return f.text, f.value, f.unit, f.kind, f.qualifier


# -- numerals ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("numeral", "value"), [
    ("四", 4), ("十", 10), ("十四", 14), ("四十五", 45), ("一百零五", 105), ("两千万", 20_000_000),
    ("三万五千", 35_000), ("三亿五千万", 350_000_000), ("一万亿", 10 ** 12), ("两千五", 2500),
])
def test_chinese_numerals_parse(numeral: str, value: int) -> None:
    assert parse_chinese_number(numeral) == value


@pytest.mark.parametrize("name", ["十四五", "十五五", "一五", "六五", "千万", "零"])
def test_plan_names_and_words_are_not_numerals(name: str) -> None:
    assert parse_chinese_number(name) is None


# -- normalisation ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("发行5亿元科创债", ("5亿元", 500_000_000, "元", "money", None)),
    ("保障性住房超1.1万套", ("超1.1万套", 11_000, "套", "count", "超")),
    ("能耗下降14.5%的目标", ("14.5%", 14.5, "%", "percent", None)),
    ("交付商品房2400余户", ("2400余户", 2400, "户", "count", "余")),
    ("面积187.12万平方米", ("187.12万平方米", 1_871_200, "平方米", "measure", None)),
    ("投资900余万元实施", ("900余万元", 9_000_000, "元", "money", "余")),
    ("合格率稳定在98.5%以上", ("98.5%以上", 98.5, "%", "percent", "以上")),
    ("总值超过126万亿元", ("超过126万亿元", 126 * 10 ** 12, "元", "money", "超过")),
    ("外资约3000亿美元", ("约3000亿美元", 3 * 10 ** 11, "美元", "money", "约")),
    ("下降0.5个百分点", ("0.5个百分点", 0.5, "个百分点", "percent_point", None)),
    ("增长百分之十八点六", ("百分之十八点六", 18.6, "%", "percent", None)),
    ("增长一点三倍", ("一点三倍", 1.3, "倍", "ratio", None)),
    ("精简三分之一以上", ("三分之一以上", 0.3333, None, "ratio", "以上")),
    ("农村贫困人口两亿五千多万", ("两亿五千多万", 250_000_000, None, "number", "多")),
    ("全市两千万人口", ("两千万人", 20_000_000, "人", "count", None)),
    ("连续四年位列第一", ("四年", 4, "年", "duration", None)),
    ("十大类", ("十大类", 10, "类", "count", None)),
    ("明确三大主业", ("三大", 3, "大", "count", None)),
    ("粮食1.39万亿斤", ("1.39万亿斤", 1_390_000_000_000, "斤", "measure", None)),
    ("装机45兆瓦", ("45兆瓦", 45, "兆瓦", "measure", None)),
    ("用了20多年", ("20多年", 20, "年", "duration", "多")),
    ("一九五七年", ("一九五七年", 1957, "年", "year", None)),
    ("投资一〇〇亿元", ("一〇〇亿元", 10_000_000_000, "元", "money", None)),
    ("增产4，900多万吨", ("4，900多万吨", 49_000_000, "吨", "measure", "多")),
    ("共1,000人", ("1,000人", 1000, "人", "count", None)),
    ("2024年3月5日在", ("2024年3月5日", "2024-03-05", None, "date", None)),
    ("去年9月召开", ("9月", "--09", None, "date", None)),
    ("在2023年成功", ("2023年", 2023, "年", "year", None)),
    ("90年代", ("90年代", 90, "年代", "decade", None)),
])
def test_figures_are_normalised(text: str, expected: tuple) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(("text", "value", "item_kind", "unit"), [
    ("用5—10年时间", [5, 10], "duration", "年"),
    ("增长5%-8%", [5, 8], "percent", "%"),
    ("2021—2025年", [2021, 2025], "year", "年"),
    ("三至五年", [3, 5], "duration", "年"),
    ("1万—2万元", [10_000, 20_000], "money", "元"),
    ("今年1到10月", ["--01", "--10"], "date", None),
])
def test_ranges_are_one_figure(text: str, value: list, item_kind: str, unit: str | None) -> None:
    (f,) = find_figures(text)
    assert (f.kind, f.value, f.item_kind, f.unit) == ("range", value, item_kind, unit)


@pytest.mark.parametrize("text", [
    "根据国发〔2019〕4号文件", "沿轨道交通3号线", "PM2.5浓度", "PM_{2.5}浓度", "国产大飞机C919",
    "5G基站", "一、总体要求", "（二）主要任务", "第三次全国代表大会", "党的二十大精神",
    "十九大以来", "“十四五”期间", "“两个确立”", "一场深刻变革", "最近召开", "第八个五年计划",
    "时间是10:30", "第14个五年规划", "获得第3名",
])
def test_identifiers_ordinals_and_names_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_qualifier_words_that_are_not_qualifiers() -> None:
    assert one("最近5年")[4] is None  # "the last five years", not "nearly five"
    assert one("下达5亿元")[4] is None  # "allocated", not "reaching"


def test_offsets_lines_and_context_point_into_the_text_as_read() -> None:
    raw = "标题\r\n第一段没有数字。\r\n投资１２亿元建设，增长５％。"
    found = find_figures(analysis_text(raw), original=raw)
    assert [(f.text, f.line, f.value) for f in found] == [("１２亿元", 3, 1_200_000_000),
                                                         ("５％", 3, 5)]
    for f in found:
        assert raw[f.start:f.end] == f.text
    assert found[0].context == "投资１２亿元建设，增长５％。"


def test_context_is_the_sentence_around_the_figure_centred_when_long() -> None:
    text = "上年增长3%。今年投资12亿元，其中5亿元用于民生！明年再议"
    second = "今年投资12亿元，其中5亿元用于民生！"
    assert [f.context for f in find_figures(text)] == ["上年增长3%。", second, second]
    # A figure in the last sentence, with no end mark after it, takes the text to its end.
    assert find_figures("第一句。最后达到8万人")[0].context == "最后达到8万人"
    # A sentence longer than 160 characters is cut to 160 around the figure, and no more
    # than 400 characters before it are looked at for the sentence's start.
    long = "甲" * 500 + "投资12亿元" + "乙" * 500 + "。"
    (figure,) = find_figures(long)
    assert len(figure.context) == 160 and "12亿元" in figure.context
    assert figure.context.startswith("甲") and figure.context.endswith("乙")


# -- the reference article --------------------------------------------------------------------
ARTICLE_FIGURES = [
    (29, "五年", 5, "年", "duration", None),
    (29, "五年", 5, "年", "duration", None),
    (39, "2家", 2, "家", "count", None),
    (39, "5个", 5, "个", "count", None),
    (39, "2023年", 2023, "年", "year", None),
    (39, "2024年", 2024, "年", "year", None),
    (39, "5家", 5, "家", "count", None),
    (39, "16家", 16, "家", "count", None),
    (39, "2024年", 2024, "年", "year", None),
    (39, "18%", 18, "%", "percent", None),
    (39, "14.5%", 14.5, "%", "percent", None),
    (41, "22项", 22, "项", "count", None),
    (41, "五年", 5, "年", "duration", None),
    (41, "高达87%", 87, "%", "percent", "高达"),
    (41, "三大", 3, "大", "count", None),
    (41, "5亿元", 500_000_000, "元", "money", None),
    (43, "106项", 106, "项", "count", None),
    (43, "80%", 80, "%", "percent", None),
    (43, "四年", 4, "年", "duration", None),
    (51, "7700亩", 7700, "亩", "measure", None),
    (51, "105万平方米", 1_050_000, "平方米", "measure", None),
    (51, "达187.12万平方米", 1_871_200, "平方米", "measure", "达"),
    (51, "2400余户", 2400, "户", "count", "余"),
    (51, "超1.1万套", 11_000, "套", "count", "超"),
    (51, "超3万元", 30_000, "元", "money", "超"),
    (57, "2450万元", 24_500_000, "元", "money", None),
    (57, "5所", 5, "所", "count", None),
    (57, "2家", 2, "家", "count", None),
    (57, "980万元", 9_800_000, "元", "money", None),
    (57, "6个", 6, "个", "count", None),
    (57, "15分钟", 15, "分钟", "duration", None),
    (59, "231张", 231, "张", "count", None),
    (61, "320件", 320, "件", "count", None),
    (61, "900余万元", 9_000_000, "元", "money", "余"),
    (61, "100%", 100, "%", "percent", None),
    (61, "98.5%以上", 98.5, "%", "percent", "以上"),
    (61, "6年", 6, "年", "duration", None),
    (73, "五年", 5, "年", "duration", None),
]


def test_article_figures_are_every_quantity_with_its_value(article_path: Path) -> None:
    doc = read_document(str(article_path))
    found = find_figures(analysis_text(doc.text), original=doc.text)
    assert [(f.line, f.text, f.value, f.unit, f.kind, f.qualifier) for f in found] == \
        ARTICLE_FIGURES
    for f in found:
        assert doc.text[f.start:f.end] == f.text
        assert f.text in f.context


# -- the corpus: an independent check ---------------------------------------------------------
# Plain Arabic-numeral quantities, found without the figures module: a percentage, a sum in
# 元/万元/亿元, a count with a measure word, a few measures. Not after a Latin letter (PM2.5)
# and not after 第, which makes an ordinal (第14个五年规划, 连续第7年).
INDEPENDENT = re.compile(
    r"(?<![A-Za-z0-9_.{第])(?:\d+(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:%|(?:万亿|亿|万)?元|(?:万|亿)?(?:家|项|套|个|户|人|张|所|名|件|座|条|台|辆|亩|吨|公里"
    r"|平方米|平方公里|千瓦|立方米|个百分点))"
)
MONEY = re.compile(r"(\d[\d,，]*(?:[.．]\d+)?)(?:余|多)?(万亿|亿|万)?(?:余|多)?元")


def _corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted((corpus_dir / "national-work-reports").glob("*.txt")) + sorted(
        (corpus_dir / "five-year-plans").glob("*.txt"))


def test_every_plain_quantity_in_the_corpus_is_inside_a_figure(corpus_dir: Path) -> None:
    checked = 0
    missed: list[str] = []
    for path in _corpus_files(corpus_dir):
        doc = read_document(str(path))
        text = analysis_text(doc.text)
        found = find_figures(text, original=doc.text)
        starts = [f.start for f in found]
        for m in INDEPENDENT.finditer(text):
            checked += 1
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or not (found[i].start <= m.start() and m.end() <= found[i].end):
                missed.append(f"{path.name}: {text[max(0, m.start() - 10):m.end() + 5]!r}")
    assert checked > 4000
    assert missed == []


def test_every_sum_of_money_carries_its_value_in_yuan(corpus_dir: Path) -> None:
    scale = {"万亿": 10 ** 12, "亿": 10 ** 8, "万": 10 ** 4, None: 1}
    sums = 0
    for path in _corpus_files(corpus_dir):
        doc = read_document(str(path))
        text = analysis_text(doc.text)
        for f in find_figures(text, original=doc.text):
            if f.kind != "money" or f.unit != "元":
                continue
            m = MONEY.search(text, f.start, f.end)
            if m is None:
                continue  # written in Chinese numerals: checked by the unit tests above
            sums += 1
            number = Decimal(m.group(1).replace(",", "").replace("，", "").replace("．", "."))
            assert Decimal(str(f.value)) == number * scale[m.group(2)], (path.name, f.text)
    assert sums > 900


# -- the command ------------------------------------------------------------------------------
def test_cli_json_payload(xz, tmp_path: Path) -> None:
    sample = tmp_path / "plan.txt"
    sample.write_text("一、目标\n发行5亿元债券，覆盖率达到76%。\n", encoding="utf-8")
    run = xz("figures", "--format", "json", sample)
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "xzcli.figures/1"
    assert data["engine"] is None
    assert data["figures"] == [
        {"source": str(sample), "line": 2, "offset": 7, "end": 10, "text": "5亿元",
         "value": 500_000_000, "unit": "元", "kind": "money", "item_kind": None,
         "qualifier": None, "context": "发行5亿元债券，覆盖率达到76%。"},
        {"source": str(sample), "line": 2, "offset": 16, "end": 21, "text": "达到76%",
         "value": 76, "unit": "%", "kind": "percent", "item_kind": None,
         "qualifier": "达到", "context": "发行5亿元债券，覆盖率达到76%。"},
    ]


def test_cli_kind_filter_csv_and_stdin(xz) -> None:
    run = xz("figures", "--kind", "money", "--format", "csv", "-",
             stdin="投资3万元，建成5所学校。".encode())
    assert run.code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [(r["text"], r["value"], r["unit"]) for r in rows] == [("3万元", "30000", "元")]


def test_cli_unknown_kind_is_a_usage_error(xz) -> None:
    run = xz("figures", "--kind", "money,weight", "-", stdin="5亿元".encode())
    assert run.code == 2
    assert "weight" in run.stderr


def test_cli_table_on_the_sample(xz, sample_path: Path) -> None:
    run = xz("figures", sample_path)
    assert run.code == 0
    assert "412" in run.stdout and "percent" in run.stdout


def test_cli_jsonl_and_tsv_give_one_row_per_figure(xz) -> None:
    text = "建成15所学校，新增学位1.2万个。".encode()
    jsonl = xz("figures", "-f", "jsonl", "-", stdin=text)
    assert [json.loads(line)["value"] for line in jsonl.stdout.splitlines()] == [15, 12_000]
    tsv = xz("figures", "-f", "tsv", "-", stdin=text)
    header, *rows = tsv.stdout.splitlines()
    assert header.split("\t")[:5] == ["source", "line", "offset", "end", "text"]
    assert [r.split("\t")[4] for r in rows] == ["15所", "1.2万个"]
