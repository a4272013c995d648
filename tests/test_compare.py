"""compare: keyness measures against hand computations, the sides, the built-in reference."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from xzcli.keyness import (
    TermTable,
    analyse,
    dispersion,
    format_reference_table,
    log_likelihood,
    log_ratio,
    parse_reference_table,
    percent_diff,
)
from xzcli.sources import Document

REPO = Path(__file__).resolve().parents[1]

# Lexicon terms between commas: each is one word token, punctuation takes no token, so the
# sizes below can be counted by eye. Target: 3 tokens; reference: 4 tokens.
TARGET = "高质量发展，新质生产力，高质量发展。\n"
REFERENCE = "新质生产力，营商环境，营商环境，碳中和。\n"


def _table(text: str, segmenter, source: str = "t.txt") -> TermTable:
    return TermTable().merge(analyse(Document(source, text, "utf-8"), segmenter))


def test_g2_and_log_ratio_match_a_hand_computation(segmenter) -> None:
    target, reference = _table(TARGET, segmenter), _table(REFERENCE, segmenter, "r.txt")
    assert (target.tokens, reference.tokens) == (3, 4)
    assert target.counts == {"高质量发展": 2, "新质生产力": 1}
    assert reference.counts == {"新质生产力": 1, "营商环境": 2, "碳中和": 1}
    # 高质量发展: a=2, b=0, c=3, d=4. E1 = 3*2/7 = 6/7; b contributes 0 ln 0 = 0.
    # G2 = 2 * 2 ln(2 / (6/7)) = 4 ln(7/3); log ratio = log2((2/3) / (0.5/4)) = log2(16/3).
    assert abs(log_likelihood(2, 0, 3, 4) - 4 * math.log(7 / 3)) < 1e-9
    assert abs(log_ratio(2, 0, 3, 4) - math.log2(16 / 3)) < 1e-9
    # 新质生产力: a=1, b=1; E1 = 6/7, E2 = 8/7; G2 = 2(ln(7/6) + ln(7/8)) = 2 ln(49/48),
    # positive (1/3 > 1/4); log ratio = log2((1/3) / (1/4)) = log2(4/3).
    assert abs(log_likelihood(1, 1, 3, 4) - 2 * math.log(49 / 48)) < 1e-9
    assert abs(log_ratio(1, 1, 3, 4) - math.log2(4 / 3)) < 1e-9
    # 营商环境, used only by the reference: negative G2 = -2 * 2 ln(2 / (8/7)) = -4 ln(7/4).
    assert abs(log_likelihood(0, 2, 3, 4) + 4 * math.log(7 / 4)) < 1e-9
    assert abs(log_ratio(0, 2, 3, 4) - math.log2((0.5 / 3) / (2 / 4))) < 1e-9
    # A round case: E1 = 5, E2 = 10, G2 = 2(10 ln 2 + 5 ln 0.5) = 10 ln 2; ratio 4.
    assert abs(log_likelihood(10, 5, 1000, 2000) - 10 * math.log(2)) < 1e-9
    assert abs(log_ratio(10, 5, 1000, 2000) - 2.0) < 1e-9
    assert abs(percent_diff(10, 5, 1000, 2000) - 300.0) < 1e-9


def test_dispersion_by_hand(segmenter) -> None:
    # 高质量发展 2 of 2 tokens in one document, 1 of 4 in the other: shares of the term 2/3,
    # 1/3; shares of the tokens 2/6, 4/6: DP = 0.5 (|2/3 - 1/3| + |1/3 - 2/3|) = 1/3.
    one = analyse(Document("a.txt", "高质量发展，高质量发展。", "utf-8"), segmenter)
    two = analyse(Document("b.txt", "高质量发展，新质生产力，营商环境，碳中和。", "utf-8"),
                  segmenter)
    table = TermTable().merge(one).merge(two)
    value = dispersion("高质量发展", table.parts)
    assert value is not None and abs(value - 1 / 3) < 1e-12
    assert dispersion("没有的词", table.parts) is None
    # Merging never changes a document's own counts (DP reads them).
    assert [p.counts["高质量发展"] for p in table.parts] == [2, 1]
    assert table.counts["高质量发展"] == 3 and table.document_counts()["高质量发展"] == 2


def test_packed_parts_give_each_terms_dispersion_in_one_pass(segmenter) -> None:
    """A target document's counts are kept packed; dispersions() of several terms at once is
    dispersion() of each, and both are Gries' DP computed from the counts as they were."""
    from collections import Counter

    from xzcli.keyness import dispersions

    texts = ["高质量发展，新质生产力，高质量发展。", "营商环境，碳中和，高质量发展，营商环境。",
             "新质生产力。", "碳中和，碳中和，碳中和，高质量发展。"]
    docs = [analyse(Document(f"{i}.txt", t, "utf-8"), segmenter) for i, t in enumerate(texts)]
    table = TermTable()
    for doc in docs:
        table.merge(doc)
    assert [dict(p.counts) for p in table.parts] == [dict(d.counts) for d in docs]
    assert all(isinstance(p.counts, Counter) for p in table.parts)
    from xzcli.keyness import Part

    odd = {"碳达峰碳中和": 2**40, "x\udc80y": 1, "a": 3, "新质生产力": 7}
    assert Part.of("o.txt", "0", 1, odd).counts == odd
    assert Part.of("e.txt", "0", 0, {}).counts == Counter()
    nul = {"a\0b": 2, "新质生产力": 1, "\0": 5}  # terms that hold NUL: their lengths are kept
    assert Part.of("n.txt", "0", 1, nul).counts == nul
    assert Part.of("s.txt", "0", 1, {"碳中和": 4}).count_map() == {"碳中和": 4}
    terms = ["碳中和", "高质量发展", "没有的词", "新质生产力", "营商环境"]
    found = dispersions(terms, table.parts)
    tokens = [d.tokens for d in docs]
    for term in terms:
        assert found[term] == dispersion(term, table.parts)
        counts = [d.counts.get(term, 0) for d in docs]
        if not sum(counts):
            assert found[term] is None
            continue
        by_hand = 0.5 * math.fsum(sorted(abs(c / sum(counts) - n / sum(tokens))
                                         for c, n in zip(counts, tokens, strict=True)))
        assert found[term] == by_hand


