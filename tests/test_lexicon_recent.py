"""The 2023-2026 terms of dictionaries/lexicon/recent_2023_2026.txt (found with `xzcli discover`
over the corpus, reviewed by hand) stay whole in running text with both engines (issue 11
item 3). The fixture paragraphs are written for the test in the reports' register."""

from __future__ import annotations

import pytest

from xzcli.segment import Segmenter

PARAGRAPHS = (
    "坚持投资于物和投资于人紧密结合，既抓硬投资也抓软建设。落实一揽子化债方案，稳妥化解"
    "存量隐性债务，一般公共预算支出增长4%。增强宏观政策取向一致性，推动社会综合融资成本"
    "稳中有降，引导中长期资金入市。加强财会监督和穿透式监管。收购存量商品房用作配售型保障性"
    "住房，更好满足刚性和改善性住房需求。",
    "擦亮投资中国和购在中国品牌，扩大入境消费，优化离境退税，扩大单方面免签国家范围。开展"
    "消费促进年和放心消费行动。拓展中间品贸易和绿色贸易，实施跨境服务贸易负面清单，建设"
    "智慧海关。综合整治内卷式竞争，打通卡点堵点，纠治趋利性执法和违规异地执法，规范涉企"
    "行政检查。",
    "打造具有国际竞争力的数字产业集群，数字经济核心产业增加值占比提高，推动制造业数智化转型。",
    "新冠病毒感染实施乙类乙管。逐步推行免费学前教育，推动基础教育扩优提质，实施医疗卫生"
    "强基工程和新时代立德树人工程，推进检查检验结果互认。扩大职业伤害保障试点，强化稳岗扩岗"
    "政策，推行新八级工制度，实施银龄行动和智慧助老行动，做好新市民住房保障。",
    "完善联农带农机制，实施新一轮千亿斤粮食产能提升行动。打好三大标志性战役，落实碳达峰"
    "十大行动，建立碳足迹管理体系，健全生态环境分区管控。",
    "认真贯彻党的二十届二中全会精神，坚持三个区分开来，推动各项工作走深走实。推进信访工作"
    "法治化，制定国家发展规划法，建设现代化人民城市，开展第四次全国文物普查。组建中央港澳"
    "工作办公室。",
    "推动硬联通、软联通、心联通，办好中亚峰会，反对长臂管辖，打响留学中国品牌。嫦娥六号"
    "完成月背采样，成功举办亚残运会。",
)
TERMS = ("投资于物", "硬投资", "软建设", "一揽子化债方案", "存量隐性债务", "一般公共预算支出",
         "宏观政策取向一致性", "社会综合融资成本", "中长期资金入市", "财会监督", "穿透式监管",
         "存量商品房", "配售型保障性住房", "改善性住房需求",
         "投资中国", "购在中国", "入境消费", "离境退税", "单方面免签", "消费促进年",
         "放心消费行动", "中间品贸易", "绿色贸易", "跨境服务贸易负面清单", "智慧海关",
         "内卷式竞争", "卡点堵点", "趋利性执法", "违规异地执法", "涉企行政检查",
         "数字产业集群", "数字经济核心产业", "数智化转型",
         "乙类乙管", "免费学前教育", "扩优提质", "医疗卫生强基工程", "新时代立德树人工程",
         "检查检验结果互认", "职业伤害保障", "稳岗扩岗", "新八级工", "银龄行动", "智慧助老",
         "新市民", "联农带农", "千亿斤粮食产能提升行动", "三大标志性战役", "碳达峰十大行动",
         "碳足迹管理体系", "生态环境分区管控",
         "二十届二中全会", "三个区分开来", "走深走实", "信访工作法治化", "国家发展规划法",
         "现代化人民城市", "第四次全国文物普查", "中央港澳工作办公室",
         "硬联通", "软联通", "心联通", "中亚峰会", "长臂管辖", "留学中国", "嫦娥六号",
         "亚残运会")  # fmt: skip


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_recent_terms_are_one_token_in_running_text(engine: str) -> None:
    segmenter = Segmenter(engine=engine)
    tokens = [t for p in PARAGRAPHS for t in segmenter.cut(p, protected=())]
    assert [t for t in TERMS if t not in tokens] == []
    # Before these entries jieba cut them: 投资/中国, 穿透/式/监管, 扩优/提质.
    assert "穿透" not in tokens and "扩优" not in tokens and "乙类" not in tokens


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_recent_terms_do_not_swallow_their_neighbours(engine: str) -> None:
    # Entries that start or end like an ordinary word must leave that word alone elsewhere.
    tokens = Segmenter(engine=engine).cut(
        "资金投资于物流园区，新市场主体增加，中国投资中东项目。", protected=())
    assert "投资于物" not in tokens and "新市民" not in tokens and "投资中国" not in tokens


def test_inner_terms_still_count() -> None:
    # 一般公共预算 inside 一般公共预算支出, 化债 inside 一揽子化债方案 (the nesting rule).
    segmenter = Segmenter()
    assert ("一般公共预算", 0) in segmenter.inner_terms("一般公共预算支出")
    assert ("化债", 3) in segmenter.inner_terms("一揽子化债方案")
