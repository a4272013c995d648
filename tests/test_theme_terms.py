"""The built-in theme terms are content words: no units, no virtue words every text uses, and
slogans that belong to no theme are ignored (issue 18 item 2, issue 17 item 4)."""

from __future__ import annotations

import pytest

from xzcli.figures import find_figures
from xzcli.themes import load_themes, score_themes, theme_document


def evidence(text: str) -> dict[str, list[str]]:
    """theme -> the terms that scored for it in `text`."""
    scores = score_themes(text)
    return {s.theme: [term for term, _ in s.terms] for s in scores.scores if s.terms}


def test_no_theme_term_is_a_unit() -> None:
    themes = load_themes()
    units = []
    for theme in themes.themes:
        for term, _ in theme.terms:
            # The figures reader knows the units; a term it reads as the unit of 3… is one.
            if any(f.unit == term for f in find_figures(f"完成3{term}。")):
                units.append(term)
    assert units == []


@pytest.mark.parametrize("text", [
    "建成轨道交通3号线，新增面积5万平方米。",
    "整治土地300公顷，新建道路12公里，里程大幅增加。",
])
def test_units_are_no_evidence(text: str) -> None:
    found = {term for terms in evidence(text).values() for term in terms}
    assert not found & {"号线", "平方米", "面积", "公顷", "公里", "里程"}


def test_virtue_words_do_not_decide_a_theme() -> None:
    text = "各地区各部门要牢记使命、勇于担当，坚定信心、团结奋斗，以和谐、包容的姿态进取。"
    assert evidence(text) == {}
    # An industry paragraph in the same register stays industry.
    paragraph = ("牢记使命，勇于担当，奋力推进制造业转型升级，培育链主企业和专精特新企业，"
                 "以和谐的劳动关系凝聚奋斗力量。")
    assert score_themes(paragraph).top_theme == "新内核"


def test_development_and_security_is_no_theme() -> None:
    # 统筹发展和安全 is the national-security principle, not livelihood safety or space.
    assert score_themes("坚持统筹发展和安全，以新安全格局保障新发展格局。").as_dict()[
        "新福祉"] == 0
    assert score_themes("坚持统筹发展和安全。").top_theme is None


def test_current_terms_reach_their_theme() -> None:
    assert score_themes("推动消费品以旧换新，建设国际消费中心城市。").top_theme == "新内核"
    assert score_themes("推动房地产市场止跌回稳，推进城市更新和平急两用设施建设。"
                        ).top_theme == "新范式"
    assert score_themes("建设生育友好型社会，发放育儿补贴，推行免费学前教育。"
                        ).top_theme == "新福祉"
    assert score_themes("有序发展深远海风电，构建新型能源体系。").top_theme == "新气象"


def test_shi_zheng_standing_alone_counts() -> None:
    themes = load_themes()
    counted = theme_document("完善市政设施。", themes).counts()
    assert counted["市政"] == 1


@pytest.mark.parametrize("text", ["市政协主席出席会议。", "市政协委员视察。", "市政府召开会议。"])
def test_shi_zheng_inside_shi_zheng_xie_is_no_evidence(text: str) -> None:
    # 市政 (municipal works) is no theme of the city's CPPCC or its government: whether the
    # Segmenter cuts 市|政协委员 (the matcher's token rule) or keeps 市政协 whole (ignore).
    counted = theme_document(text, load_themes()).counts()
    assert counted["市政"] == 0


def test_min_sheng_inside_gnp_is_no_evidence() -> None:
    counted = theme_document("国民生产总值翻两番。", load_themes()).counts()
    assert counted["民生"] == 0 and counted["国民生产总值"] == 1


@pytest.mark.parametrize(("text", "absent", "present"), [
    ("加强农业基础地位。", "强农", "农业"),  # 强农 is a fragment of 加强农业
    ("发展私营商业。", "营商", None),
    ("推动能源革命。", "动能", None),
    ("支持中西部地区承接产业转移。", "西部地区", "中西部地区"),
])
def test_fragments_of_other_words_are_no_terms(text: str, absent: str, present: str | None
                                               ) -> None:
    counted = theme_document(text, load_themes()).counts()
    assert counted[absent] == 0
    if present:
        assert counted[present] == 1


@pytest.mark.parametrize(("text", "absent"), [
    ("批判资本主义的剥削制度。", "资本"),  # capitalism, not capital for enterprises
    ("资产阶级的两面性。", "资产"),
    ("坚持走中国特色社会主义道路。", "道路"),  # a path, not a road
    ("坚持民族区域自治制度。", "区域"),
])
def test_words_of_another_sense_are_no_evidence(text: str, absent: str) -> None:
    counted = theme_document(text, load_themes()).counts()
    assert counted[absent] == 0


def test_capital_and_roads_still_count() -> None:
    counted = theme_document("吸引社会资本参与农村道路建设。", load_themes()).counts()
    assert counted["资本"] == 1 and counted["道路"] == 1