def test_nested_terms_count_but_give_way_to_their_listed_host(segmenter) -> None:
    from xzcli.keyness import CompareOptions, Comparison, keyness

    target = _table("全国统一大市场，全国统一大市场，全国统一大市场，碳达峰碳中和，碳达峰。",
                    segmenter)
    assert target.tokens == 5
    assert (target.counts["统一大市场"], target.nested["统一大市场"]) == (3, 3)
    assert (target.counts["碳达峰"], target.nested["碳达峰"]) == (2, 1)
    reference = _table("营商环境，营商环境，营商环境，营商环境，营商环境。", segmenter, "r.txt")
    options = CompareOptions(min_count=1, min_g2=0)
    found = [k.term for k in keyness(Comparison(target, reference), segmenter, options)]
    # 统一大市场 and 碳中和 never stand alone and their hosts are listed; 碳达峰 does, once,
    # which is enough with --min-count 1.
    assert {"全国统一大市场", "碳达峰碳中和", "碳达峰"} <= set(found)
    assert not {"统一大市场", "碳中和"} & set(found)


def test_reference_table_round_trip(segmenter) -> None:
    table = TermTable().merge(_table(REFERENCE, segmenter, "r.txt"))
    text = format_reference_table(table, description="test", min_count=1)
    back = parse_reference_table(text.splitlines(), "ref.tsv")
    assert (back.counts, back.tokens, back.n_documents) == (table.counts, 4, 1)
    assert back.document_counts()["营商环境"] == 1 and back.sha256s == table.sha256s


