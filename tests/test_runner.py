"""The runner: one merge for serial and pool runs, each document's own result otherwise, and a
Segmenter built from its spec only when a task uses it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from xzcli import pipeline
from xzcli.pipeline import (
    Failed,
    Merged,
    Outcome,
    Read,
    SegmenterSpec,
    merge_documents,
    run_documents,
)
from xzcli.segment import Segmenter, cached_segmenter

TEXTS = ["发展经济。", "改革开放，发展。", "", "创新驱动发展战略。", "改革。"]


def _chars(doc, segmenter) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(doc.text)


def _add(a: Counter[str], b: Counter[str]) -> Counter[str]:
    a.update(b)
    return a


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    paths = []
    for i, text in enumerate(TEXTS):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    paths.insert(2, str(tmp_path / "missing.txt"))  # unreadable: a Failed, not a result
    return paths


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_merging_run_merges_every_result_once_however_it_runs(
    files: list[str], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # the pool even on small files
    merged: Merged[Counter[str]] = Merged(Counter())
    reads = list(merge_documents(_chars, _add, merged, files, SegmenterSpec(), jobs=jobs))
    assert [type(r) for r in reads] == [Read, Read, Failed, Read, Read, Read]
    assert [r.source for r in reads] == files
    assert merged.total == Counter("".join(TEXTS))


def test_each_document_keeps_its_own_result_in_a_pool(
    files: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    outcomes = list(run_documents(_chars, files, SegmenterSpec(), jobs=2))
    done = [o for o in outcomes if isinstance(o, Outcome)]
    assert [o.result for o in done] == [Counter(t) for t in TEXTS]
    assert [o.source for o in outcomes if isinstance(o, Failed)] == [files[2]]


def test_the_segmenter_is_built_from_its_spec_only_when_used(files: list[str]) -> None:
    spec = SegmenterSpec(quoted_terms=False, user_dicts=())
    seen: list[bool] = []

    def reads_only(doc, segmenter):  # type: ignore[no-untyped-def]
        seen.append(isinstance(segmenter, Segmenter))
        return len(doc.text)

    cached_segmenter.cache_clear()
    list(run_documents(reads_only, files, spec, jobs=1))
    assert seen and all(seen)  # a Segmenter to the task and its type checker
    assert cached_segmenter.cache_info().misses == 0  # never built: nothing asked for it

    def cuts(doc, segmenter):  # type: ignore[no-untyped-def]
        return segmenter.words(doc.text)

    words = [o.result for o in run_documents(cuts, files, spec, jobs=1)
             if isinstance(o, Outcome)]
    assert words[3] == cached_segmenter(spec).words(TEXTS[3])
    assert cached_segmenter.cache_info().misses == 1  # built once, for every document


PICKLED: list[str] = []


class _CountsPickling:
    """A task with options, that notes in this process each time it is pickled."""

    def __init__(self, options: bytes) -> None:
        self.options = options

    def __call__(self, doc, segmenter):  # type: ignore[no-untyped-def]
        return Counter(doc.text)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        PICKLED.append("task")
        return (_CountsPickling, (self.options,))


@pytest.mark.parametrize("merging", [False, True])
def test_a_task_goes_to_each_worker_once_not_with_every_document(
    files: list[str], monkeypatch: pytest.MonkeyPatch, merging: bool
) -> None:
    # A task's options (a theme set is 56 KB) were pickled with each document, and unpickled
    # into a new object each time; now each worker gets the task when it starts.
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "_batches", lambda sources, jobs: ([s] for s in sources))
    PICKLED.clear()
    task = _CountsPickling(b"x" * 50_000)
    if merging:
        merged: Merged[Counter[str]] = Merged(Counter())
        list(merge_documents(task, _add, merged, files, SegmenterSpec(), jobs=2))
        assert merged.total == Counter("".join(TEXTS))
    else:
        outcomes = list(run_documents(task, files, SegmenterSpec(), jobs=2))
        assert [o.result for o in outcomes if isinstance(o, Outcome)] == [
            Counter(t) for t in TEXTS]
    assert len(PICKLED) <= 2  # none with fork, one per worker with spawn; not one per document
