"""figures on what fresh provincial reports and statistical communiqués write: signed values,
compound units, ratios without a unit, units in a table column, absurdly large or small values.

Every fixture is written for the test (issues 18 and 20)."""

from __future__ import annotations

import json

import pytest

from xzcli.figures import find_figures


def read(text: str) -> list[tuple]:
    return [(f.text, f.value, f.unit, f.kind) for f in find_figures(text)]


# -- signs ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # per mille folds into per cent and keeps its sign
    ("全年人口自然增长率为-0.99‰。", ("-0.99‰", -0.099, "%", "percent")),
    ("居民消费价格增长−0.3%。", ("−0.3%", -0.3, "%", "percent")),  # U+2212 MINUS SIGN
    ("工业生产者出厂价格下降－2.2%。", ("－2.2%", -2.2, "%", "percent")),  # full-width
    ("增速为负1.2%", ("负1.2%", -1.2, "%", "percent")),
    ("比上年回落-1.5个百分点", ("-1.5个百分点", -1.5, "个百分点", "percent_point")),
    ("资本净流出-12亿元", ("-12亿元", -1_200_000_000, "元", "money")),
    ("最低气温-5℃", ("-5℃", -5, "℃", "measure")),
])
def test_a_minus_sign_is_kept(text: str, expected: tuple) -> None:
    assert read(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("降低企业税负5700多亿元", ("5700多亿元", 570_000_000_000, "元", "money")),  # tax burden
    ("新冠病毒COVID-19感染", None),
    ("年均增长5%-8%", ("5%-8%", [5, 8], "%", "range")),
    ("其中42，500万---45，000万吨", ("45，000万吨", 450_000_000, "吨", "measure")),
    ("- 3家企业入选", ("3家", 3, "家", "count")),
])
def test_a_dash_that_is_no_sign(text: str, expected: tuple | None) -> None:
    found = read(text)
    if expected is None:
        assert found == []
    else:
        assert expected in found
        assert all(not isinstance(v, (int, float)) or v >= 0 for _, v, _, _ in found)


def test_signed_ranges() -> None:
    (f,) = find_figures("预计增长-5%至-8%")
    assert (f.text, f.value, f.kind, f.item_kind) == ("-5%至-8%", [-8, -5], "range", "percent")
    (f,) = find_figures("增速在-3%至5%之间")
    assert (f.value, f.item_kind) == ([-3, 5], "percent")
    (f,) = find_figures("增长-5至-8%")
    assert (f.text, f.value) == ("-5至-8%", [-8, -5])


@pytest.mark.parametrize(("text", "expected"), [
    ("2024—2021年", [("2021年", 2021, "年", "year")]),
    ("由10%至5%", [("10%", 10, "%", "percent"), ("5%", 5, "%", "percent")]),
    ("五至三年", [("三年", 3, "年", "duration")]),
    ("10到3月", [("3月", "--03", None, "date")]),
])
def test_ends_that_fall_are_no_range(text: str, expected: list) -> None:
    assert read(text) == expected


# -- compound units ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("货物周转量261948亿吨公里", ("261948亿吨公里", 26_194_800_000_000, "吨公里", "measure")),
    ("旅客周转量3.2万亿人公里", ("3.2万亿人公里", 3_200_000_000_000, "人公里", "measure")),
    ("接待游客1.2亿人次", ("1.2亿人次", 120_000_000, "人次", "count")),
    ("全社会用电量9.8万亿千瓦时", ("9.8万亿千瓦时", 9_800_000_000_000, "千瓦时", "measure")),
    ("发电量120万千瓦时", ("120万千瓦时", 1_200_000, "千瓦时", "measure")),
    ("能源消费总量59.6亿吨标准煤", ("59.6亿吨标准煤", 5_960_000_000, "吨标准煤", "measure")),
    ("节约5万吨标煤", ("5万吨标煤", 50_000, "吨标煤", "measure")),
    ("减排1亿吨二氧化碳", ("1亿吨二氧化碳", 100_000_000, "吨二氧化碳", "measure")),
    ("开行列车2.1万车次", ("2.1万车次", 21_000, "车次", "count")),
    ("新房均价1.2万元/平方米", ("1.2万元/平方米", 12_000, "元/平方米", "money")),
    ("产能5000万吨/年", ("5000万吨/年", 50_000_000, "吨/年", "measure")),
    ("设计时速350公里/小时", ("350公里/小时", 350, "公里/小时", "measure")),
])
def test_compound_units_stay_whole(text: str, expected: tuple) -> None:
    assert read(text) == [expected]


# -- ratios whose noun says what they are -----------------------------------------------------
def test_a_ratio_noun_gives_bare_numbers_their_meaning() -> None:
    assert read("城乡居民收入倍差从2.37缩小到1.94。") == [
        ("2.37", 2.37, None, "ratio"), ("1.94", 1.94, None, "ratio")]
    assert read("农田灌溉水有效利用系数提高到0.58") == [("0.58", 0.58, None, "ratio")]
    assert read("基尼系数为0.465左右") == [("0.465左右", 0.465, None, "ratio")]
    assert read("制造业采购经理指数为50.2") == [("50.2", 50.2, None, "number")]


@pytest.mark.parametrize("text", ["居民收入比上年增长7%", "人均收入比二0一0年翻一番",
                                  "物价指数比1987年上升18.5%"])
