"""ngrams: runs within punctuation, stop words never at the edges, counts and documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xzcli.errors import UsageError
from xzcli.ngrams import NgramCounts, NgramOptions, analyse, parse_sizes, ranked
from xzcli.sources import Document

# 推动 / 高质量发展 / 的 / 新质生产力 ， 推动 / 高质量发展 。 加快 / 发展 / 新质生产力 。
TEXT = "推动高质量发展的新质生产力，推动高质量发展。加快发展新质生产力。\n"


def _counts(segmenter, text: str = TEXT, sizes=(2, 3, 4, 5)) -> NgramCounts:
    return analyse(Document("f.txt", text, "utf-8"), segmenter, sizes=sizes)


def test_ngrams_stay_within_punctuation_and_drop_stop_word_edges(segmenter) -> None:
    c = _counts(segmenter)
    assert c.tokens == 9
    assert c.counts == {
        "推动 高质量发展": 2,
        # 的 inside is fine; 高质量发展 的 and 的 新质生产力 are no phrases.
        "高质量发展 的 新质生产力": 1, "推动 高质量发展 的 新质生产力": 1,
        "加快 发展": 1, "发展 新质生产力": 1, "加快 发展 新质生产力": 1,
    }
    # Nothing reaches across the comma or the full stop.
    assert not any("高质量发展 加快" in k or "新质生产力 推动" in k for k in c.counts)


def test_sizes_counts_and_documents(segmenter) -> None:
    merged = NgramCounts().merge(_counts(segmenter)).merge(_counts(segmenter, "推动高质量发展。"))
    (top,) = ranked(merged, NgramOptions(min_count=2))
    assert (top.ngram, top.tokens, top.n, top.count, top.documents) == (
        "推动高质量发展", ("推动", "高质量发展"), 2, 3, 2)
    assert ranked(merged, NgramOptions(min_count=1, min_documents=2)) == [top]
    assert set(_counts(segmenter, sizes=(3,)).counts) == {"加快 发展 新质生产力",
                                                          "高质量发展 的 新质生产力"}
    assert parse_sizes("2-5") == (2, 3, 4, 5) and parse_sizes("2,4") == (2, 4)
    for bad in ("5-2", "0", "x", "9", ""):
        with pytest.raises(UsageError):
            parse_sizes(bad)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_formats(xz, tmp_path: Path) -> None:
    f = _write(tmp_path, "f.txt", TEXT)
    data = json.loads(xz("ngrams", f, "-f", "json").stdout)
    assert data["schema"] == "xzcli.ngrams/1" and data["sizes"] == [2, 3, 4, 5]
    assert data["ngrams"] == [{"ngram": "推动高质量发展", "tokens": ["推动", "高质量发展"],
                               "n": 2, "count": 2, "documents": 1,
                               "per_10k": round(2 * 10000 / 9, 2)}]
    csv = xz("ngrams", f, "-f", "csv").stdout.splitlines()
    assert csv == ["rank,ngram,tokens,n,count,documents,per_10k",
                   '1,推动高质量发展,"[""推动"", ""高质量发展""]",2,2,1,2222.22']
    assert json.loads(xz("ngrams", f, "-f", "jsonl").stdout)["count"] == 2
    assert xz("ngrams", f, "-f", "tsv").stdout.count("\t") == 12
    assert "推动 / 高质量发展" in xz("ngrams", f).stdout
    bad = xz("ngrams", f, "--sizes", "6-3")
    assert bad.code == 2 and bad.stderr.startswith("xzcli: error: --sizes:")


def test_serial_and_two_jobs_give_identical_json(xz, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import xzcli.pipeline

    monkeypatch.setattr(xzcli.pipeline, "PARALLEL_MIN_BYTES", 0)
    files = [_write(tmp_path, f"f{i}.txt", TEXT * (i + 1)) for i in range(6)]
    common = ("ngrams", *files, "-f", "json", "--min-count", "1", "-n", "0")
    serial, parallel = xz(*common, "-j", "1"), xz(*common, "-j", "2")
    assert serial.code == 0 and serial.stdout == parallel.stdout
    assert json.loads(serial.stdout)["ngrams"][0]["documents"] == 6
