"""Same results one process, several worker processes, or a Dask cluster; stderr stays clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import xzcli.pipeline as pipeline

SAMPLE_TEXTS = [
    "加快发展新质生产力，推动高质量发展。营商环境持续优化，专精特新企业加快成长。",
    "全面推进乡村振兴，实施城中村改造。新型城镇化稳步推进，城乡融合发展。",
    "办好人民满意的教育，推进健康中国建设。发展普惠托育服务，完善养老服务体系。",
    "坚持绿色发展，积极稳妥推进碳达峰碳中和。打好污染防治攻坚战。",
]


@pytest.fixture
def small_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, text in enumerate(SAMPLE_TEXTS * 3):
        (folder / f"{2000 + i}.txt").write_text(text * (i + 1), encoding="utf-8")
    # Small inputs normally stay in one process; make them use workers for this test.
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    return folder


def _payload(stdout: str) -> dict:
    return json.loads(stdout)


def test_jobs_one_and_two_give_identical_json(xz, small_folder: Path) -> None:
    one = xz("keywords", small_folder, "-f", "json", "--jobs", "1", "--top", "0")
    two = xz("keywords", small_folder, "-f", "json", "--jobs", "2", "--top", "0")
    assert one.code == two.code == 0
    assert one.stdout == two.stdout
    assert _payload(one.stdout)["documents"] == 12
    assert one.stderr == two.stderr == ""


def test_a_bad_file_among_many_is_skipped_with_one_line(xz, small_folder: Path) -> None:
    (small_folder / "broken.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    run = xz("keywords", small_folder, "-f", "json", "--jobs", "2")
    assert run.code == 1
    assert _payload(run.stdout)["documents"] == 12
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.txt" in lines[0] and "binary" in lines[0]


def test_corpus_keywords_identical_across_job_counts(xz, corpus_dir: Path) -> None:
    folder = corpus_dir / "national-work-reports"
    one = xz("keywords", folder, "-f", "json", "--jobs", "1", "--top", "200")
    two = xz("keywords", folder, "-f", "json", "--jobs", "2", "--top", "200")
    assert one.code == 0 and one.stdout == two.stdout


def test_dask_cluster_gives_the_local_result(xz, small_folder: Path, dask_scheduler: str) -> None:
    local = xz("keywords", small_folder, "-f", "json", "--jobs", "1", "--top", "0")
    remote = xz("keywords", small_folder, "-f", "json", "--scheduler", dask_scheduler,
                "--top", "0")
    assert remote.code == 0, remote.stderr
    assert remote.stdout == local.stdout


def test_unreachable_scheduler_is_one_line(xz, small_folder: Path) -> None:
    run = xz("keywords", small_folder, "--scheduler", "tcp://127.0.0.1:1")
    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "Dask scheduler" in run.stderr


def _stderr_on_a_terminal(*args: str) -> bytes:
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "xzcli", *args], stdout=subprocess.PIPE,
                            stderr=slave)
    os.close(slave)
    assert proc.stdout is not None
    proc.stdout.read()
    proc.wait(timeout=120)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    os.close(master)
    return data


def test_progress_bar_shows_on_a_terminal_and_not_with_quiet(small_folder: Path) -> None:
    shown = _stderr_on_a_terminal("keywords", str(small_folder), "-f", "json", "-j", "1")
    assert b"counting" in shown and b"/12" in shown
    assert _stderr_on_a_terminal("keywords", str(small_folder), "-f", "json", "-j", "1",
                                 "--quiet") == b""


# Every command that runs over many inputs, with the arguments that go before the folder and
# after it. The reference folder of compare is made beside the target folder.
EVERY_COMMAND: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "segment": (("segment",), ()),
    "keywords": (("keywords",), ("--top", "0")),
    "sections": (("sections",), ()),
    "themes": (("themes",), ()),
    "themes-section": (("themes",), ("--by", "section")),
    "themes-paragraph": (("themes",), ("--by", "paragraph")),
    "tfidf": (("tfidf",), ()),
    "kwic": (("kwic", "发展,推进"), ()),
    "usage": (("usage", "发展", "推进"), ()),
    "usage-by-year": (("usage", "发展"), ("--by-year",)),
    "figures": (("figures",), ()),
    "lint": (("lint",), ()),
    "compare": (("compare",), ("--reference", "REFERENCE", "--top", "0", "--min-count", "1",
                               "--min-g2", "0")),
    "collocates": (("collocates", "发展"), ("--min-count", "1", "--top", "0")),
    "ngrams": (("ngrams",), ("--top", "0", "--min-count", "1")),
}


# segment has --jobs but no --scheduler.
NO_SCHEDULER = {"segment"}


def _every_run(xz, folder: Path, name: str, *mode: str):
    before, after = EVERY_COMMAND[name]
    reference = folder.parent / "reference"
    if not reference.exists():
        reference.mkdir()
        for i, text in enumerate(SAMPLE_TEXTS[::-1] * 2):
            (reference / f"{1990 + i}.txt").write_text(text * (i + 2), encoding="utf-8")
    after = tuple(str(reference) if a == "REFERENCE" else a for a in after)
    run = xz(*before, folder, *after, "-f", "json", "--quiet", *mode)
    assert run.code in (0, 1), run.stderr
    assert run.stdout.startswith("{")
    return run.stdout


@pytest.mark.parametrize("name", sorted(EVERY_COMMAND))
def test_every_command_serial_pool_and_dask_agree(xz, small_folder: Path, dask_scheduler: str,
                                                  name: str) -> None:
    serial = _every_run(xz, small_folder, name, "--jobs", "1")
    assert _every_run(xz, small_folder, name, "--jobs", "2") == serial
    if name not in NO_SCHEDULER:
        assert _every_run(xz, small_folder, name, "--scheduler", dask_scheduler) == serial