def test_a_ratio_noun_before_a_figure_with_its_own_unit(text: str) -> None:
    assert all(kind != "ratio" for _, _, _, kind in read(text))


# -- tables -----------------------------------------------------------------------------------
def test_a_row_whose_unit_is_a_column_of_its_own() -> None:
    assert read("粗钢 | 万吨 | 100509.1") == [("100509.1", 1_005_091_000, "吨", "measure")]


def test_a_table_with_a_unit_column_and_a_percent_column() -> None:
    table = ("表3  2024年主要工业产品产量\n"
             "产品名称\t单位\t产量\t比上年增长(%)\n"
             "粗钢\t万吨\t100509.1\t-1.7\n"
             "发电量\t亿千瓦时\t94181.4\t4.6\n"
             "汽车\t万辆\t3155.9\t3.7\n")
    found = find_figures(table)
    assert [(f.text, f.value, f.unit, f.kind) for f in found if f.line > 1] == [
        ("100509.1", 1_005_091_000, "吨", "measure"), ("-1.7", -1.7, "%", "percent"),
        ("94181.4", 9_418_140_000_000, "千瓦时", "measure"), ("4.6", 4.6, "%", "percent"),
        ("3155.9", 31_559_000, "辆", "count"), ("3.7", 3.7, "%", "percent"),
    ]
    for f in found:
        assert table[f.start:f.end] == f.text


def test_a_table_under_a_unit_line() -> None:
    table = "单位：亿元\n\n| 地区 | 2024年 | 增长(%) |\n|---|---|---|\n| 东部 | 5230.5 | 5.2 |\n"
    assert read(table) == [("2024年", 2024, "年", "year"),
                           ("5230.5", 523_050_000_000, "元", "money"),
                           ("5.2", 5.2, "%", "percent")]


def test_a_table_ends_at_the_first_line_of_prose() -> None:
    text = "单位：万吨\n| 产品 | 产量 |\n| 粗钢 | 100509.1 |\n全年完成目标。\n| 合计 | 12 |\n"
    assert [f.text for f in find_figures(text)] == ["100509.1"]


def test_numbers_in_a_table_without_units_are_left_alone() -> None:
    assert find_figures("序号 | 项目 | 编号\n1 | 某某工程 | 2031\n") == []


# -- values too large or too small for a claim ------------------------------------------------
def test_a_400_digit_run_is_not_a_figure() -> None:
    assert find_figures("投资" + "9" * 400 + "亿元") == []
    assert find_figures("一" + "亿" * 700 + "元") == []


def test_a_tiny_value_keeps_its_magnitude() -> None:
    assert read("增长0.000000000000000000001%") == [
        ("0.000000000000000000001%", 1e-21, "%", "percent")]


def test_a_thirty_digit_value_is_exact() -> None:
    (f,) = find_figures("投资123456789012345678901234567890元")
    assert f.value == 123456789012345678901234567890


def test_cli_json_stays_valid_on_hostile_values(xz) -> None:
    text = ("增长0.000000000000000000001%，投资" + "9" * 400 + "亿元，一" + "亿" * 700
            + "元，下降−5%，-5%至-8%，2024—2021年，1e-21。\n")
    run = xz("figures", "-f", "json", "-", stdin=text.encode())
    assert run.code == 0, run.stderr

    def refuse(name: str) -> None:
        raise AssertionError(f"invalid JSON constant {name}")

    data = json.loads(run.stdout, parse_constant=refuse)
    assert [(f["text"], f["value"]) for f in data["figures"]] == [
        ("0.000000000000000000001%", 1e-21), ("−5%", -5), ("-5%至-8%", [-8, -5]),
        ("2021年", 2021)]


# -- Chinese numerals before compound units ---------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("发电量达到四千万千瓦时", ("达到四千万千瓦时", 40_000_000, "千瓦时", "measure")),
    ("用电一万亿千瓦时", ("一万亿千瓦时", 10 ** 12, "千瓦时", "measure")),
    ("装机七千千瓦", ("七千千瓦", 7000, "千瓦", "measure")),
    ("建设500千伏线路", ("500千伏", 500, "千伏", "measure")),
    ("建设50万伏超高压线路", ("50万伏", 500_000, "伏", "measure")),
    ("铺设管道5万米", ("5万米", 50_000, "米", "measure")),
    # the 1950s digit-by-digit style: 、 sets off thousands, 〇· and 零点 open a fraction
    ("周转量一、二〇九亿吨公里", ("一、二〇九亿吨公里", 120_900_000_000, "吨公里", "measure")),
    ("旅客周转量〇·九一亿人公里", ("〇·九一亿人公里", 91_000_000, "人公里", "measure")),
    ("增长零点八倍", ("零点八倍", 0.8, "倍", "ratio")),
])
def test_chinese_numerals_before_compound_units(text: str, expected: tuple) -> None:
    assert read(text) == [expected]


def test_enumerations_and_year_lists_are_not_grouped_numerals() -> None:
    assert read("一、一九八九年的计划") == [("一九八九年", 1989, "年", "year")]
    assert read("一、二、三项") == [("三项", 3, "项", "count")]


def test_jieyue_is_saved_not_about() -> None:
    (f,) = find_figures("全年节约5万吨标煤")
    assert f.qualifier is None and f.text == "5万吨标煤"
