"""usage: per-document counts and rates that agree with kwic, years, and when a term appears."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xzcli.kwic import build_queries
from xzcli.sources import Document
from xzcli.usage import TermUsage, by_year, count_usage, sparkline, summarize, year_of


def _usage(source: str, text: str, *terms: str) -> TermUsage:
    return count_usage(Document(source, text, "utf-8"), None, queries=build_queries(list(terms)))


# -- library ---------------------------------------------------------------------------------
def test_year_from_file_name_or_date_line() -> None:
    assert year_of("reports/2024.txt") == 2024
    assert year_of("plans/2021-十四五规划纲要.txt") == 2021
    assert year_of("1964-part.txt") == 1964
    assert year_of("01_00_报告.txt", "报告\n") is None
    assert year_of("a.txt", "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会\n") == 2024
    assert year_of("a.txt", "报告\n（一九八二年九月一日）\n正文") == 1982
    assert year_of("-", "题目\n（2017年10月18日）\n") == 2017
    # A year that body text mentions is history, not the document's date.
    body = "同志们：\n" + "自从一九七六年十月粉碎反革命集团以来，经过全党和全国各族人民的努力，" * 2
    assert year_of("a.txt", body) is None


def test_counts_rates_and_merging() -> None:
    terms = ("高质量发展", "新质生产力")
    one = _usage("2023.txt", "推动高质量发展。\n高质量发展是首要任务。", *terms)
    assert (one.year, one.counts) == (2023, {"高质量发展": 2, "新质生产力": 0})
    assert one.chars == 19  # whitespace (the line end) does not count
    assert one.per_10k() == {"高质量发展": round(2 * 10000 / 19, 2), "新质生产力": 0.0}
    crlf = _usage("2023.txt", "推动高质量发展。\r\n高质量发展是首要任务。", *terms)
    assert crlf.per_10k() == one.per_10k()
    two = _usage("2023-b.txt", "发展新质生产力。", *terms)
    merged = TermUsage("all", None, 0, {}, 0).merge(one).merge(two)
    assert merged.counts == {"高质量发展": 2, "新质生产力": 1}
    assert (merged.chars, merged.documents) == (one.chars + two.chars, 2)


def test_by_year_and_summary() -> None:
    docs = [_usage("2023.txt", "高质量发展", "高质量发展"),
            _usage("2024-a.txt", "高质量发展高质量发展", "高质量发展"),
            _usage("2024-b.txt", "发展", "高质量发展"),
            _usage("notes.txt", "高质量发展", "高质量发展")]
    years, undated = by_year(docs)
    assert [(y.year, y.documents, y.counts["高质量发展"]) for y in years] == [(2023, 1, 1),
                                                                          (2024, 2, 2)]
    assert [u.source for u in undated] == ["notes.txt"]
    (s,) = summarize(["高质量发展"], docs)
    assert (s.count, s.documents, s.first_year, s.last_year) == (4, 3, 2023, 2024)
    assert docs[0].counts == {"高质量发展": 1}  # grouping by year leaves the documents alone


def test_sparkline() -> None:
    assert sparkline([0, 1, 2, 4]) == " ▃▅█"  # eight steps, rounded; zero is blank
    assert sparkline([0.01, 100]) == "▁█"  # any use at all shows
    assert sparkline([0, 0]) == "  "


# -- the command -----------------------------------------------------------------------------
def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_terms_then_paths_and_usage_errors(xz, tmp_path: Path) -> None:
    a = _write(tmp_path, "2023.txt", "推动高质量发展。")
    b = _write(tmp_path, "2024.txt", "发展新质生产力，推动高质量发展。")
    run = xz("usage", "新质生产力", "高质量发展", a, b, "-f", "json")
    assert run.code == 0
    result = json.loads(run.stdout)
    assert result["terms"] == ["新质生产力", "高质量发展"]
    assert [d["counts"] for d in result["documents"]] == [
        {"新质生产力": 0, "高质量发展": 1}, {"新质生产力": 1, "高质量发展": 1}]
    assert [(s["term"], s["first_year"]) for s in result["summary"]] == [
        ("新质生产力", 2024), ("高质量发展", 2023)]
    by_t = xz("usage", "-t", "新质生产力", "-t", "高质量发展", a, b, "-f", "json")
    assert by_t.stdout == run.stdout
    assert xz("usage", a).code == 2                      # no term
    assert xz("usage", "新质生产力").code == 2             # no path
    missing = xz("usage", "新质生产力", tmp_path / "nope.txt", a)
    assert missing.code == 1 and "no such file" in missing.stderr


def test_a_term_that_never_occurs(xz, tmp_path: Path) -> None:
    a = _write(tmp_path, "2023.txt", "推动高质量发展。")
    run = xz("usage", "某词", a, "-f", "json")
    assert run.code == 0
    (s,) = json.loads(run.stdout)["summary"]
    assert (s["count"], s["documents"], s["first_year"]) == (0, 0, None)
    assert "no occurrences of 某词 in 1 document(s)" in run.stderr


def test_aliases_count_under_their_concept(xz, tmp_path: Path) -> None:
    a = _write(tmp_path, "2023.txt", "优化营商环境，改善经营环境。")
    aliases = _write(tmp_path, "aliases.txt", "营商环境: 经营环境\n")
    result = json.loads(xz("usage", "营商环境", a, "--aliases", aliases, "-f", "json").stdout)
    assert result["documents"][0]["counts"] == {"营商环境": 2}
    assert result["aliases"] == {"营商环境": ["营商环境", "经营环境"]}


# -- the shared corpus -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def reports(corpus_dir: Path) -> Path:
    folder = corpus_dir / "national-work-reports"
    if not (folder / "2024.txt").is_file():
        pytest.skip("national work reports not in the shared corpus")
    return folder


def test_when_terms_appear_in_the_work_reports(xz, reports: Path) -> None:
    run = xz("usage", "新质生产力", "高质量发展", reports, "-f", "json")
    assert run.code == 0
    result = json.loads(run.stdout)
    summary = {s["term"]: s for s in result["summary"]}
    assert summary["新质生产力"]["first_year"] == 2024
    assert summary["高质量发展"]["first_year"] == 2018
    by_year = {d["year"]: d["counts"] for d in result["documents"]}
    # 新质生产力: once in 2024, then more each year.
    assert [by_year[y]["新质生产力"] for y in (2023, 2024, 2025, 2026)] == [0, 1, 2, 6]
    assert all(c["高质量发展"] == 0 for y, c in by_year.items() if y < 2018)


def test_usage_agrees_with_kwic(xz, reports: Path) -> None:
    paths = [reports / f"{y}.txt" for y in (2018, 2024, 2026)]
    usage = json.loads(xz("usage", "高质量发展,发展", *paths, "-f", "json").stdout)
    kwic = json.loads(xz("kwic", "高质量发展,发展", *paths, "-f", "json").stdout)
    for doc in usage["documents"]:
        for term, n in doc["counts"].items():
            assert n == sum(1 for h in kwic["hits"]
                            if h["source"] == doc["source"] and h["term"] == term)


def test_by_year_adds_up_the_documents_of_a_year(xz, reports: Path) -> None:
    result = json.loads(xz("usage", "社会主义", reports, "--by-year", "-f", "json").stdout)
    years = {y["year"]: y for y in result["years"]}
    docs_1964 = [d for d in result["documents"] if d["year"] == 1964]
    assert years[1964]["documents"] == len(docs_1964) == 2
    assert years[1964]["counts"]["社会主义"] == sum(d["counts"]["社会主义"] for d in docs_1964)
    assert years[1964]["chars"] == sum(d["chars"] for d in docs_1964)
