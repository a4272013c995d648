"""kwic, usage and keywords as analyses: analyse one document, merge results, build the payload.

Each module is called directly, without the runner: a merge of per-document results, grouped
any way, gives the payload of one run over all of them; and the API gives the same result
serially, in worker processes and on a Dask cluster.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest

import xzcli.pipeline as pipeline
from xzcli import api, keywords, kwic, usage
from xzcli.errors import UsageError
from xzcli.sources import Document

R = TypeVar("R")

DOCS = [
    Document("2023-甲.txt",
             "加快发展新质生产力。\n新质生产力是高质量发展的要求，推动高质量发展。\n", "utf-8"),
    Document("2024-乙.txt", "推动高质量发展，营商环境持续优化。\n", "utf-8"),
    Document("2023-丙.txt", "培育新质生产力，发展新质生产力，壮大新质生产力。\n", "utf-8"),
    Document("丁.txt", "营商环境和高质量发展。\n", "utf-8"),
]


def _groupings(analyse: Callable[[Document], R], merge: Callable[[R, R], R],
               empty: Callable[[], R]) -> list[R]:
    """The documents' results merged left to right, right to left (nested), in pairs, and
    each into an empty start, the way a serial run, a pool's batches and a parent do."""
    def fresh() -> list[R]:
        return [analyse(d) for d in DOCS]

    a, b, c, d = fresh()
    left = merge(merge(merge(a, b), c), d)
    a, b, c, d = fresh()
    right = merge(a, merge(b, merge(c, d)))
    a, b, c, d = fresh()
    pairs = merge(merge(a, b), merge(c, d))
    total = empty()
    for result in fresh():
        total = merge(total, result)
    return [left, right, pairs, total]


# -- kwic --------------------------------------------------------------------------------------
def _kwic_options(terms: Sequence[str], **how: Any) -> kwic.KwicOptions:
    return kwic.KwicOptions(tuple(terms), tuple(kwic.build_queries(list(terms))), **how)


def test_kwic_analyse_finds_each_hit_with_its_place(segmenter) -> None:
    options = _kwic_options(["新质生产力"], width=2)
    found = kwic.analyse(DOCS[0], segmenter, queries=options.queries, width=2)
    assert found.documents == 1
    assert [(h.offset, h.line, h.left, h.match, h.right) for h in found.hits] == [
        (4, 1, "发展", "新质生产力", "。\n"), (11, 2, "。\n", "新质生产力", "是高")]
    assert all(DOCS[0].text[h.offset:h.end] == h.match for h in found.hits)


def test_kwic_merge_in_any_grouping_gives_one_payload(segmenter) -> None:
    options = _kwic_options(["新质生产力", "高质量发展"], width=3)

    def analyse(doc: Document) -> kwic.Hits:
        return kwic.analyse(doc, segmenter, queries=options.queries, width=3)

    payloads = [kwic.payload(r, options)
                for r in _groupings(analyse, kwic.merge, kwic.Hits)]
    assert all(p == payloads[0] for p in payloads[1:])
    body = payloads[0]
    assert body["term"] == "新质生产力,高质量发展" and body["documents"] == 4
    assert body["terms"] == [{"term": "新质生产力", "concept": "新质生产力", "count": 5},
                             {"term": "高质量发展", "concept": "高质量发展", "count": 4}]
    assert body["count"] == len(body["hits"]) == 9
    # Input order, then offset within each document.
    places = [(h["source"], h["offset"]) for h in body["hits"]]
    order = {d.source: i for i, d in enumerate(DOCS)}
    assert places == sorted(places, key=lambda p: (order[p[0]], p[1]))
    assert list(body["hits"][0]) == list(kwic.COLUMNS)


def test_kwic_payload_orders_by_context_and_refuses_an_unknown_order(segmenter) -> None:
    options = _kwic_options(["新质生产力"], width=2, sort="left")
    total = kwic.Hits()
    for doc in DOCS:
        total = kwic.merge(total, kwic.analyse(doc, segmenter, queries=options.queries, width=2))
    lefts = [h["left"] for h in kwic.payload(total, options)["hits"]]
    # The left context read backwards, so 发展 and 加快 … group by their last character.
    assert lefts == sorted(lefts, key=lambda s: s[::-1])
    assert len(lefts) == 5
    with pytest.raises(UsageError, match="--sort"):
        kwic.check_sort("middle")
    with pytest.raises(UsageError, match="--sort"):
        api.kwic("新质生产力", DOCS, sort="middle")


