"""The Python API gives what the CLI prints: same JSON, rows that are the JSON's rows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import xzcli
from xzcli import api
from xzcli.errors import UsageError

REPO = Path(__file__).resolve().parents[1]
CITY = "tests/pinned/city-report.txt"
DISTRICT = "samples/district-plan.txt"
BOTH = [CITY, DISTRICT]

# Each API call next to the CLI command that must print the same JSON, and where the rows
# stand in that JSON (None: rows are derived, compared through the CSV-less payload only).
CASES: dict[str, tuple[Any, tuple[str, ...], str | None]] = {
    "figures": (lambda: api.figures(BOTH), ("figures", *BOTH), "figures"),
    "figures-kind": (lambda: api.figures(BOTH, kinds=["percent,money"]),
                     ("figures", *BOTH, "--kind", "percent,money"), "figures"),
    "lint": (lambda: api.lint(BOTH), ("lint", *BOTH), "findings"),
    "sections": (lambda: api.sections(CITY), ("sections", CITY), None),
    "compare": (lambda: api.compare(CITY, reference=DISTRICT, top=0, min_count=1, min_g2=0),
                ("compare", CITY, "--reference", DISTRICT, "--top", "0", "--min-count", "1",
                 "--min-g2", "0"), "terms"),
    "collocates": (lambda: api.collocates("发展", BOTH, min_count=1, top=0),
                   ("collocates", "发展", *BOTH, "--min-count", "1", "--top", "0"),
                   "collocates"),
    "ngrams": (lambda: api.ngrams(BOTH, top=0), ("ngrams", *BOTH, "--top", "0"), "ngrams"),
    "kwic": (lambda: api.kwic(["市政", "安全"], BOTH), ("kwic", "市政,安全", *BOTH), "hits"),
    "usage": (lambda: api.usage(["市政", "安全", "改革"], BOTH),
              ("usage", "市政,安全,改革", *BOTH), None),
    "themes": (lambda: api.themes(BOTH), ("themes", *BOTH), None),
    "themes-one": (lambda: api.themes(CITY), ("themes", CITY), None),
    "themes-section": (lambda: api.themes(CITY, by="section"),
                       ("themes", CITY, "--by", "section"), None),
    "themes-paragraph": (lambda: api.themes(BOTH, by="paragraph"),
                         ("themes", *BOTH, "--by", "paragraph"), None),
    "keywords": (lambda: api.keywords(BOTH, top=0), ("keywords", *BOTH, "--top", "0"),
                 "keywords"),
    "keywords-count-pos": (lambda: api.keywords(BOTH, rank="count", pos="all", min_count=2),
                           ("keywords", *BOTH, "--rank", "count", "--pos", "all",
                            "--min-count", "2"), "keywords"),
    "keywords-by-document": (lambda: api.keywords(BOTH, by="document", top=15),
                             ("keywords", *BOTH, "--by", "document", "--top", "15"), None),
    "tfidf": (lambda: api.tfidf(BOTH), ("tfidf", *BOTH), None),
    "tfidf-one": (lambda: api.tfidf(CITY), ("tfidf", CITY), None),
    "tfidf-paragraph": (lambda: api.tfidf(BOTH, by="paragraph", tf="log", top=4, sentences=1),
                        ("tfidf", *BOTH, "--by", "paragraph", "--tf", "log", "--top", "4",
                         "--sentences", "1"), None),
    "tfidf-policy": (lambda: api.tfidf(CITY, idf="policy", by="document", sentences=0),
                     ("tfidf", CITY, "--idf", "policy", "--by", "document", "--sentences",
                      "0"), None),
    "segment": (lambda: api.segment(CITY), ("segment", CITY), None),
    "segment-nested": (lambda: api.segment(BOTH, nested=True), ("segment", *BOTH, "--nested"),
                       None),
    "discover": (lambda: api.discover(BOTH), ("discover", *BOTH), "candidates"),
    "discover-all": (lambda: api.discover(CITY, top=0, min_count=1),
                     ("discover", CITY, "--top", "0", "--min-count", "1"), "candidates"),
    "discover-no-lexicon": (lambda: api.discover(BOTH, no_lexicon=True, top=20),
                            ("discover", *BOTH, "--no-lexicon", "--top", "20"), "candidates"),
}


def _cli_json(xz: Any, args: tuple[str, ...]) -> str:
    run = xz(*args, "--format", "json", "--quiet")
    assert run.code in (0, 1), run.stderr
    return str(run.stdout)


@pytest.mark.parametrize("name", sorted(CASES))
def test_api_equals_cli(name: str, xz: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    call, args, rows_key = CASES[name]
    result = call()
    printed = _cli_json(xz, args)
    assert result.to_json() == printed  # byte for byte
    expected = json.loads(printed)
    assert result.to_dict() == expected
    records = result.to_records()
    assert records == result.rows and records is not result.rows
    if rows_key is not None:
        listed = expected[rows_key]
        assert len(records) == len(listed)
        for record, item in zip(records, listed, strict=True):
            # A row is the JSON item (ranked ones carry their rank; collocates their example).
            assert {k: v for k, v in record.items() if k in item} == {
                k: v for k, v in item.items() if k in record}
            assert set(record) - set(item) <= {"rank", "example"}


def test_grouped_themes_and_usage_equal_the_cli(xz: Any, tmp_path: Path) -> None:
    text = (REPO / CITY).read_text(encoding="utf-8")
    for name in ("2023-北京-报告.txt", "2024-北京-报告.txt", "2024-上海-报告.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = str(tmp_path)
    assert api.themes(folder, group_by="year").to_json() == _cli_json(
        xz, ("themes", folder, "--group-by", "year"))
    grouped = api.keywords(folder, group_by="year", top=5)
    assert grouped.to_json() == _cli_json(xz, ("keywords", folder, "--group-by", "year",
                                               "--top", "5"))
    assert grouped.columns[0] == "year" and [r["year"] for r in grouped.rows[:1]] == [2023]
    assert [d["value"] for d in api.keyword_lists(grouped)] == [2023, 2024]
    assert api.usage("市政", folder, by_year=True).to_json() == _cli_json(
        xz, ("usage", "市政", folder, "--by-year"))
    assert api.usage("市政", folder, group_by="year").to_json() == _cli_json(
        xz, ("usage", "市政", folder, "--group-by", "year"))


def test_usage_rows_are_the_csv_rows(xz: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = api.usage(["市政", "改革"], BOTH)
    run = xz("usage", "市政,改革", *BOTH, "--format", "tsv", "--quiet")
    lines = run.stdout.splitlines()
    assert lines[0].split("\t") == list(result.columns)
    assert [line.split("\t")[0] for line in lines[1:]] == [r["source"] for r in result.rows]
    assert len(result.rows) == 2


def test_strings_and_paths_give_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    content = Path(CITY).read_text(encoding="utf-8")
    from_text = api.figures(api.text(content, source=CITY))
    from_path = api.figures(CITY)
    assert from_text.rows == from_path.rows
    loaded = api.load([CITY])
    assert api.lint(loaded).rows == api.lint(CITY).rows


def test_tfidf_rows_are_its_terms_and_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = api.tfidf(BOTH, top=3, sentences=2)
    documents = result.payload["documents"]
    assert result.records == documents and len(documents) == 2
    terms = [r for r in result.rows if r["item"] == "term"]
    sentences = [r for r in result.rows if r["item"] == "sentence"]
    assert [(r["source"], r["text"], r["value"]) for r in terms] == [
        (d["source"], t["term"], t["weight"]) for d in documents for t in d["terms"]]
    assert [(r["text"], r["offset"]) for r in sentences] == [
        (s["text"], s["offset"]) for d in documents for s in d["summary"]]
    # A string is one input, as a path is: one input means sections and the policy IDF.
    content = Path(CITY).read_text(encoding="utf-8")
    assert api.input_count(api.text(content, source=CITY)) == 1
    assert api.input_count(["samples", CITY]) == api.input_count("samples") + 1
    from_text = api.tfidf(api.text(content, source=CITY))
    assert from_text.payload == api.tfidf(CITY).payload
    with pytest.raises(UsageError, match="unknown unit"):
        api.tfidf(CITY, by="page")
    with pytest.raises(UsageError, match="--tf"):
        api.tfidf(CITY, tf="sqrt")


def test_segment_rows_text_and_stream_are_the_cli_views(
        xz: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(REPO)
    result = api.segment(BOTH, nested=True, delimiter="|")
    assert result.text == xz("segment", *BOTH, "--nested", "-d", "|", "--quiet").stdout
    run = xz("segment", *BOTH, "--nested", "--format", "tsv", "--quiet")
    lines = run.stdout.splitlines()
    assert lines[0].split("\t") == list(result.columns)
    assert len(lines) - 1 == len(result.rows)
    assert [line.split("\t")[2] for line in lines[1:]] == [r["token"] for r in result.rows]
    # A row's offset points at its token in the text that was cut.
    content = Path(CITY).read_text(encoding="utf-8")
    for row in (r for r in result.rows if r["source"] == CITY):
        assert content[row["offset"]:row["offset"] + len(row["token"])] == row["token"]
    streamed = list(api.segment_documents(BOTH, nested=True, delimiter="|"))
    assert [info.source for info, _ in streamed] == BOTH
    assert [cut.document for _, cut in streamed] == result.records
    assert [r for _, cut in streamed for r in cut.rows] == result.rows
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    failed: list[str] = []
    assert len(list(api.segment_documents([CITY, str(bad)], failed=failed))) == 1
    assert failed == [str(bad)]
    assert api.segment([CITY, str(bad)]).failed == (str(bad),)


def test_discovered_dictionary_is_what_emit_dict_writes(xz: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    written = tmp_path / "new.txt"
    run = xz("discover", *BOTH, "--top", "10", "--emit-dict", str(written), "--quiet")
    assert run.code == 0, run.stderr
    result = api.discover(BOTH, top=10)
    assert api.discovered_dictionary(result) == written.read_text(encoding="utf-8")
    terms = [r["term"] for r in result.rows]
    assert 0 < len(terms) <= 10
    # The dictionary goes back in as a --dict: each candidate is then one token.
    seg = api.segmenter(dicts=[written]).build()
    assert all(seg.cut(term) == [term] for term in terms)
    with pytest.raises(UsageError, match="min_count"):
        api.discover(CITY, min_count=0)


def test_one_segmenter_spec_for_several_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    seg = api.segmenter("jieba")
    result = api.ngrams(BOTH, seg=seg, top=5)
    assert result.head["engine"] == "jieba"
    assert seg.build().cut("推进高质量发展")
    with pytest.raises(UsageError, match="unknown engine"):
        api.segmenter("nope")


def test_to_pandas_keeps_the_cli_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(REPO)
    result = api.ngrams(BOTH, top=10, min_count=1)
    frame = result.to_pandas()
    assert list(frame.columns) == list(api.NGRAMS_COLUMNS)
    assert len(frame) == 10
    assert frame["ngram"].tolist() == [r["ngram"] for r in result.rows]


def test_to_pandas_names_the_extra_when_pandas_is_missing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(UsageError, match=r"xzcli\[pandas\]"):
        api.lint(CITY).to_pandas()


# The public surface, in one place: a change here is a change users see.
PUBLIC = ["Result", "Input", "text", "load", "segmenter", "reading", "figures", "lint",
          "sections", "compare", "collocates", "ngrams", "kwic", "usage", "themes", "keywords",
          "tfidf", "input_count", "segment", "segment_documents",
          "discover", "discovered_dictionary", "build_document_frequencies", "SCHEMAS", "FIELDS"]
RESULT_FIELDS = ["schema", "head", "payload", "rows", "columns", "title", "notes", "failed",
                 "records", "text"]
FIELDS = {
    "figures": ("source", "line", "offset", "end", "text", "value", "unit", "kind", "item_kind",
                "qualifier", "context"),
    "lint": ("source", "line", "column", "offset", "rule", "text", "message", "suggestion"),
    "sections": ("source", "level", "number", "heading", "offset", "paragraphs", "chars"),
    "compare": ("rank", "term", "target_count", "reference_count", "target_per_10k",
                "reference_per_10k", "g2", "log_ratio", "percent_diff", "dp",
                "target_documents", "reference_documents", "in_lexicon", "pos"),
    "collocates": ("rank", "term", "count", "documents", "frequency", "expected", "ll", "mi",
                   "t_score", "in_lexicon", "pos", "example"),
    "ngrams": ("rank", "ngram", "tokens", "n", "count", "documents", "per_10k"),
    "kwic": ("source", "offset", "line", "left", "match", "right", "section", "whole_token",
             "term", "concept", "inside"),
    "keywords": ("rank", "term", "count", "per_10k", "documents", "in_lexicon", "pos", "nested",
                 "score"),
    "tfidf": ("source", "heading", "index", "item", "rank", "text", "value", "offset"),
    "segment": ("source", "offset", "token", "pos"),
    "usage": ("source", "year", "chars"),
    "themes": ("source", "theme", "score", "share", "per_1k", "terms"),
    "discover": ("rank", "term", "count", "documents", "score", "cohesion", "left_entropy",
                 "right_entropy", "quoted", "found_by", "first_year", "first_source",
                 "example"),
}


SCHEMAS = {
    "figures": "xzcli.figures/1", "lint": "xzcli.lint/1", "sections": "xzcli.sections/1",
    "compare": "xzcli.compare/1", "collocates": "xzcli.collocates/1", "ngrams": "xzcli.ngrams/1",
    "kwic": "xzcli.kwic/1", "usage": "xzcli.usage/1", "themes": "xzcli.themes/1",
    "keywords": "xzcli.keywords/2", "tfidf": "xzcli.tfidf/1", "segment": "xzcli.segment/1",
    "discover": "xzcli.discover/1",
}
# Rows whose fields follow the input (a column per term or per theme): FIELDS gives their start.
OPEN_ENDED = {"usage", "themes"}


def test_public_names_and_fields_are_as_documented() -> None:
    import dataclasses

    assert api.__all__ == PUBLIC
    assert xzcli.api is api
    for name in PUBLIC:
        if name not in ("Input", "SCHEMAS", "FIELDS"):  # a type alias and two tables
            assert getattr(api, name).__doc__, f"{name} has no docstring"
    assert [f.name for f in dataclasses.fields(api.Result)] == RESULT_FIELDS
    assert api.FIELDS == FIELDS
    assert api.SCHEMAS == SCHEMAS
    # Every analysis in the tables is a public function, and the table covers them all.
    assert set(FIELDS) == set(SCHEMAS) <= set(PUBLIC)
    assert {n.split("-")[0] for n in CASES} == set(FIELDS)


def test_rows_have_the_documented_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    for name in FIELDS:  # each analysis with its default options
        result = CASES[name][0]()
        assert result.schema == SCHEMAS[name] == result.head["schema"]
        fields = FIELDS[name]
        assert result.rows, name
        if name in OPEN_ENDED:
            assert result.columns[:len(fields)] == fields, name
        else:
            assert result.columns == fields, name
        for row in result.rows:
            assert (tuple(row)[:len(fields)] == fields if name in OPEN_ENDED
                    else set(row) == set(fields)), name


def test_the_api_imports_no_typer_rich_or_click() -> None:
    code = (
        "import sys, xzcli\n"
        "assert 'xzcli.api' not in sys.modules\n"
        "api = xzcli.api\n"
        "r = api.compare('tests/pinned/city-report.txt',"
        " reference='samples/district-plan.txt', top=3)\n"
        "r.to_records(); r.to_json()\n"
        "api.kwic('市政', 'tests/pinned/city-report.txt').to_records()\n"
        "api.usage('市政', 'tests/pinned/city-report.txt', by_year=False).to_records()\n"
        "api.sections('tests/pinned/city-report.txt'); api.lint('samples')\n"
        "api.keywords('tests/pinned/city-report.txt', top=3).to_records()\n"
        "api.tfidf('tests/pinned/city-report.txt', top=3).to_records()\n"
        "api.segment('tests/pinned/city-report.txt', nested=True).to_records()\n"
        "r = api.discover('tests/pinned/city-report.txt', top=5)\n"
        "r.to_records(); api.discovered_dictionary(r)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click')"
        " or m == 'xzcli.app' or m.startswith('xzcli.commands') or m == 'xzcli.cli')\n"
        "print(bad)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
