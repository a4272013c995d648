"""collocates: window counts within sentences, MI, G2 and t by hand, traceable to kwic hits."""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from pathlib import Path

import pytest

from xzcli.collocates import analyse, collocates, log_likelihood, node_tokens
from xzcli.keywords import is_word
from xzcli.sources import Document, analysis_text

# Sentence 1: 高质量发展 营商环境 [新质生产力] 碳中和 高质量发展; sentence 2: 营商环境
# [新质生产力]; sentence 3: 碳中和 碳中和 (past a sentence end: never in a window). N = 9.
TEXT = ("高质量发展，营商环境，新质生产力，碳中和，高质量发展。营商环境，新质生产力。"
        "碳中和，碳中和。\n")


def _result(segmenter, window: int = 5, text: str = TEXT):
    node = node_tokens("新质生产力", segmenter)
    return analyse(Document("f.txt", text, "utf-8"), segmenter, node=node, window=window)


def test_window_counts_stop_at_sentence_ends(segmenter) -> None:
    r = _result(segmenter)
    assert (r.tokens, r.node_count, r.window_tokens) == (9, 2, 5)
    assert r.cooccurrences == {"高质量发展": 2, "营商环境": 2, "碳中和": 1}
    assert r.frequencies["碳中和"] == 3
    narrow = _result(segmenter, window=1)
    assert narrow.cooccurrences == {"营商环境": 2, "碳中和": 1} and narrow.window_tokens == 3
    # The first co-occurrence of 高质量发展: the node at offset 11 (a kwic hit), itself at 0.
    first = r.examples["高质量发展"][0]
    assert (first.node_offset, first.offset) == (11, 0)
    assert TEXT[first.node_offset:first.node_offset + 5] == "新质生产力"


def test_measures_match_a_hand_computation(segmenter) -> None:
    found = {c.term: c for c in collocates(_result(segmenter), segmenter)}
    assert set(found) == set()  # --min-count 3 by default: nothing co-occurs three times
    from xzcli.collocates import CollocateOptions

    found = {c.term: c for c in collocates(_result(segmenter), segmenter,
                                           CollocateOptions(min_count=1))}
    c = found["营商环境"]
    # O = 2, f = 2, W = 5, N = 9: E = 10/9.
    assert abs(c.expected - round(10 / 9, 4)) < 1e-12
    assert abs(c.mi - round(math.log2(2 / (10 / 9)), 4)) < 1e-12
    assert abs(c.t_score - round((2 - 10 / 9) / math.sqrt(2), 4)) < 1e-12
    # 2x2: [[2, 3], [0, 4]], rows (5, 4), columns (2, 7), n = 9.
    g2 = 2 * (2 * math.log(2 / (10 / 9)) + 3 * math.log(3 / (35 / 9))
              + 4 * math.log(4 / (28 / 9)))
    assert abs(log_likelihood(2, 5, 2, 9) - g2) < 1e-9
    # 碳中和 co-occurs once, expected 5 * 3 / 9 = 5/3: less than chance, so G2 is negative.
    assert found["碳中和"].ll < 0 and found["碳中和"].mi < 0


def test_merge_adds_documents(segmenter) -> None:
    one, two = _result(segmenter), _result(segmenter)
    merged = one.merge(two)
    assert merged.cooccurrences["营商环境"] == 4 and merged.cooccurrence_documents["营商环境"] == 2
    assert merged.tokens == 18 and len(merged.examples["营商环境"]) == 3


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_json_formats_and_no_hits(xz, tmp_path: Path) -> None:
    f = _write(tmp_path, "f.txt", TEXT * 3)
    out = xz("collocates", "新质生产力", f, "-f", "json")
    assert out.code == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == "xzcli.collocates/1" and data["node_count"] == 6
    rows = {c["term"]: c for c in data["collocates"]}
    assert rows["营商环境"]["count"] == 6 and rows["高质量发展"]["count"] == 6
    assert rows["营商环境"]["examples"][0] == {"source": str(f), "node_offset": 11,
                                              "offset": 6}
    csv = xz("collocates", "新质生产力", f, "-f", "csv").stdout.splitlines()
    assert csv[0] == "rank,term,count,documents,frequency,expected,ll,mi,t_score,in_lexicon," \
                     "pos,example"
    assert csv[1].endswith(f",{f}@11")
    assert len(xz("collocates", "新质生产力", f, "-f", "jsonl").stdout.splitlines()) == 3
    assert "\t" in xz("collocates", "新质生产力", f, "-f", "tsv").stdout
    missing = xz("collocates", "未出现", f)
    assert missing.code == 0 and "never stands as a whole token" in missing.stderr
    assert xz("collocates").code == 2


def test_serial_and_two_jobs_give_identical_json(xz, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import xzcli.pipeline

    monkeypatch.setattr(xzcli.pipeline, "PARALLEL_MIN_BYTES", 0)
    files = [_write(tmp_path, f"f{i}.txt", TEXT * (i + 1)) for i in range(6)]
    common = ("collocates", "新质生产力", *files, "-f", "json", "--min-count", "1")
    serial, parallel = xz(*common, "-j", "1"), xz(*common, "-j", "2")
    assert serial.code == 0 and serial.stdout == parallel.stdout


_SENTENCE_END = re.compile(r"[。！？；…!?;\n]")


def _recount(texts: list[str], segmenter, node: str, window: int = 5) -> dict[str, int]:
    """Co-occurrences recomputed from the Segmenter's tokens, another way round: sentence
    numbers from the offsets of sentence ends, neighbours by index among word tokens."""
    counts: dict[str, int] = {}
    for text in texts:
        folded = analysis_text(text)
        ends = [m.start() for m in _SENTENCE_END.finditer(folded)]
        words = [t for t in segmenter.tokens(folded) if is_word(t.text)]
        sentence = [bisect_right(ends, t.start) for t in words]
        for i, t in enumerate(words):
            if t.text != node:
                continue
            for j in range(max(0, i - window), min(len(words), i + window + 1)):
                if j != i and sentence[j] == sentence[i]:
                    counts[words[j].text] = counts.get(words[j].text, 0) + 1
    return counts


def test_new_productive_forces_in_2024_2026(xz, corpus_dir: Path, segmenter) -> None:
    reports = [corpus_dir / "national-work-reports" / f"{y}.txt" for y in (2024, 2025, 2026)]
    out = xz("collocates", "新质生产力", *reports, "-f", "json", "--min-count", "2")
    assert out.code == 0, out.stderr
    data = json.loads(out.stdout)
    found = {c["term"]: c for c in data["collocates"]}
    top = [c["term"] for c in data["collocates"][:5]]
    assert {"因地制宜", "发展"} <= set(top), top
    recount = _recount([p.read_text(encoding="utf-8") for p in reports], segmenter, "新质生产力")
    for term, row in found.items():
        assert row["count"] == recount[term], term
    assert data["node_count"] == 9
    # Each example points at a place where the node stands, as kwic lists it.
    for row in found.values():
        for ex in row["examples"]:
            text = Path(ex["source"]).read_text(encoding="utf-8")
            assert text[ex["node_offset"]:ex["node_offset"] + 5] == "新质生产力"
            assert text[ex["offset"]:ex["offset"] + len(row["term"])] == row["term"]