def test_kwic_with_no_hit_counts_the_documents_searched(segmenter) -> None:
    options = _kwic_options(["碳中和"])
    total = kwic.merge(kwic.analyse(DOCS[0], segmenter, queries=options.queries),
                       kwic.analyse(DOCS[1], segmenter, queries=options.queries))
    body = kwic.payload(total, options)
    assert (body["count"], body["documents"], body["hits"]) == (0, 2, [])
    assert body["terms"] == [{"term": "碳中和", "concept": "碳中和", "count": 0}]


# -- usage -------------------------------------------------------------------------------------
def _usage_options(*terms: str, **how: Any) -> usage.UsageOptions:
    return usage.UsageOptions(tuple(kwic.build_queries(list(terms))), **how)


def _usage_groupings(options: usage.UsageOptions) -> list[usage.Usage]:
    return _groupings(lambda d: usage.analyse(d, queries=options.queries), usage.merge,
                      usage.Usage)


def test_usage_merge_in_any_grouping_gives_one_payload() -> None:
    options = _usage_options("新质生产力", "营商环境")
    results = _usage_groupings(options)
    payloads = [usage.payload(r, options) for r in results]
    assert all(p == payloads[0] for p in payloads[1:])
    body = payloads[0]
    assert body["terms"] == ["新质生产力", "营商环境"]
    assert [d["source"] for d in body["documents"]] == [d.source for d in DOCS]
    assert [d["counts"] for d in body["documents"]] == [
        {"新质生产力": 2, "营商环境": 0}, {"新质生产力": 0, "营商环境": 1},
        {"新质生产力": 3, "营商环境": 0}, {"新质生产力": 0, "营商环境": 1}]
    summary = {s["term"]: s for s in body["summary"]}
    assert (summary["新质生产力"]["count"], summary["新质生产力"]["documents"]) == (5, 2)
    assert (summary["营商环境"]["first_year"], summary["营商环境"]["last_year"]) == (2024, 2024)
    # One row per document, a count and a rate per term; rates per 10,000 characters.
    rows = usage.rows(results[0], options)
    assert [r["source"] for r in rows] == [d.source for d in DOCS]
    first = rows[0]
    assert first["新质生产力"] == 2
    assert first["新质生产力 per_10k"] == round(2 * 10000 / first["chars"], 2)
    assert usage.unit(body) == "document" and usage.left_out(results[0], options) == []


def test_usage_by_year_adds_up_each_year_and_leaves_out_the_undated() -> None:
    options = _usage_options("新质生产力", by_year=True)
    total = _usage_groupings(options)[0]
    assert [u.source for u in usage.left_out(total, options)] == ["丁.txt"]
    body = usage.payload(total, options)
    assert [(y["year"], y["documents"], y["counts"]["新质生产力"]) for y in body["years"]] == [
        (2023, 2, 5), (2024, 1, 0)]
    assert body["years"][0]["sources"] == ["2023-甲.txt", "2023-丙.txt"]
    rows = usage.rows(total, options)
    assert [(r["source"], r["documents"], r["新质生产力"]) for r in rows] == [
        ("2023", 2, 5), ("2024", 1, 0)]
    assert usage.unit(body) == "year" and usage.records(body) == body["years"]
    # The documents themselves are listed whole, undated one included.
    assert len(body["documents"]) == 4


def test_usage_groups_follow_the_values_given() -> None:
    options = _usage_options("高质量发展", group_by="region")
    total = _usage_groupings(options)[0]
    values = ["北京", None, "上海", "北京"]
    assert [u.source for u in usage.left_out(total, options, values)] == ["2024-乙.txt"]
    body = usage.payload(total, options, values)
    assert body["group_by"] == "region"
    # Names in code-point order, the same on every run.
    assert [(g["value"], g["documents"], g["counts"]["高质量发展"]) for g in body["groups"]] == [
        ("上海", 1, 0), ("北京", 2, 3)]
    assert [r["source"] for r in usage.rows(total, options, values)] == ["上海", "北京"]
    assert usage.unit(body) == "region"
    # year falls back on the year the document carries when its metadata has none.
    assert usage.group_value({}, total.documents[0], "year") == 2023
    assert usage.group_value({"year": 2020}, total.documents[0], "year") == 2020
    assert usage.group_value({}, total.documents[0], "region") is None


def test_usage_lists_aliases_only_when_a_file_gave_them() -> None:
    concepts = {"新质生产力": ("新质生产力", "新兴产业")}
    queries = tuple(kwic.build_queries(["新质生产力"], concepts))
    plain = usage.payload(usage.Usage(), usage.UsageOptions(queries))
    assert "aliases" not in plain and plain["documents"] == []
    body = usage.payload(usage.Usage(), usage.UsageOptions(queries, aliases=True))
    assert body["aliases"] == {"新质生产力": ["新质生产力", "新兴产业"]}


