"""tfidf: content terms, what sets a unit apart, verbatim summary sentences, the CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xzcli.tfidf import Unit, document_units, is_term, summarize_units

# Made-up provincial reports: the same boilerplate everywhere, each naming its own province
# and a local subject of its own. Boilerplate is longer (and repeated) than the local part,
# as in real work reports, so raw frequency alone would rank it first.
BOILERPLATE = (
    "过去一年，我们坚持稳中求进工作总基调，推动高质量发展，全面深化改革，扩大高水平对外开放。"
    "我们着力保障和改善民生，加强生态文明建设，统筹发展和安全，经济运行总体平稳。"
    "新的一年，我们要坚定信心，真抓实干，推动经济持续回升向好，加快建设现代化产业体系。"
)
PROVINCES = {
    "江苏": "江苏制造业集群和苏南自主创新示范区继续领跑，江苏沿江港口吞吐量再创新高",
    "内蒙古": "内蒙古草原生态保护和风电基地建设提速，内蒙古牛奶产量稳居前列",
    "黑龙江": "黑龙江粮食总产量保持高位，黑龙江冰雪旅游人数大幅增长",
    "新疆维吾尔自治区": "新疆维吾尔自治区棉花种植机械化水平提高，喀什古城和伊犁河谷游客增长，"
                       "喀什口岸和伊犁口岸贸易活跃，和田红枣销往全国，和田玉产业升级，"
                       "新疆维吾尔自治区棉花产量稳定",
    "广西壮族自治区": "广西壮族自治区西部陆海新通道建设加快，广西壮族自治区糖料蔗产业稳定",
    "宁夏": "宁夏枸杞和葡萄酒品牌影响扩大，宁夏黄河流域生态保护取得进展",
    "西藏": "西藏边境小康村建设有序推进，拉萨和林芝旅游火热，拉萨河和林芝桃花吸引游客，"
           "日喀则青稞丰收，日喀则边境贸易增长，西藏清洁能源基地开工建设",
    "重庆": "重庆汽车摩托车产业转型升级，重庆中欧班列开行数量增长",
}


# Eastern provinces' reports name the western regions they support, once each.
SUPPORTED = ("新疆维吾尔自治区", "西藏")


def _report(province: str, local: str) -> str:
    passing = "" if province in SUPPORTED else "做好对口支援新疆维吾尔自治区和西藏工作。"
    return (f"{province}政府工作报告\n\n{BOILERPLATE}\n\n{local}。"
            f"全{province}上下团结一心，{province}发展势头良好。{passing}\n\n"
            f"{province}将奋力谱写{province}新篇章，推动{province}全面振兴，让{province}人民"
            f"生活更美好。\n\n{BOILERPLATE}\n")


@pytest.fixture
def province_units(segmenter) -> list[Unit]:
    units: list[Unit] = []
    for province, local in PROVINCES.items():
        units += document_units(_report(province, local), segmenter, source=f"{province}.txt",
                                by="document")
    return units


# -- terms ------------------------------------------------------------------------------------
def test_content_terms_only(segmenter) -> None:
    tagged = dict(segmenter.tag("我们要在2024年进一步优化营商环境，并且推动三个港口的枸杞贸易。"))
    kept = {w for w, pos in tagged.items() if is_term(w, pos, segmenter)}
    assert "营商环境" in kept  # lexicon term
    assert {"港口", "枸杞", "贸易"} <= kept
    # stop words, punctuation, numbers, single characters, adverbs, conjunctions, pronouns
    for dropped in ("我们", "，", "2024", "年", "在", "进一步", "并且", "的"):
        assert dropped not in kept, dropped


@pytest.mark.parametrize("name", ["内蒙古", "黑龙江", "新疆维吾尔自治区", "广西壮族自治区",
                                  "宁夏", "西藏", "重庆", "上海", "江苏", "内蒙古自治区"])
def test_province_names_are_single_place_tokens(segmenter, name: str) -> None:
    tokens = segmenter.tokens(f"全{name}上下推动{name}经济持续回升向好")
    found = [t for t in tokens if t.text == name]
    assert len(found) == 2 and all(t.pos.startswith("ns") for t in found)
    assert is_term(name, found[0].pos, segmenter)


# -- what sets a unit apart ---------------------------------------------------------------------
def test_each_provincial_report_names_its_own_province(province_units) -> None:
    results = summarize_units(province_units, None, top=10, sublinear_tf=True)
    assert len(results) == len(PROVINCES)
    for province, result in zip(PROVINCES, results, strict=True):
        terms = [t.term for t in result.terms]
        assert province in terms[:3], (province, terms)
        # Boilerplate every report shares sets none apart.
        assert not {"高质量发展", "稳中求进", "民生"} & set(terms)


def test_passing_mentions_elsewhere_do_not_bury_a_report_s_own_name(province_units) -> None:
    # Six of eight reports name 新疆维吾尔自治区 and 西藏 once; their own reports name them
    # eight times. A plain df counts each passing mention as much as the report's own use.
    def rank(results: list, province: str) -> int:
        (result,) = [r for r in results if r.unit.source == f"{province}.txt"]
        terms = [t.term for t in result.terms]
        return terms.index(province) if province in terms else len(terms)

    soft = summarize_units(province_units, None, top=10, sentences=0)
    plain = summarize_units(province_units, None, top=10, sentences=0, soft_df=False)
    for province in SUPPORTED:
        assert rank(soft, province) < 3
        assert rank(soft, province) < rank(plain, province)


def test_weights_descend_ties_by_term_and_summary_is_verbatim(province_units) -> None:
    texts = {f"{p}.txt": _report(p, local) for p, local in PROVINCES.items()}
    for result in summarize_units(province_units, None, top=10, sentences=2):
        keys = [(-t.weight, t.term) for t in result.terms]
        assert keys == sorted(keys)
        assert all(t.weight > 0 for t in result.terms)
        text = texts[result.unit.source]
        assert 1 <= len(result.summary) <= 2
        offsets = [s.offset for s in result.summary]
        assert offsets == sorted(offsets)
        for sentence in result.summary:
            assert text[sentence.offset:sentence.offset + len(sentence.text)] == sentence.text
        # The sentence that names the province and its local subject carries the report.
        province = result.unit.source.removesuffix(".txt")
        assert any(province in s.text for s in result.summary)


def test_offsets_point_into_the_text_as_read(segmenter) -> None:
    # CRLF line ends and full-width digits are analysed as "\n" and ASCII, but the sentence
    # offsets and text come from the document exactly as read.
    text = ("标题\r\n\r\n江苏推进沿江港口建设，江苏港口吞吐量增长１２％。\r\n"
            "宁夏枸杞品牌扩大影响。\r\n")
    units = document_units(text, segmenter, source="x", by="paragraph")
    results = summarize_units(units, None, top=5, sentences=3)
    sentences = [s for r in results for s in r.summary]
    assert any("１２％" in s.text for s in sentences)
    for s in sentences:
        assert text[s.offset:s.offset + len(s.text)] == s.text
        assert "\r" not in s.text and "\n" not in s.text


def test_a_table_weighs_by_domain_idf(segmenter) -> None:
    from xzcli.tfidf import DocumentFrequencies

    table = DocumentFrequencies()
    for _ in range(50):
        table.add(["发展", "建设"])
    table.add(["枸杞"])
    text = "发展发展发展建设建设。枸杞。"
    units = document_units(text, segmenter, source="x", by="document")
    (result,) = summarize_units(units, table, top=3, sublinear_tf=False)
    assert [t.term for t in result.terms][0] == "枸杞"  # one rare term beats frequent common ones
    # A term the table has never seen weighs as df = 0: never below a term it has seen.
    (unseen,) = summarize_units(document_units("枸杞。黄河鲤鱼。", segmenter, source="y",
                                               by="document"), table, top=3)
    weights = {t.term: t.weight for t in unseen.terms}
    assert weights["鲤鱼"] >= weights["枸杞"]


# -- CLI ----------------------------------------------------------------------------------------
@pytest.fixture
def province_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for province, local in PROVINCES.items():
        (folder / f"{province}.txt").write_text(_report(province, local), encoding="utf-8")
    return folder


def test_cli_several_inputs_one_unit_per_document(xz, province_folder: Path) -> None:
    run = xz("tfidf", province_folder, "-f", "json", "--top", "5", "--sentences", "1")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "xzcli.tfidf/1"
    # Fewer than ten inputs: the policy table weighs in too.
    assert data["by"] == "document" and data["idf"]["source"] == "policy"
    assert len(data["documents"]) == len(PROVINCES)
    for doc in data["documents"]:
        assert set(doc) == {"source", "terms", "summary"}
        province = Path(doc["source"]).stem
        assert province in [t["term"] for t in doc["terms"]]
        text = Path(doc["source"]).read_text(encoding="utf-8")
        (sentence,) = doc["summary"]
        assert set(sentence) == {"text", "offset", "score"}
        assert text[sentence["offset"]:][:len(sentence["text"])] == sentence["text"]
    again = xz("tfidf", province_folder, "-f", "json", "--top", "5", "--sentences", "1")
    assert again.stdout == run.stdout  # byte-identical


def test_cli_one_input_sections_with_builtin_idf(xz, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("区十五五规划\n\n一、产业发展\n\n壮大新能源汽车产业集群，培育先进制造业"
                    "集群。\n\n二、民生保障\n\n新建养老服务中心，扩大普惠托育供给，办好人民"
                    "满意的教育。\n", encoding="utf-8")
    run = xz("tfidf", path, "-f", "json", "--top", "4")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["by"] == "section" and data["idf"]["source"] == "policy"
    assert data["idf"]["documents"] > 1000
    assert any(d["name"] == "policy_idf.tsv" for d in data["dictionaries"])
    sections = {s["heading"]: s for s in data["sections"]}
    assert {"产业发展", "民生保障"} <= set(sections)
    assert all(set(s) == {"source", "heading", "offset", "terms", "summary"}
               for s in data["sections"])
    welfare = [t["term"] for t in sections["民生保障"]["terms"]]
    assert any("养老" in t or "托育" in t for t in welfare), welfare
    industry = [t["term"] for t in sections["产业发展"]["terms"]]
    assert not any("养老" in t or "托育" in t for t in industry), industry
    text = path.read_text(encoding="utf-8")
    for section in data["sections"]:
        assert text[section["offset"]:].startswith(section["heading"]) or section["heading"] \
            in text[section["offset"]:section["offset"] + 20]


def test_cli_paragraphs_csv_and_table(xz, province_folder: Path) -> None:
    path = province_folder / "宁夏.txt"
    run = xz("tfidf", path, "--by", "paragraph", "-f", "csv", "--top", "2")
    assert run.code == 0, run.stderr
    header, *rows = run.stdout.splitlines()
    assert header == "source,heading,index,item,rank,text,value,offset"
    assert any(",term,1," in r for r in rows) and any(",sentence,1," in r for r in rows)
    table = xz("tfidf", province_folder, "--top", "3")
    assert table.code == 0 and "宁夏" in table.stdout and "weight" in table.stdout


def test_cli_bad_idf_is_a_one_line_error(xz, province_folder: Path, tmp_path: Path) -> None:
    missing = xz("tfidf", province_folder, "--idf", tmp_path / "nope.tsv")
    assert missing.code == 1 and "nope.tsv" in missing.stderr
    bad = tmp_path / "bad.tsv"
    bad.write_text("江苏\t3\n", encoding="utf-8")
    run = xz("tfidf", province_folder, "--idf", bad)
    assert run.code == 1 and "documents=N" in run.stderr and "Traceback" not in run.stderr


def test_keywords_does_not_import_sklearn(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("推动高质量发展，优化营商环境。\n", encoding="utf-8")
    code = (
        "import sys\n"
        "import xzcli.cli\n"
        "try:\n"
        f"    xzcli.cli.main(['keywords', {str(path)!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('sklearn', 'scipy', 'numpy') if m in sys.modules)\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert '"keywords"' in result.stdout
    assert "HEAVY=" in result.stderr
    assert result.stderr.rsplit("HEAVY=", 1)[1].strip() == ""


# -- the shared corpus ---------------------------------------------------------------------------
# Each theme's subject as word pieces, written from what the sections are about (the words of
# the headings themselves, 内核 范式 福祉 蝶变, are left out: they would make it too easy).
THEMES = {
    "新内核": ("产业", "改革", "营商", "创新", "企业", "科技", "GDP", "能耗", "招商", "国企"),
    "新范式": ("城", "乡", "融合", "空间", "号线", "园区", "农文旅", "更新", "交通"),
    "新福祉": ("教育", "学", "医", "养老", "健康", "托育", "民生", "获得感", "治理", "安全"),
    "新气象": ("绿色", "理念", "精神", "生态", "气质", "文明", "PM", "成长", "风貌"),
}


def _subject_terms(terms: list[str], theme: str) -> list[str]:
    return [t for t in terms if any(piece in t for piece in THEMES[theme])]


def test_article_sections_name_their_own_subject(xz, article_path: Path) -> None:
    data = json.loads(xz("tfidf", article_path, "-f", "json").stdout)
    assert data["idf"]["source"] == "policy" and data["by"] == "section"
    seen = set()
    for section in data["sections"]:
        theme = (section["heading"] or "")[:3]
        if theme not in THEMES:
            continue
        seen.add(theme)
        terms = [t["term"] for t in section["terms"]]
        own = _subject_terms(terms, theme)
        # At least three of the section's ten terms are its own subject, more than any
        # other theme's.
        assert len(own) >= 3, (theme, terms)
        for other in THEMES:
            if other != theme:
                assert len(_subject_terms(terms, other)) < len(own), (theme, other, terms)
    assert seen == set(THEMES)


PLAN_YEARS = {2006: "十一五", 2011: "十二五", 2016: "十三五", 2021: "十四五", 2026: "十五五"}
ORDINALS = {"十一五": "第十一个", "十二五": "第十二个", "十三五": "第十三个", "十四五": "第十四个",
            "十五五": "第十五个"}


def test_work_reports_name_their_own_plan(xz, corpus_dir: Path, tmp_path: Path) -> None:
    # An analogue of 31 provinces' reports of one year: 21 national reports, 2006-2026; in the
    # years a five-year plan starts, the report's top ten name that plan.
    reports = corpus_dir / "national-work-reports"
    paths = [reports / f"{year}.txt" for year in range(2006, 2027)]
    if not all(p.is_file() for p in paths):
        pytest.skip("national work reports 2006-2026 not in the corpus")
    data = json.loads(xz("tfidf", *paths, "-f", "json", "--sentences", "1").stdout)
    tops = {int(Path(d["source"]).stem): [t["term"] for t in d["terms"]]
            for d in data["documents"]}
    for year, plan in PLAN_YEARS.items():
        assert any(plan in t or ORDINALS[plan] in t for t in tops[year]), (year, tops[year])
    assert any("疫情" in t for t in tops[2020]), tops[2020]


def test_cli_paragraph_units_from_stdin(xz) -> None:
    text = ("区规划\n\n一、产业发展\n\n壮大新能源汽车产业集群。培育先进制造业集群。\n\n"
            "新建港口码头，港口吞吐量增长。\n\n二、民生保障\n\n新建养老服务中心。\n")
    run = xz("tfidf", "-", "--by", "paragraph", "-f", "json", "-n", "3", stdin=text.encode())
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["by"] == "paragraph"
    paragraphs = data["paragraphs"]
    assert [p["section"] for p in paragraphs] == ["产业发展", "产业发展", "民生保障"]
    assert [p["index"] for p in paragraphs] == sorted(p["index"] for p in paragraphs)
    assert all(set(p) == {"source", "index", "section", "offset", "terms", "summary"}
               for p in paragraphs)
    assert paragraphs[1]["terms"][0]["term"] == "港口"
    for p in paragraphs:
        assert text[p["offset"]:].startswith(p["summary"][0]["text"]) or \
            p["summary"][0]["offset"] > p["offset"]
        for s in p["summary"]:
            assert text[s["offset"]:s["offset"] + len(s["text"])] == s["text"]


@pytest.mark.parametrize("by", ["document", "section", "paragraph"])
def test_cli_input_without_content_terms(xz, by: str) -> None:
    run = xz("tfidf", "-", "--by", by, "-f", "json", stdin="。。123\n".encode())
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    units = data[by + "s"]
    assert all(u["terms"] == [] and u["summary"] == [] for u in units)
    assert "no content terms" in run.stderr


# -- the analysis contract: analyse / merge / payload ----------------------------------------------
def _packed_records(docs: list, by: str, options, *, spill_chars: int | None = None,
                    monkeypatch=None) -> list:
    import pickle

    from xzcli import tfidf

    if spill_chars is not None:
        monkeypatch.setattr(tfidf, "SPILL_CHARS", spill_chars)
    total = tfidf.TfidfUnits()
    for doc in docs:
        # Each document's result crosses a process boundary in a pool: pickled.
        total = tfidf.merge(total, pickle.loads(pickle.dumps(tfidf.analyse(doc, _seg(), by=by))))
    try:
        return tfidf.payload(total, options)[tfidf.UNIT_KEYS[by]]
    finally:
        total.close()


def _seg():
    from xzcli.pipeline import SegmenterSpec, cached_segmenter

    return cached_segmenter(SegmenterSpec())


@pytest.mark.parametrize("sublinear", [True, False])
@pytest.mark.parametrize("soft_df", [True, False])
@pytest.mark.parametrize("with_table", [True, False])
@pytest.mark.parametrize("by", ["document", "section", "paragraph"])
def test_packed_units_weigh_as_the_units_do(
        segmenter, monkeypatch, sublinear: bool, soft_df: bool, with_table: bool,
        by: str) -> None:
    # analyse/merge/payload (what `xzcli tfidf` runs) gives summarize_units' records, float
    # for float, whether the units stay in memory or go to disk on the way.
    from xzcli.sources import Document
    from xzcli.tfidf import DocumentFrequencies, TfidfOptions, unit_record

    table = None
    if with_table:
        table = DocumentFrequencies()
        for _ in range(20):
            table.add(["发展", "改革", "生态"])
    docs = [Document(f"{p}.txt", _report(p, local), None) for p, local in PROVINCES.items()]
    docs.insert(3, Document("empty.txt", "。", None))
    docs.append(Document("quoted.txt", "一、“千万工程”\n\n推进“千万工程”，建设宜居宜业和美乡村。\n"
                                       "二、民生\n\n提高养老金。\n", None))
    units = [u for d in docs for u in document_units(d.text, segmenter, source=d.source, by=by)]
    expected = [unit_record(r, by) for r in summarize_units(
        units, table, top=8, sentences=2, sublinear_tf=sublinear, soft_df=soft_df)]
    options = TfidfOptions(by=by, top=8, sentences=2, sublinear=sublinear, idf=table,
                           soft_df=soft_df)
    assert _packed_records(docs, by, options) == expected
    assert _packed_records(docs, by, options, spill_chars=50, monkeypatch=monkeypatch) == expected
    assert any(r["terms"] for r in expected) and any(r["summary"] for r in expected)


@pytest.mark.parametrize("by", ["section", "paragraph"])
def test_pack_all_packs_each_unit_as_pack_does(segmenter, by: str) -> None:
    # One pass over the document's parts, or one unit at a time (also what pack_all falls
    # back to for parts out of order): the same units, array for array.
    import numpy as np

    from xzcli import tfidf

    text = _report("江苏", PROVINCES["江苏"]) + "\n\n二、图表\n\n2024\n\n没有句号的一段\n"
    terms = tfidf._DocumentTerms(tfidf._term_positions(text, segmenter))
    parts = tfidf._parts(text, by)
    spans = [(p.start, p.end, p.sentences) for p in parts]
    heads = [("r.txt", by, k, p.heading, p.start, p.end, p.section) for k, p in enumerate(parts)]

    def fields(unit: tfidf.PackedUnit) -> list:
        return [(v.dtype, v.tolist()) if isinstance(v, np.ndarray) else v
                for v in vars(unit).values()]

    for keep_empty in (False, True):
        alone = [terms.pack(text, s, lo, hi, head=h, keep_empty=keep_empty)
                 for (lo, hi, s), h in zip(spans, heads, strict=True)]
        expected = [fields(u) for u in alone if u is not None]
        assert [fields(u) for u in terms.pack_all(text, spans, heads,
                                                  keep_empty=keep_empty)] == expected
        backwards = terms.pack_all(text, spans[::-1], heads[::-1], keep_empty=keep_empty)
        assert [fields(u) for u in backwards] == expected[::-1]
    assert len(parts) >= 2


def test_tfidf_units_merge_in_order_and_cross_processes_whole(monkeypatch) -> None:
    import copy
    import pickle

    from xzcli import tfidf
    from xzcli.sources import Document

    monkeypatch.setattr(tfidf, "SPILL_CHARS", 10)
    docs = [Document(f"{p}.txt", _report(p, local), None) for p, local in PROVINCES.items()]
    left = tfidf.TfidfUnits()
    for doc in docs[:4]:
        left = tfidf.merge(left, tfidf.analyse(doc, _seg(), by="paragraph"))
    right = tfidf.TfidfUnits()
    for doc in docs[4:]:
        right = tfidf.merge(right, tfidf.analyse(doc, _seg(), by="paragraph"))
    # A spilled total pickles (and copies) with its units, in order.
    moved = pickle.loads(pickle.dumps(right))
    assert [u.source for u in moved.units()] == [u.source for u in right.units()]
    assert [u.source for u in copy.deepcopy(left).units()] == [u.source for u in left.units()]
    sources = [u.source for u in tfidf.merge(left, moved).units()]
    assert sources == sorted(sources, key=[d.source for d in docs].index)
    assert set(sources) == {d.source for d in docs}
    left.close()
    right.close()


def test_schema_is_the_api_s() -> None:
    from xzcli import api, tfidf

    assert api.SCHEMAS["tfidf"] == tfidf.SCHEMA


@pytest.mark.parametrize("unit", ["file", "section", "paragraph"])
def test_document_frequencies_count_the_units_terms(segmenter, unit: str) -> None:
    # idf build counts the terms of the units tfidf weighs (with the lexicon terms inside).
    from xzcli.tfidf import DocumentFrequencies, _with_inner_terms, count_document_frequencies

    text = "".join(_report(p, local) for p, local in PROVINCES.items())
    expected = DocumentFrequencies()
    by = "document" if unit == "file" else unit
    for u in document_units(text, segmenter, source="", by=by):
        if u.counts:
            expected.add(_with_inner_terms(u.counts, segmenter))
    found = count_document_frequencies(text, segmenter, unit=unit)
    assert (found.df, found.n_documents) == (expected.df, expected.n_documents)
    assert found.n_documents > (8 if unit == "paragraph" else 0)
