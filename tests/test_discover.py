"""discover: candidate new terms, mergeable per document, and a dictionary --dict takes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xzcli.discover import Discovery, Options, analyse, candidates, merge
from xzcli.segment import Segmenter
from xzcli.sources import Document

# Written for these tests: an invented programme, 云栖贷 (a made-up loan scheme), repeated in
# varied company, and a made-up slogan the text quotes once.
TEXT_A = (
    "今年全面推广云栖贷，扩大云栖贷覆盖面。小微企业申请云栖贷更加便利，"
    "各地完善云栖贷风险分担机制。我们提出“三链同治”的工作思路。\n"
)
TEXT_B = (
    "云栖贷投放增长较快，云栖贷不良率保持低位。依托云栖贷，"
    "支持个体工商户发展。继续做好云栖贷发放工作。\n"
)


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def _docs() -> list[Document]:
    return [Document("2023-a.txt", TEXT_A, "utf-8"), Document("2024-b.txt", TEXT_B, "utf-8")]


def test_a_repeated_unknown_term_is_found_with_its_evidence(segmenter: Segmenter) -> None:
    total = Discovery()
    for doc in _docs():
        total.merge(analyse(doc, segmenter))
    found = {c.term: c for c in candidates(total, Options(top=0))}
    loan = found["云栖贷"]
    assert (loan.count, loan.documents, loan.first_year) == (8, 2, 2023)
    assert loan.first_source == "2023-a.txt"
    assert "【云栖贷】" in loan.example
    assert loan.score > 0 and loan.left_entropy > 0 and loan.right_entropy > 0
    assert found["三链同治"].quoted == 1
    # Known words and lexicon terms are never candidates.
    assert "小微企业" not in found and "个体工商户" not in found
    # No candidate is a word plus a particle at its edge.
    assert not [t for t in found if t.endswith(("的", "了")) or t.startswith(("的", "和"))]


def test_merging_in_any_grouping_gives_the_same_candidates(segmenter: Segmenter) -> None:
    docs = _docs() * 2
    one = Discovery()
    for doc in docs:
        one.merge(analyse(doc, segmenter))
    pairs = merge(merge(analyse(docs[0], segmenter), analyse(docs[1], segmenter)),
                  merge(analyse(docs[2], segmenter), analyse(docs[3], segmenter)))
    assert candidates(one) == candidates(pairs)


def test_the_merged_table_stays_bounded(segmenter: Segmenter) -> None:
    total = Discovery()
    for doc in _docs() * 3:
        total.merge(analyse(doc, segmenter), max_spans=40)
    assert len(total.spans) <= 40
    assert total.pruned_below >= 1
    # The frequent candidate survives the pruning.
    assert "云栖贷" in {c.term for c in candidates(total)}


def test_the_command_writes_a_dictionary_dict_takes(xz, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    a, b = folder / "2023-a.txt", folder / "2024-b.txt"
    a.write_text(TEXT_A, encoding="utf-8")
    b.write_text(TEXT_B, encoding="utf-8")
    out = tmp_path / "new.txt"
    run = xz("discover", str(folder), "-f", "json", "--emit-dict", str(out))
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "xzcli.discover/1"
    terms = [c["term"] for c in data["candidates"]]
    assert "云栖贷" in terms
    assert set(data["candidates"][0]) >= {"term", "count", "documents", "score", "first_year",
                                          "example"}
    assert "云栖贷 nz" in out.read_text(encoding="utf-8").splitlines()
    seg = xz("segment", "-", "--dict", str(out), stdin="推广云栖贷。".encode())
    assert seg.code == 0 and "云栖贷" in seg.stdout.split(" / ")
    inside = xz("discover", str(folder), "--emit-dict", str(folder / "new.txt"))
    assert inside.code == 2 and "--emit-dict" in inside.stderr


def test_a_bad_path_is_one_line_and_exit_1(xz, tmp_path: Path) -> None:
    run = xz("discover", str(tmp_path / "missing.txt"))
    assert run.code == 1 and run.stderr.count("\n") == 1
