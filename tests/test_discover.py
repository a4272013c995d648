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


# Written for these tests: a future plan's name (十七五), a made-up corridor always built
# with one verb (共建蓝湾走廊), a made-up project label before a common head (微而精 + 民生项目)
# and a made-up pair that only ever stands together (一青一银).
TEXT_SHAPES = (
    "编制十七五规划，谋划十七五时期重大工程，实现十七五目标，迈向十七五。共建蓝湾走廊，共建蓝湾走廊取得进展，共建蓝湾走廊成效明显。"
    "实施一批微而精民生项目，建成一批微而精民生项目，谋划一批微而精民生项目。"
    "保障民生，改善民生，民生福祉持续增进，民生投入稳定增长，民生短板加快补齐。"
    "项目建设加快，项目储备充足，项目审批提速，重大项目顺利推进。"
    "落实一青一银政策，完善一青一银服务，一青一银需求得到满足。\n"
    "共建蓝湾走廊迈出新步伐，各方共建蓝湾走廊。十七五开局良好。\n"
)


def _shapes(segmenter: Segmenter) -> dict[str, object]:
    found = candidates(analyse(Document("2031.txt", TEXT_SHAPES, "utf-8"), segmenter),
                       Options(top=0))
    return {c.term: c for c in found}


def test_a_plan_number_is_a_name(segmenter: Segmenter) -> None:
    found = _shapes(segmenter)
    # 十七/五, both numerals: digits after 十 with no unit between them are no quantity.
    assert "十七五" in found


def test_one_fixed_verb_before_a_term_does_not_hide_it(segmenter: Segmenter) -> None:
    # Six uses, always after 共建: the verb marks where the term starts.
    found = _shapes(segmenter)
    assert "蓝湾走廊" in found and "共建蓝湾走廊" not in found


def test_a_common_head_is_no_part_of_the_term_and_a_constant_partner_is(
        segmenter: Segmenter) -> None:
    found = _shapes(segmenter)
    # 民生 stands apart from 微而精 more often than with it: 微而精 is the term.
    assert "微而精" in found and "微而精民生" not in found and "微而精民生项目" not in found
    # 一青 and 一银 only ever stand together: the pair is the term, either half a fragment.
    assert "一青一银" in found and "一青" not in found and "一银" not in found


def test_analyse_gives_the_same_result_through_the_lazy_segmenter(segmenter: Segmenter) -> None:
    from xzcli.pipeline import LazySegmenter
    from xzcli.segment import SegmenterSpec

    doc = Document("2031.txt", TEXT_SHAPES, "utf-8")
    direct = analyse(doc, Segmenter(lexicon=False))
    lazy = analyse(doc, LazySegmenter(SegmenterSpec(lexicon=False)))  # type: ignore[arg-type]
    assert candidates(direct, Options(top=0)) == candidates(lazy, Options(top=0))
    assert direct.spans == lazy.spans and direct.left == lazy.left


# Written for this test: a made-up programme named with a trailing plus sign, in both widths.
TEXT_PLUS = (
    "深入开展云算力＋行动，推动云算力＋制造融合发展。云算力＋应用场景不断拓展，"
    "各地加快云算力+项目建设。\n"
)


def test_a_trailing_plus_sign_belongs_to_the_term(segmenter: Segmenter) -> None:
    found = {c.term: c for c in candidates(analyse(Document("p.txt", TEXT_PLUS, "utf-8"),
                                                   segmenter), Options(top=0))}
    assert found["云算力＋"].count == 3
    # The sign ends a span: nothing after it joins (no 云算力＋行动, no 云算力＋制造).
    assert not [t for t in found if "＋" in t[:-1] or "+" in t[:-1]]
    # A sign alone, or one that starts a span, is never a candidate.
    assert "＋" not in found and not [t for t in found if t[0] in "+＋"]
