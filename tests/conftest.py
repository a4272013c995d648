"""Shared fixtures: the CLI runner, the shared corpus (skipped when absent) and one Segmenter."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))
ARTICLE = CORPUS / "article" / "xuzhou-hitech-14th-fyp.txt"
SAMPLE = REPO / "samples" / "district-plan.txt"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def xz(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run the real entry point (error handling included) and capture what it writes."""
    from xzcli.cli import main

    def run(*args: str, stdin: bytes | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        capsys.readouterr()
        with pytest.raises(SystemExit) as exc:
            main([str(a) for a in args])
        out = capsys.readouterr()
        code = exc.value.code
        return Run(code if isinstance(code, int) else 1, out.out, out.err)

    return run


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not present at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def article_path(corpus_dir: Path) -> Path:
    if not ARTICLE.is_file():
        pytest.skip(f"reference article not present at {ARTICLE}")
    return ARTICLE


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def segmenter():
    """The default Segmenter (rjieba, policy lexicon), built once for the whole session."""
    from xzcli.pipeline import SegmenterSpec, cached_segmenter

    return cached_segmenter(SegmenterSpec())


# -- hypothesis profiles ----------------------------------------------------------------------
# `ci` (the default) runs a fixed set of examples, the same on every run and every machine;
# `long` (pytest --hypothesis-profile=long) tries many more, new ones each run, before a release.
try:
    from hypothesis import settings as _settings
except ImportError:  # the property tests skip themselves
    pass
else:
    _settings.register_profile("ci", max_examples=25, derandomize=True, deadline=None,
                               database=None, print_blob=True)
    _settings.register_profile("long", max_examples=1000, deadline=None, print_blob=True)
    _settings.load_profile(os.environ.get("XZCLI_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def dask_scheduler():
    """The address of a local Dask cluster (two worker processes), one per test module."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
