"""Current (2023-2026) policy terms that fresh provincial reports use stay whole with both engines
(issue 18 item 3). Fixture sentences are written for the test in the reports' register."""

from __future__ import annotations

import pytest

from xzcli.segment import Segmenter

REPORT = (
    "全市一般公共预算收入增长5.2%，开展消费品以旧换新，培育链主企业，研发投入强度达到3.1%，"
    "规上工业增加值增长6.8%，推动房地产市场止跌回稳，加快建设国际消费中心城市，发展智能网联"
    "新能源汽车和智能网联技术，有序发展深远海风电，综合整治内卷式竞争，布局车路云一体化应用，"
    "建设全国一体化算力网枢纽节点，推动创新药和智能体产业发展，发放生育补贴，推动以竹代塑，"
    "建设海洋牧场，培育乡村工匠，发展微短剧和城市书房，深入学习习近平经济思想和习近平文化思想。"
)
TERMS = ("一般公共预算收入", "消费品以旧换新", "链主企业", "研发投入强度", "规上工业增加值",
         "止跌回稳", "国际消费中心城市", "智能网联", "深远海风电", "内卷式竞争", "车路云一体化",
         "全国一体化算力网", "创新药", "智能体", "生育补贴", "以竹代塑", "海洋牧场", "乡村工匠",
         "微短剧", "城市书房", "习近平经济思想", "习近平文化思想")  # fmt: skip


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_current_terms_are_one_token_in_a_report(engine: str) -> None:
    tokens = Segmenter(engine=engine).cut(REPORT, protected=())
    assert [t for t in TERMS if t not in tokens] == []
    # The cuts the issue saw are gone: 智能网/联, 深远/海风/电.
    assert "海风" not in tokens and "智能网" not in tokens
