"""Figures, lint, sections and segment: per-document listings concatenated in input order,
and their JSON written by the workers and spooled to disk is the held result's, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xzcli import api
from xzcli.listing import SEPARATOR, Listing
from xzcli.render import to_json
from xzcli.render.jsontext import Spool, dumps_at

TEXTS = [
    "一、总体要求\n\n2023年全市生产总值增长5.2%，完成投资1.5亿元。\n\n二、主要任务\n\n"
    "推进高质量发展,建设“智慧城市。办好教育的的事业。\n",
    "（一）民生\n\n新增就业岗位3万个，城镇化率达到65%以上。\n",
    "无数字的一段话。\n",
]


def _write(values: list[object]) -> str:
    return SEPARATOR.join(dumps_at(v, 2) for v in values)


def test_listings_concatenate_in_order_as_values_text_or_spool() -> None:
    docs = [[{"a": 1}, {"b": [1, 2]}], [], [{"c": "三"}]]
    held = Listing()
    texts = Listing()
    spooled = Listing(spool=Spool(2))
    for items in docs:
        held.merge(Listing.of(list(items)))
        texts.merge(Listing.of(list(items)).written(_write))
        spooled.merge(Listing.of(list(items)).written(_write))
    expected = [item for items in docs for item in items]
    assert held.items() == texts.items() == spooled.item_values() == expected
    assert held.count == texts.count == spooled.count == 3
    assert held.documents == texts.documents == spooled.documents == 3
    assert to_json({"x": spooled.items()}) == to_json({"x": expected})
    with pytest.raises(ValueError):
        Listing().merge(spooled)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    where = tmp_path / "docs"
    where.mkdir()
    for i, text in enumerate(TEXTS):
        (where / f"{2020 + i}-doc.txt").write_text(text, encoding="utf-8")
    return where


@pytest.mark.parametrize(("command", "options", "held"), [
    ("figures", (), lambda p: api.figures(p)),
    ("figures", ("--kind", "percent"), lambda p: api.figures(p, kinds=["percent"])),
    ("lint", (), lambda p: api.lint(p)),
    ("sections", (), lambda p: api.sections(p)),
    ("sections", ("--sentences",), lambda p: api.sections(p, sentences=True)),
    ("segment", (), lambda p: api.segment(p)),
    ("segment", ("--nested",), lambda p: api.segment(p, nested=True)),
])
def test_spooled_json_is_the_held_result(xz, folder: Path, tmp_path: Path, command: str,
                                         options: tuple[str, ...], held,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """--format json: workers write each document's items, the parent spools them to disk;
    stdout and -o carry the bytes of the result held in memory, for a folder and one file."""
    from xzcli import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # the pool even on small files
    expected = held([str(folder)]).to_json()
    for jobs in ("1", "2"):
        run = xz(command, folder, *options, "-f", "json", "--jobs", jobs, "--quiet")
        assert run.code in (0, 1), run.stderr
        assert run.stdout == expected
    out = tmp_path / "out.json"
    assert xz(command, folder, *options, "-f", "json", "-o", out, "--quiet").code in (0, 1)
    assert out.read_text(encoding="utf-8") == expected
    one = folder / "2020-doc.txt"
    run = xz(command, one, *options, "-f", "json", "--quiet")
    assert run.stdout == held([str(one)]).to_json()
    assert json.loads(run.stdout)["schema"] == api.SCHEMAS[command]


def test_a_spooled_result_counts_without_rows(folder: Path) -> None:
    held, spooled = api.lint([str(folder)]), api.lint([str(folder)], spool=True)
    assert spooled.rows == [] and len(spooled.payload["findings"]) == len(held.rows) > 0
    assert spooled.title == held.title and spooled.notes == held.notes == ()
    clean = api.lint([str(folder / "2022-doc.txt")], spool=True)
    assert clean.notes == ("no findings in 1 document(s)",)
    figures = api.figures([str(folder)], spool=True)
    assert figures.title == api.figures([str(folder)]).title
    assert figures.to_json() == api.figures([str(folder)]).to_json()


def test_lint_exits_1_on_findings_in_json_too(xz, folder: Path) -> None:
    assert xz("lint", folder, "-f", "json", "--quiet").code == 1
    assert xz("lint", folder / "2022-doc.txt", "-f", "json", "--quiet").code == 0


def test_disk_rows_read_back_in_order_as_often_as_asked() -> None:
    from xzcli.listing import Derived, DiskRows

    rows = DiskRows()
    rows.extend([])
    rows.extend([{"a": 1, "v": [1.5, None]}, {"a": 2}])
    rows.extend([{"a": 3, "t": "三"}])
    expected = [{"a": 1, "v": [1.5, None]}, {"a": 2}, {"a": 3, "t": "三"}]
    assert list(rows) == expected and list(rows) == expected and len(rows) == 3
    half = iter(rows)
    next(half)
    rows.extend([{"a": 4}])  # appended while a reading is under way: read by the next one
    assert [r["a"] for r in half] == [2, 3]
    doubled = Derived(rows, lambda r: [r["a"], r["a"]])
    assert list(doubled) == [1, 1, 2, 2, 3, 3, 4, 4] and len(doubled) == 8


@pytest.mark.parametrize(("command", "options"), [
    ("figures", ()), ("lint", ()), ("sections", ()), ("segment", ("--nested",)),
])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv"])
def test_line_formats_stream_the_held_rows(xz, folder: Path, tmp_path: Path, command: str,
                                           options: tuple[str, ...], fmt: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows kept on disk (spool="rows") and written a line at a time are the lines of the
    rows held in memory, on stdout and in an --output file (CSV there with its BOM)."""
    from xzcli import pipeline
    from xzcli.render import Format, Report, render_text

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    held = getattr(api, command)([str(folder)], **({"nested": True} if options else {}))
    report = Report(held.schema, held.payload, held.rows, held.columns, records=held.records)
    expected = render_text(report, Format(fmt), held.head)
    if command != "segment":
        on_disk = getattr(api, command)([str(folder)], spool="rows")
        assert list(on_disk.rows) == held.rows
        assert on_disk.records is None or list(on_disk.records) == held.records
    run = xz(command, folder, *options, "-f", fmt, "--jobs", "2", "--quiet")
    assert run.code in (0, 1), run.stderr
    assert run.stdout == expected
    out = tmp_path / f"out.{fmt}"
    assert xz(command, folder, *options, "-f", fmt, "-o", out, "--quiet").code in (0, 1)
    assert out.read_text(encoding="utf-8") == ("\ufeff" if fmt == "csv" else "") + expected


def test_an_unknown_spool_is_refused(folder: Path) -> None:
    from xzcli.errors import UsageError

    with pytest.raises(UsageError, match="spool"):
        api.figures([str(folder)], spool="disk")
