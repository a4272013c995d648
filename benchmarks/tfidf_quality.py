"""How well `tfidf` picks out what sets a document apart (figures, not a test).

    python benchmarks/tfidf_quality.py [--seeds 5] [--show]

1. Simulated provincial reports: 31 bags of words, one per province, with the boilerplate all
   reports share (20-150 times each), a pool of mid-frequency words each report uses or not,
   全省/全市/全区, the province's own name (8-40 times), six of its cities (2-14 times), ten words
   of its own (1-8 times), and passing mentions of other provinces (对口支援新疆/西藏 once in most
   reports, three random provinces once, 上海 and 北京 a few times in their neighbours'). The
   figure is how many of the 31 keep their own name in the top ten, with the soft df (default),
   a plain df, and the soft df times the policy table (`--idf policy`).
2. The national work reports 2006-2026 as a folder (the nearest real analogue of one year's 31
   provincial reports): each report's top ten, against jieba.analyse.extract_tags with its
   general IDF. Figures: top-ten terms that occur in at most 3 of the 21 reports (specific),
   in all 21 (boilerplate), plan-start years (2006, 2011, 2016, 2021, 2026) whose top ten name
   their five-year plan, and 2020's naming the epidemic.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(os.environ.get("XZCLI_CORPUS",
                            Path(__file__).resolve().parents[2] / "shared" / "corpus"))

CITIES = {
    "北京": "海淀 朝阳 中关村 亦庄 通州 副中心", "天津": "滨海新区 武清 宝坻 静海 蓟州 津南",
    "河北": "石家庄 唐山 保定 雄安新区 张家口 邯郸", "山西": "太原 大同 长治 晋城 临汾 运城",
    "内蒙古": "呼和浩特 包头 鄂尔多斯 赤峰 通辽 呼伦贝尔", "辽宁": "沈阳 大连 鞍山 抚顺 锦州 营口",
    "吉林": "长春 吉林市 四平 延边 白山 松原", "黑龙江": "哈尔滨 齐齐哈尔 牡丹江 佳木斯 大庆 黑河",
    "上海": "浦东 临港 虹桥 五个新城 张江 松江", "江苏": "南京 苏州 无锡 常州 南通 徐州",
    "浙江": "杭州 宁波 温州 绍兴 嘉兴 金华", "安徽": "合肥 芜湖 蚌埠 阜阳 安庆 黄山",
    "福建": "福州 厦门 泉州 漳州 莆田 闽西", "江西": "南昌 赣州 九江 景德镇 上饶 吉安",
    "山东": "济南 青岛 烟台 潍坊 临沂 淄博", "河南": "郑州 洛阳 开封 南阳 许昌 新乡",
    "湖北": "武汉 宜昌 襄阳 荆州 十堰 黄冈", "湖南": "长沙 株洲 湘潭 岳阳 常德 衡阳",
    "广东": "广州 深圳 珠海 佛山 东莞 湛江", "广西": "南宁 柳州 桂林 北海 钦州 防城港",
    "海南": "海口 三亚 儋州 洋浦 博鳌 自贸港", "重庆": "两江新区 万州 涪陵 渝北 永川 黔江",
    "四川": "成都 绵阳 宜宾 泸州 南充 攀枝花", "贵州": "贵阳 遵义 六盘水 安顺 毕节 铜仁",
    "云南": "昆明 曲靖 玉溪 大理 丽江 西双版纳", "西藏": "拉萨 日喀则 林芝 昌都 山南 那曲",
    "陕西": "西安 宝鸡 咸阳 延安 榆林 汉中", "甘肃": "兰州 天水 酒泉 张掖 武威 庆阳",
    "青海": "西宁 海东 海西 玉树 果洛 三江源", "宁夏": "银川 石嘴山 吴忠 固原 中卫 贺兰山",
    "新疆": "乌鲁木齐 喀什 伊犁 和田 阿克苏 兵团",
}
BOILERPLATE = ("发展 建设 推进 加强 改革 创新 经济 社会 人民 政府 坚持 完善 提高 促进 实施 推动 "
               "加快 企业 产业 项目 服务 民生 生态 安全 乡村振兴 高质量发展 新质生产力").split()
MUNICIPALITIES = {"北京", "天津", "上海", "重庆"}
REGIONS = {"内蒙古", "广西", "西藏", "宁夏", "新疆"}


def simulated_reports(seed: int) -> list:
    from xzcli.tfidf import Unit

    rng = random.Random(seed)
    names = list(CITIES)
    pool = [f"通用词{i}" for i in range(300)]
    units = []
    for name in names:
        counts: Counter[str] = Counter()
        for word in BOILERPLATE:
            counts[word] += rng.randint(20, 150)
        for word in pool:
            if rng.random() < rng.uniform(0.2, 0.9):
                counts[word] += rng.randint(1, 12)
        level = "全市" if name in MUNICIPALITIES else "全区" if name in REGIONS else "全省"
        counts[level] += rng.randint(40, 120)
        counts[name] += rng.randint(8, 40)
        for city in CITIES[name].split():
            counts[city] += rng.randint(2, 14)
        for i in range(10):
            counts[f"{name}特色{i}"] += rng.randint(1, 8)
        if name not in ("新疆", "西藏"):
            counts["新疆"] += rng.random() < 0.6
            counts["西藏"] += rng.random() < 0.5
        for other in rng.sample(names, 3):
            if other != name:
                counts[other] += 1
        if name in ("江苏", "浙江", "安徽"):
            counts["上海"] += rng.randint(2, 5)
        if name in ("天津", "河北"):
            counts["北京"] += rng.randint(3, 8)
        units.append(Unit(name, "document", 0, None, 0, 0, +counts, ()))
    return units


def own_name_in_top_ten(units: list, table: object, soft_df: bool) -> tuple[int, list[str]]:
    from xzcli.tfidf import summarize_units

    results = summarize_units(units, table, top=10, sentences=0, soft_df=soft_df)  # type: ignore[arg-type]
    missed = [r.unit.source for r in results
              if r.unit.source not in [t.term for t in r.terms]]
    return len(results) - len(missed), missed


def simulation(seeds: int) -> None:
    from xzcli.tfidf import load_idf_table, policy_idf_path

    table = load_idf_table(policy_idf_path())
    print("1. simulated 31 provincial reports: own name in the top ten")
    for label, kwargs in (("soft df (default)", {"table": None, "soft_df": True}),
                          ("plain df", {"table": None, "soft_df": False}),
                          ("soft df x --idf policy", {"table": table, "soft_df": True})):
        figures = []
        for seed in range(1, seeds + 1):
            hits, missed = own_name_in_top_ten(simulated_reports(seed), **kwargs)
            figures.append(f"{hits}" + (f" (missed {' '.join(missed)})" if missed else ""))
        print(f"   {label:24} " + "; ".join(figures))


def work_reports(show: bool) -> None:
    import logging

    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.sources import read_document
    from xzcli.tfidf import document_units, summarize_units

    folder = CORPUS / "national-work-reports"
    years = range(2006, 2027)
    if not all((folder / f"{y}.txt").is_file() for y in years):
        print("2. skipped: national work reports 2006-2026 not in the shared corpus")
        return
    texts = {y: read_document(str(folder / f"{y}.txt")).text for y in years}
    segmenter = cached_segmenter(SegmenterSpec())
    units = [u for y in years
             for u in document_units(texts[y], segmenter, source=str(y), by="document")]
    ours = {int(r.unit.source): [t.term for t in r.terms]
            for r in summarize_units(units, None, top=10, sentences=0)}
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    theirs = {y: list(jieba.analyse.extract_tags(texts[y], topK=10)) for y in years}
    plans = {2006: ("十一五", "第十一个"), 2011: ("十二五", "第十二个"),
             2016: ("十三五", "第十三个"), 2021: ("十四五", "第十四个"),
             2026: ("十五五", "第十五个")}

    def df(term: str) -> int:
        return sum(term in text for text in texts.values())

    print("2. national work reports 2006-2026 as one folder (21 documents)")
    for label, tops in (("xzcli tfidf", ours), ("jieba extract_tags", theirs)):
        specific = sum(df(t) <= 3 for terms in tops.values() for t in terms)
        everywhere = sum(df(t) == len(texts) for terms in tops.values() for t in terms)
        named = sum(any(p in t for t in tops[y] for p in plan) for y, plan in plans.items())
        epidemic = any("疫情" in t for t in tops[2020])
        print(f"   {label:19} specific {specific}/210, in every report {everywhere}/210, "
              f"plan named in plan years {named}/5, 2020 names the epidemic: {epidemic}")
    if show:
        for y in years:
            print(f"   {y} xzcli: {' '.join(ours[y])}\n        jieba: {' '.join(theirs[y])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print every report's top ten")
    args = parser.parse_args()
    simulation(args.seeds)
    work_reports(args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