# -- the command ---------------------------------------------------------------------------------
def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_compare_json_envelope_and_signs(xz, tmp_path: Path) -> None:
    t = _write(tmp_path, "t.txt", TARGET * 3)
    r = _write(tmp_path, "r.txt", REFERENCE * 3)
    out = xz("compare", t, "-r", r, "-f", "json", "--min-count", "1", "--min-g2", "0")
    assert out.code == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == "xzcli.compare/1"
    assert [(i["source"], i["side"]) for i in data["inputs"]] == [(str(t), "target"),
                                                                   (str(r), "reference")]
    terms = {k["term"]: k for k in data["terms"]}
    assert list(terms) == ["高质量发展", "新质生产力"]
    assert terms["高质量发展"]["g2"] == round(4 * 3 * math.log(7 / 3), 4)
    negative = json.loads(xz("compare", t, "-r", r, "-f", "json", "--negative",
                             "--min-count", "1", "--min-g2", "0").stdout)
    assert [k["term"] for k in negative["terms"]] == ["营商环境", "碳中和"]
    assert all(k["g2"] < 0 for k in negative["terms"])


def test_compare_refuses_itself_and_empty_sides(xz, tmp_path: Path) -> None:
    t = _write(tmp_path, "t.txt", TARGET)
    same = xz("compare", t, "-r", t)
    assert same.code == 1 and same.stderr.count("\n") == 1
    assert "same text as the target" in same.stderr and "Traceback" not in same.stderr
    copy = _write(tmp_path, "copy.txt", TARGET)  # another name, the same text
    assert "same text" in xz("compare", t, "-r", copy).stderr
    empty = _write(tmp_path, "empty.txt", "，。\n")
    out = xz("compare", t, "-r", empty)
    assert out.code == 1 and "reference holds no words" in out.stderr
    out = xz("compare", empty, "-r", t)
    assert out.code == 1 and "target holds no words" in out.stderr
    assert xz("compare", t).code == 2  # no reference
    assert xz("compare", t, "-r", "policy", "-r", t).code == 2


def test_compare_with_a_shared_document_takes_it_out(xz, tmp_path: Path) -> None:
    t = _write(tmp_path, "t.txt", TARGET)
    r = _write(tmp_path, "r.txt", REFERENCE)
    out = xz("compare", t, "-r", r, "-r", t, "-f", "json", "--min-count", "1", "--min-g2", "0")
    assert out.code == 0 and "also in the reference" in out.stderr
    assert json.loads(out.stdout)["reference"]["tokens"] == 4


