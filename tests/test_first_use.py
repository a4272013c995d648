"""What a new user meets first: tables that fit without cutting numbers, keyword lists that
say what a text is about, help pages and the shipped samples."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

SAMPLES = REPO / "samples"
PLAN = SAMPLES / "district-plan.txt"
REPORTS = SAMPLES / "city-reports"
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")

# Every command with a table view, and the CSV fields whose numbers the table must show whole.
TABLES = [
    (("keywords", PLAN), ("rank", "count", "per_10k", "score")),
    (("keywords", REPORTS, "--by", "document", "-n", "5"), ("rank", "count", "per_10k",
                                                            "score")),
    (("sections", PLAN), ("offset", "paragraphs", "chars")),
    (("themes", PLAN), ("score", "per_1k")),
    (("themes", REPORTS), ()),
    (("themes", PLAN, "--by", "section"), ("index",)),
    (("tfidf", REPORTS, "-n", "4"), ("rank", "value")),
    (("kwic", "新质生产力", REPORTS), ("line",)),
    (("usage", "新质生产力,地区生产总值,高新技术企业", REPORTS), (
        "year", "chars", "新质生产力", "新质生产力 per_10k", "地区生产总值 per_10k",
        "高新技术企业")),
    (("usage", "新质生产力,地区生产总值,高新技术企业", REPORTS, "--by-year"), (
        "year", "documents", "新质生产力", "地区生产总值 per_10k")),
    (("figures", PLAN), ("line", "value")),
    (("figures", REPORTS), ("line", "value")),
    (("compare", REPORTS, "-r", "policy"), ("rank", "target_count", "reference_count")),
    (("ngrams", REPORTS, "-n", "10"), ("count", "documents", "per_10k")),
]


def _numbers(text: str) -> set[float]:
    return {float(n) for n in NUMBER.findall(text)}


@pytest.mark.parametrize(("args", "fields"), TABLES, ids=lambda v: " ".join(map(str, v))
                         if isinstance(v, tuple) and v and isinstance(v[0], str) else "")
def test_tables_fit_80_columns_and_never_cut_a_number(xz, monkeypatch, args, fields) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    table = xz(*args)
    assert table.code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines
    assert max(cell_len(line) for line in lines) <= 80
    # Numbers are written whole and plain: no thousands separators, no ellipsis after a digit.
    assert not re.search(r"\d,\d{3}", table.stdout)
    dropped = " ".join(line for line in lines if "left out to fit" in line)
    shown = _numbers(table.stdout)
    rows = list(csv.DictReader(io.StringIO(xz(*args, "-f", "csv").stdout)))
    assert rows
    for field in fields:
        if field in dropped:
            continue
        for row in rows:
            value = row[field]
            if value in ("", "None") or value.startswith("[") or row.get("item") == "sentence":
                continue  # a range's ends, a sentence's score: not table cells
            try:
                number = float(value)
            except ValueError:  # a date
                assert value in table.stdout
                continue
            if number == 0 and args[0] == "usage":
                continue  # shown as –
            assert number in shown, f"{field}={value} is not whole in the table"


def test_figures_table_shows_large_sums_and_years_whole(xz, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    path = tmp_path / "fund.txt"
    path.write_text("2023年，全区设立5亿元产业基金，撬动社会资本投向未来产业。\n", encoding="utf-8")
    out = xz("figures", path).stdout
    assert "500000000" in out and "2023" in out
    assert "2,023" not in out and "500,000" not in out
    for header in ("line", "figure", "value", "unit"):
        assert header in out


def test_narrow_terminal_drops_optional_columns_with_a_note(xz, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = xz("keywords", PLAN, "-n", "5").stdout
    assert "left out to fit 60 columns: in_lexicon" in out
    assert "per_10k" in out and "score" in out


# -- keywords ---------------------------------------------------------------------------------
def _terms(stdout: str) -> list[str]:
    return [k["term"] for k in json.loads(stdout)["keywords"]]


def test_keywords_rank_by_policy_idf_by_default_and_by_count_on_request(xz) -> None:
    path = REPORTS / "2025.txt"
    default = json.loads(xz("keywords", path, "-f", "json", "-n", "0").stdout)
    counted = json.loads(xz("keywords", path, "-f", "json", "-n", "0", "--rank",
                            "count").stdout)
    assert default["rank"] == "tfidf" and counted["rank"] == "count"
    # The same terms and counts, in another order; the score is (1 + ln count) * idf.
    assert sorted((k["term"], k["count"]) for k in default["keywords"]) == \
        sorted((k["term"], k["count"]) for k in counted["keywords"])
    scores = [k["score"] for k in default["keywords"]]
    assert scores == sorted(scores, reverse=True)
    counts = [k["count"] for k in counted["keywords"]]
    assert counts == sorted(counts, reverse=True)
    rank_of = {t: i for i, t in enumerate(_terms(json.dumps(default)))}
    # 低空经济 is rare in policy language; 企业 and 报告 are everywhere (the sample's one 产业
    # stands inside 数字经济核心产业, a term since the 2023-2026 lexicon review).
    assert rank_of["低空经济"] < min(rank_of["报告"], rank_of["企业"])


def test_keywords_score_discounts_what_every_policy_text_says(segmenter) -> None:
    from xzcli.keywords import count_terms, keyword_frequencies

    text = "完善政策体系，落实政策措施，优化政策环境，加强政策协同。发展低空经济。"
    counts = count_terms(text, segmenter)
    by_score = [k.term for k in keyword_frequencies(counts, segmenter, top=0)]
    by_count = [k.term for k in keyword_frequencies(counts, segmenter, top=0, rank="count")]
    assert by_count[0] == "政策"
    assert by_score.index("低空经济") < by_score.index("政策")


def test_keywords_by_document_gives_one_list_per_input(xz) -> None:
    data = json.loads(xz("keywords", REPORTS, "--by", "document", "-n", "5", "-f",
                         "json").stdout)
    assert data["schema"] == "xzcli.keywords/2" and data["by"] == "document"
    sources = [d["source"] for d in data["by_document"]]
    assert [Path(s).name for s in sources] == ["2023.txt", "2024.txt", "2025.txt"]
    assert all(len(d["keywords"]) == 5 for d in data["by_document"])
    assert all(d["chars"] > 0 for d in data["by_document"])
    assert len(data["keywords"]) == 5  # and the list over all inputs
    rows = list(csv.DictReader(io.StringIO(
        xz("keywords", REPORTS, "--by", "document", "-n", "2", "-f", "csv").stdout)))
    assert [Path(r["source"]).name for r in rows] == ["2023.txt"] * 2 + ["2024.txt"] * 2 + \
        ["2025.txt"] * 2
    assert list(rows[0])[:3] == ["source", "rank", "term"]


def test_keywords_on_an_empty_file_say_so(xz, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = xz("keywords", empty)
    assert run.code == 0
    assert run.stderr.strip() == "xzcli: no keywords: the input is empty"
    punct = tmp_path / "punct.txt"
    punct.write_text("。，、！\n", encoding="utf-8")
    assert "no content words" in xz("keywords", punct).stderr
    assert xz("keywords", empty, "--quiet").stderr == ""


def test_high_level_is_no_name_and_regional_gdp_stays_whole(segmenter) -> None:
    from xzcli.keywords import count_terms, keyword_frequencies

    text = "推进高水平对外开放，全区地区生产总值增长5.5%，地区生产总值突破千亿元。"
    assert segmenter.pos_of("高水平") == "a"
    assert "地区生产总值" in segmenter.cut(text)
    terms = {k.term: k for k in keyword_frequencies(count_terms(text, segmenter), segmenter,
                                                    top=0)}
    assert "高水平" not in terms
    assert terms["地区生产总值"].count == 2 and terms["地区生产总值"].in_lexicon


def test_tag_fixes_change_tags_only(segmenter) -> None:
    from xzcli.segment import Segmenter

    plain = Segmenter(lexicon=False)
    text = "弘扬伟大建党精神，推动高水平科技自立自强，二十届二中、三中全会精神。"
    assert plain.cut(text) == Segmenter(lexicon=False).cut(text)
    assert segmenter.pos_of("弘扬") == "v"
    assert segmenter.pos_of("二中") == "m"
    assert segmenter.pos_of("习近平").startswith("nr")  # real names keep their tag


# -- sections ---------------------------------------------------------------------------------
def test_sections_list_a_leading_byline_before_the_title(xz) -> None:
    out = xz("sections", SAMPLES / "news-feature.txt").stdout
    parts = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")]
    assert parts[:2] == ["byline", "title"]
    data = json.loads(xz("sections", SAMPLES / "news-feature.txt", "-f", "json").stdout)
    assert data["byline"]["text"].startswith("新华社") and data["byline"]["offset"] == 0
    assert data["title"]["text"] == "春耕时节看新农"


# -- samples ----------------------------------------------------------------------------------
def test_samples_are_short_texts_of_our_own(corpus_dir: Path) -> None:
    corpus = "".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in corpus_dir.rglob("*.txt"))
    for sample in SAMPLES.rglob("*.txt"):
        text = sample.read_text(encoding="utf-8")
        assert len(text) < 2000
        for line in text.splitlines():
            # No sentence of a sample is copied from the corpus.
            for sentence in re.split(r"(?<=[。！？；])", line):
                if len(sentence) >= 20:
                    assert sentence not in corpus, f"{sample.name}: {sentence}"


# -- help and completion ----------------------------------------------------------------------
def test_app_help_lists_every_command_with_its_whole_summary(xz) -> None:
    import inspect

    from xzcli.cli import app

    out = xz("--help").stdout
    assert "..." not in out.split("Commands:")[1]
    flat = " ".join(out.split())
    for info in app.registered_commands:
        assert info.callback is not None
        summary = " ".join(inspect.cleandoc(info.callback.__doc__ or "").split("\n\n")[0].split())
        assert summary in flat
    assert "--install-completion" in out


@pytest.mark.parametrize("command", ["segment", "keywords", "sections", "themes", "tfidf",
                                     "idf build", "kwic", "usage", "figures", "lint", "compare",
                                     "collocates", "ngrams", "report"])
def test_every_help_page_has_an_example_that_runs_on_the_samples(
    xz, monkeypatch, tmp_path: Path, command: str
) -> None:
    import shlex

    page = xz(*command.split(), "--help").stdout
    assert "Example:" in page
    example = page.split("Example:")[1].strip().splitlines()[0]
    assert example.startswith(f"xzcli {command} ")
    args = shlex.split(example.split("|")[0])[1:]
    monkeypatch.chdir(REPO)
    if "-o" in args:  # write the example's output file somewhere harmless
        args[args.index("-o") + 1] = str(tmp_path / "out")
    run = xz(*args)
    assert run.code in ((0, 1) if command == "lint" else (0,)), run.stderr
    assert run.stdout or (tmp_path / "out").stat().st_size > 0


def test_shell_completion_is_on() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "_XZCLI_COMPLETE": "complete_bash", "COMP_WORDS": "xzcli key",
           "COMP_CWORD": "1"}
    done = subprocess.run([sys.executable, "-c", "from xzcli.cli import main; main()"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["keywords"]


# -- streaming and empty inputs ---------------------------------------------------------------
def test_segment_writes_each_document_before_reading_the_next(xz, monkeypatch,
                                                               capsys) -> None:
    import sys

    import xzcli.segment as segment

    seen: list[str] = []
    original = segment.tagged

    def spy(doc, segmenter):
        # What stdout held when this document's turn came: the earlier ones, already written.
        seen.append(sys.stdout.getvalue() if hasattr(sys.stdout, "getvalue") else "")
        return original(doc, segmenter)

    monkeypatch.setattr(segment, "tagged", spy)
    run = xz("segment", REPORTS, "--jobs", "1")
    assert run.code == 0
    assert len(seen) == 3
    first_line = run.stdout.splitlines()[0]
    assert first_line not in seen[0]
    assert first_line in seen[1] and seen[1].count(first_line) == 1
    assert run.stdout.count(first_line) == 3  # each report opens with the same title line


# -- tfidf on a few files ---------------------------------------------------------------------
def test_tfidf_on_a_few_files_leans_on_the_policy_idf(xz, tmp_path: Path) -> None:
    few = json.loads(xz("tfidf", REPORTS, "-f", "json").stdout)
    assert few["idf"]["source"] == "policy"
    many_dir = tmp_path / "many"
    many_dir.mkdir()
    for i in range(10):
        (many_dir / f"{i:02d}.txt").write_text((REPORTS / "2024.txt").read_text("utf-8") +
                                               f"\n第{i}号补充说明。\n", encoding="utf-8")
    many = json.loads(xz("tfidf", many_dir, "-f", "json", "-s", "0").stdout)
    assert many["idf"]["source"] == "inputs"
    only = json.loads(xz("tfidf", REPORTS, "--idf", str(tmp_path / "none.tsv")).stdout or "{}")
    assert only == {}  # an --idf that does not exist is an error, not a silent default


def test_tfidf_terms_refuse_fragments_and_qualifiers(segmenter) -> None:
    from xzcli.tfidf import document_units

    text = ("扎实落实党的二十届二中、三中全会改革部署。外需不振，困难比预想的多得多。"
            "巨大成就来之不易，我们深入开展调查研究，更大力度稳定就业。\n")
    (unit,) = document_units(text, segmenter, source="t", by="document")
    for fragment in ("二中", "不振", "多得", "巨大", "深入开展", "更大"):
        assert fragment not in unit.counts, fragment
    assert {"三中全会", "就业", "外需"} <= set(unit.counts)


def test_summary_sentences_prefer_informative_ones(segmenter) -> None:
    from xzcli.tfidf import document_units, summarize_units, summary_sentences

    text = ("一、数字经济\n\n发展数字经济。推动数字经济和实体经济深度融合，建设数字产业集群，"
            "培育数据要素市场。\n\n二、城乡融合\n\n推进新型城镇化，实施城市更新行动，"
            "完善城乡融合发展体制机制。\n")
    units = document_units(text, segmenter, source="t", by="section")
    (first, _) = summarize_units(units, top=5, sentences=1)
    assert [s.text for s in first.summary] == [
        "推动数字经济和实体经济深度融合，建设数字产业集群，培育数据要素市场。"]
    # With nothing longer to choose, a short sentence still comes.
    short = [u for u in document_units("一、数字经济\n\n发展数字经济。\n", segmenter,
                                       source="t", by="section")]
    (only,) = summarize_units(short, top=3, sentences=1)
    assert [s.text for s in only.summary] == ["发展数字经济。"]
    assert summary_sentences(first.unit, first.terms, 0) == ()
