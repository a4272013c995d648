"""IDF tables: counting, the TSV format, sklearn's smooth idf, merging, `xzcli idf build`."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from xzcli.errors import DictionaryError
from xzcli.tfidf import (
    DocumentFrequencies,
    count_document_frequencies,
    format_idf_table,
    parse_idf_table,
    policy_idf_path,
)

TEXT_A = "一、产业\n\n壮大新能源汽车产业。发展枸杞产业。\n\n二、民生\n\n新建养老服务中心。\n"
TEXT_B = "一、生态\n\n保护黄河生态。\n\n二、产业\n\n发展枸杞产业。\n"


def _table(**df: int) -> DocumentFrequencies:
    table = DocumentFrequencies()
    table.df.update(df)
    table.n_documents = max(df.values()) + 2
    return table


def test_smooth_idf_is_sklearns() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [["枸杞", "黄河"], ["枸杞"], ["养老", "枸杞"], ["黄河"]]
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, smooth_idf=True).fit(docs)
    ours = DocumentFrequencies()
    for doc in docs:
        ours.add(doc)
    for term, idf in zip(vectorizer.get_feature_names_out(), vectorizer.idf_, strict=True):
        assert ours.idf(term) == pytest.approx(idf)
    # An unseen term weighs as df = 0: the largest idf the table can give.
    assert ours.unseen_idf == pytest.approx(math.log(5) + 1)
    assert ours.unseen_idf > max(vectorizer.idf_)
    assert ours.idf("没见过") == ours.unseen_idf


def test_units_counted_as_documents(segmenter) -> None:
    by_file = count_document_frequencies(TEXT_A, segmenter, unit="file")
    assert by_file.n_documents == 1 and by_file.df["产业"] == 1
    by_paragraph = count_document_frequencies(TEXT_A, segmenter, unit="paragraph")
    assert by_paragraph.n_documents == 2
    assert by_paragraph.df["产业"] == 1 and by_paragraph.df["枸杞"] == 1
    assert "。" not in by_paragraph.df and "发展" in by_paragraph.df


def test_tables_merge_like_one_corpus(segmenter) -> None:
    a = count_document_frequencies(TEXT_A, segmenter)
    b = count_document_frequencies(TEXT_B, segmenter)
    merged = DocumentFrequencies().merge(a).merge(b)
    assert merged.n_documents == a.n_documents + b.n_documents
    assert merged.df["枸杞"] == 2 and merged.df["黄河"] == 1
    # Written and read back, tables still add up the same way.
    text_a, text_b = format_idf_table(a), format_idf_table(b)
    again = parse_idf_table(text_a.splitlines(), "a").merge(parse_idf_table(text_b.splitlines(),
                                                                            "b"))
    assert again.df == merged.df and again.n_documents == merged.n_documents


def test_format_is_sorted_with_header_and_min_df() -> None:
    table = _table(黄河=3, 枸杞=3, 养老=1, 发展=5)
    text = format_idf_table(table, min_df=2, unit="paragraph")
    lines = text.splitlines()
    assert lines[0].startswith("# xzcli idf documents=7 ")
    body = [line for line in lines if not line.startswith("#")]
    assert body == ["发展\t5", "枸杞\t3", "黄河\t3"]  # falling df, then term
    assert format_idf_table(table, min_df=2) == text  # deterministic


@pytest.mark.parametrize("lines, message", [
    (["枸杞\t3"], "documents=N"),
    (["# documents=10", "枸杞 3"], "term<TAB>df"),
    (["# documents=10", "枸杞\tmany"], "term<TAB>df"),
    (["# documents=2", "枸杞\t3"], "larger than"),
])
def test_malformed_tables_are_refused(lines: list[str], message: str) -> None:
    with pytest.raises(DictionaryError, match=message):
        parse_idf_table(lines, "t.tsv")


def test_builtin_policy_table() -> None:
    path = policy_idf_path()
    assert path.stat().st_size < 3_000_000
    lines = path.read_text(encoding="utf-8").splitlines()
    table = parse_idf_table(lines, str(path))
    assert table.n_documents > 5000  # paragraphs of the policy corpus
    body = [line.split("\t") for line in lines if not line.startswith("#")]
    keys = [(-int(d), t) for t, d in body]
    assert keys == sorted(keys)
    assert all(int(d) >= 2 for _, d in body)
    # Terms, never sentences: no punctuation, no spaces, short.
    assert all(len(t) <= 20 and not any(ch in t for ch in "，。；：、 ") for t, _ in body)
    assert table.idf("发展") < table.idf("养老") < table.idf("枸杞") <= table.unseen_idf


def test_cli_build_then_use(xz, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (corpus / "b.txt").write_text(TEXT_B, encoding="utf-8")
    out = tmp_path / "mine.tsv"
    run = xz("idf", "build", corpus, "-o", out, "--min-df", "1")
    assert run.code == 0, run.stderr
    assert run.stdout == ""  # the table goes to the file; the note to stderr
    assert "4 documents" in run.stderr
    table = parse_idf_table(out.read_text(encoding="utf-8").splitlines(), "mine")
    assert table.n_documents == 4 and table.df["枸杞"] == 2
    to_stdout = xz("idf", "build", corpus, "--min-df", "1", "-q")
    assert to_stdout.stdout == out.read_text(encoding="utf-8")
    used = xz("tfidf", corpus / "a.txt", "--idf", out, "-f", "json")
    assert used.code == 0, used.stderr
    assert '"source": "' + str(out) in used.stdout
    both = xz("tfidf", corpus / "a.txt", "--idf", out, "--idf", "policy", "-f", "json")
    assert both.code == 0 and '"documents": ' in both.stdout


def test_cli_build_unit_file(xz, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT_B, encoding="utf-8")
    run = xz("idf", "build", tmp_path, "--unit", "file", "--min-df", "2", "-q")
    assert run.code == 0
    assert run.stdout.startswith("# xzcli idf documents=2 unit=file min_df=2\n")
    body = [line for line in run.stdout.splitlines() if not line.startswith("#")]
    assert "枸杞\t2" in body and not any(line.startswith("黄河") for line in body)


def test_policy_table_covers_the_corpus(corpus_dir: Path) -> None:
    # The shipped table counts every paragraph of the shared corpus: rebuilt on two of its
    # files, no term can have a larger df than the shipped table gives it, and nearly every
    # term found twice there is in the table (a little slack for lexicon edits since the build).
    from xzcli.api import build_document_frequencies
    from xzcli.pipeline import SegmenterSpec
    from xzcli.tfidf import load_idf_table

    files = [corpus_dir / "national-work-reports" / "2024.txt",
             corpus_dir / "state-council-reform" / "2023.txt"]
    files = [f for f in files if f.is_file()]
    if not files:
        pytest.skip("corpus files for the check are missing")
    subset = build_document_frequencies([str(f) for f in files], SegmenterSpec(), jobs=1)
    shipped = load_idf_table(policy_idf_path())
    assert shipped.n_documents >= subset.n_documents
    frequent = [t for t, d in subset.df.items() if d >= 2]
    present = [t for t in frequent if t in shipped.df]
    assert len(present) >= 0.95 * len(frequent)
    too_big = [t for t in present if subset.df[t] > shipped.df[t]]
    assert len(too_big) <= 0.02 * len(present), too_big[:10]


def test_jobs_one_and_two_give_the_same_table_and_tfidf(xz, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import xzcli.pipeline as pipeline

    for i, text in enumerate([TEXT_A, TEXT_B] * 3):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    # Small inputs normally stay in one process; make them use worker processes here.
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    one = xz("idf", "build", tmp_path, "-q", "--jobs", "1")
    two = xz("idf", "build", tmp_path, "-q", "--jobs", "2")
    assert one.code == two.code == 0 and one.stdout == two.stdout
    assert one.stdout.startswith("# xzcli idf documents=12 ")
    one = xz("tfidf", tmp_path, "-f", "json", "--jobs", "1")
    two = xz("tfidf", tmp_path, "-f", "json", "--jobs", "2")
    assert one.code == two.code == 0 and one.stdout == two.stdout