def test_compare_formats(xz, tmp_path: Path) -> None:
    t = _write(tmp_path, "t.txt", TARGET * 3)
    r = _write(tmp_path, "r.txt", REFERENCE * 3)
    common = ("compare", t, "-r", r, "--min-count", "1", "--min-g2", "0")
    csv = xz(*common, "-f", "csv").stdout.splitlines()
    assert csv[0].startswith("rank,term,target_count,reference_count")
    assert csv[1].startswith("1,高质量发展,6,0,")
    assert xz(*common, "-f", "tsv").stdout.splitlines()[1].split("\t")[1] == "高质量发展"
    lines = xz(*common, "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["term"] for line in lines] == ["高质量发展", "新质生产力"]
    assert "高质量发展" in xz(*common).stdout


def test_policy_reference_is_described_and_fingerprinted(xz, sample_path: Path) -> None:
    out = xz("compare", sample_path, "-r", "policy", "-f", "json", "--min-count", "2")
    assert out.code == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["reference"]["origin"] == "policy"
    assert "national government work reports" in data["reference"]["description"]
    assert "2024.txt" in data["reference"]["sources"]
    assert any(d["name"] == "policy_reference.tsv" for d in data["dictionaries"])
    # The sample looks ahead to the 15th five-year plan, which the reports name 11 times,
    # and gives its 地区生产总值 (national reports say 国内生产总值: 0 in the reference).
    assert [(k["term"], k["target_count"]) for k in data["terms"]][:2] == [
        ("地区生产总值", 2), ("十五五", 2)]
    assert data["reference"]["tokens"] == parse_reference_table(
        (REPO / "dictionaries" / "policy_reference.tsv").read_text("utf-8").splitlines(),
        "policy").tokens


def test_serial_and_two_jobs_give_identical_json(xz, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import xzcli.pipeline

    monkeypatch.setattr(xzcli.pipeline, "PARALLEL_MIN_BYTES", 0)  # use the pool on small files
    targets = [_write(tmp_path, f"t{i}.txt", TARGET * (i + 1) + REFERENCE) for i in range(5)]
    refs = [a for i in range(4)
            for a in ("-r", _write(tmp_path, f"r{i}.txt", REFERENCE * (i + 1) + TARGET))]
    common = ("compare", *targets, *refs, "-f", "json", "--min-count", "1", "--min-g2", "0")
    serial, parallel = xz(*common, "-j", "1"), xz(*common, "-j", "2")
    assert serial.code == 0 and serial.stdout == parallel.stdout
    assert json.loads(serial.stdout)["terms"][0]["dp"] is not None


# -- the shared corpus -------------------------------------------------------------------------
EXPECTED = {
    # Terms of that year's policy a reader would look for; each must be in the top 20.
    "2024": {"高质量发展", "全国统一大市场", "乡村全面振兴", "产业链供应链", "中小金融机构"},
    "2025": {"中国式现代化", "提振消费", "化债", "教育强国", "拖欠企业账款"},
    "2026": {"十五五", "新质生产力", "人工智能", "超长期特别国债", "关键核心技术攻关"},
}


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_recent_reports_against_2014_2016(xz, corpus_dir: Path, year: str) -> None:
    reports = corpus_dir / "national-work-reports"
    refs = [a for y in (2014, 2015, 2016) for a in ("-r", reports / f"{y}.txt")]
    out = xz("compare", reports / f"{year}.txt", *refs, "-n", "20", "-f", "json")
    assert out.code == 0, out.stderr
    top = [k["term"] for k in json.loads(out.stdout)["terms"]]
    assert len(top) == 20 and EXPECTED[year] <= set(top), top
    # Generic nouns do not fill the list.
    assert not {"政策", "优势", "布局", "人才", "问题", "工作"} & set(top)


def test_local_text_names_its_place_first(xz, article_path: Path, corpus_dir: Path) -> None:
    reports = corpus_dir / "national-work-reports"
    refs = [a for y in range(2021, 2026) for a in ("-r", reports / f"{y}.txt")]
    out = xz("compare", article_path, *refs, "-n", "10", "--min-count", "1", "-f", "json")
    top = [k["term"] for k in json.loads(out.stdout)["terms"]]
    assert {"徐州", "徐州高新区", "苏北"} <= set(top), top


def test_a_national_report_against_policy_is_taken_out(xz, corpus_dir: Path) -> None:
    report = corpus_dir / "national-work-reports" / "2024.txt"
    out = xz("compare", report, "-r", "policy", "-f", "json", "-n", "5")
    assert out.code == 0 and "taken out of it: " in out.stderr
    data = json.loads(out.stdout)
    assert data["reference"]["documents"] == 58 and "2024.txt" not in data["reference"]["sources"]


def test_the_three_commands_on_a_dask_cluster_give_the_local_result(
        xz, tmp_path: Path, dask_scheduler: str) -> None:
    targets = [_write(tmp_path, f"t{i}.txt", TARGET * (i + 1) + REFERENCE) for i in range(3)]
    refs = [_write(tmp_path, f"r{i}.txt", REFERENCE * (i + 1) + TARGET) for i in range(3)]
    for args in (("compare", *targets, *(a for r in refs for a in ("-r", r)), "--min-count",
                  "1", "--min-g2", "0"),
                 ("collocates", "新质生产力", *targets, *refs, "--min-count", "1"),
                 ("ngrams", *targets, *refs, "--min-count", "1")):
        local = xz(*args, "-f", "json", "-j", "1")
        remote = xz(*args, "-f", "json", "--scheduler", dask_scheduler)
        assert remote.code == 0, remote.stderr
        assert remote.stdout == local.stdout, args[0]