# -- keywords ----------------------------------------------------------------------------------
def test_keywords_merge_in_any_grouping_gives_one_payload(segmenter) -> None:
    options = keywords.KeywordOptions(top=0, rank="count")
    results = _groupings(lambda d: keywords.analyse(d, segmenter), keywords.merge,
                         keywords.TermCounts)
    payloads = [keywords.payload(r, options, segmenter) for r in results]
    assert all(p == payloads[0] for p in payloads[1:])
    body = payloads[0]
    assert (body["rank"], body["by"], body["documents"]) == ("count", "all", 4)
    assert body["chars"] == sum(keywords.content_chars(d.text) for d in DOCS)
    found = {k["term"]: k for k in body["keywords"]}
    # Counts add up over documents; `documents` counts each document once.
    assert (found["新质生产力"]["count"], found["新质生产力"]["documents"]) == (5, 2)
    assert (found["高质量发展"]["count"], found["高质量发展"]["documents"]) == (4, 3)
    assert (found["营商环境"]["count"], found["营商环境"]["documents"]) == (2, 2)
    assert [r["rank"] for r in keywords.rows(body)] == list(range(1, len(body["keywords"]) + 1))
    assert keywords.columns(body) == keywords.COLUMNS


def test_keywords_per_document_lists_and_groups(segmenter) -> None:
    options = keywords.KeywordOptions(top=2, rank="count", by="document")
    results = [keywords.analyse(d, segmenter) for d in DOCS[:2]]
    lists = [keywords.document_keywords(d.source, r, segmenter, options)
             for d, r in zip(DOCS[:2], results, strict=True)]
    total = keywords.merge(keywords.merge(keywords.TermCounts(), results[0]), results[1])
    body = keywords.payload(total, options, segmenter, documents=lists)
    assert [d["source"] for d in body["by_document"]] == ["2023-甲.txt", "2024-乙.txt"]
    assert body["by_document"][0]["keywords"][0]["term"] == "新质生产力"
    rows = keywords.rows(body)
    # Each list ranks from 1; its source comes first.
    assert [(r["source"], r["rank"]) for r in rows] == [
        ("2023-甲.txt", 1), ("2023-甲.txt", 2), ("2024-乙.txt", 1), ("2024-乙.txt", 2)]
    assert keywords.columns(body) == ("source", *keywords.COLUMNS)
    assert keywords.lists(body) == body["by_document"]

    grouped = keywords.KeywordOptions(top=1, rank="count", group_by="year")
    groups = {2024: keywords.analyse(DOCS[1], segmenter),
              2023: keywords.merge(keywords.analyse(DOCS[0], segmenter),
                                   keywords.analyse(DOCS[2], segmenter))}
    body = keywords.payload(total, grouped, segmenter, groups=groups)
    assert [(g["value"], g["documents"], g["keywords"][0]["term"]) for g in body["groups"]] == [
        (2023, 2, "新质生产力"), (2024, 1, "营商环境")]
    assert [(r["year"], r["rank"]) for r in keywords.rows(body)] == [(2023, 1), (2024, 1)]
    assert [d["source"] for d in keywords.lists(body)] == ["year 2023", "year 2024"]


# -- the same result however it runs ------------------------------------------------------------
@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for copy_no in range(3):
        for doc in DOCS:
            name = f"{Path(doc.source).stem}-{copy_no}.txt"
            (tmp_path / name).write_text(doc.text * 20, encoding="utf-8")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # workers even on small files
    return tmp_path


RUNS: dict[str, Callable[..., api.Result]] = {
    "kwic": lambda paths, **run: api.kwic(["新质生产力", "营商环境"], paths, **run),
    "usage": lambda paths, **run: api.usage(["新质生产力", "营商环境"], paths, **run),
    "usage-by-year": lambda paths, **run: api.usage("高质量发展", paths, by_year=True, **run),
    "usage-group-by": lambda paths, **run: api.usage("高质量发展", paths, group_by="year",
                                                     **run),
    "keywords-by-document": lambda paths, **run: api.keywords(paths, by="document", top=5,
                                                              **run),
}


def test_serial_pool_and_dask_give_one_result(folder: Path, dask_scheduler: str) -> None:
    for name, run in RUNS.items():
        serial = run(str(folder), jobs=1)
        assert serial.payload["documents"], name
        pooled = run(str(folder), jobs=2)
        remote = run(str(folder), scheduler=dask_scheduler)
        assert pooled.to_json() == serial.to_json() == remote.to_json(), name
        assert pooled.rows == serial.rows == remote.rows, name
    body = json.loads(RUNS["usage-by-year"](str(folder)).to_json())
    assert [y["documents"] for y in body["years"]] == [6, 3]
