"""Every command's JSON on two written texts, pinned: a speed-up must not change a result.

The expected outputs live in tests/pinned/expected/. A change of behaviour that is meant
(a new rule, a lexicon rebuild) rewrites them with

    python tests/test_pinned.py

and the diff of that commit shows exactly what changed. The envelope's provenance
(version, dictionary fingerprints) is left out of the comparison; everything else counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EXPECTED = REPO / "tests" / "pinned" / "expected"
CITY = "tests/pinned/city-report.txt"
DISTRICT = "samples/district-plan.txt"
BOTH = (CITY, DISTRICT)

CASES: dict[str, tuple[str, ...]] = {
    "segment": ("segment", CITY),
    "keywords": ("keywords", *BOTH, "--top", "0"),
    "keywords-pos-all": ("keywords", *BOTH, "--top", "50", "--pos", "all"),
    "sections": ("sections", CITY),
    "themes": ("themes", *BOTH),
    "themes-section": ("themes", CITY, "--by", "section"),
    "themes-paragraph": ("themes", CITY, "--by", "paragraph"),
    "tfidf": ("tfidf", *BOTH),
    "tfidf-one": ("tfidf", CITY),
    "tfidf-paragraph": ("tfidf", *BOTH, "--by", "paragraph"),
    "tfidf-policy": ("tfidf", *BOTH, "--idf", "policy"),
    "kwic": ("kwic", "市政,安全,新质生产力", *BOTH),
    "kwic-token": ("kwic", "--token", "市政,安全", *BOTH),
    "usage": ("usage", "市政,安全,改革", *BOTH),
    "figures": ("figures", *BOTH),
    "lint": ("lint", *BOTH),
    "compare": ("compare", CITY, "--reference", DISTRICT, "--top", "0"),
    "collocates": ("collocates", "发展", *BOTH, "--min-count", "1", "--top", "0"),
    "ngrams": ("ngrams", *BOTH, "--top", "0"),
    "report": ("report", *BOTH),
}


def _comparable(text: str) -> Any:
    data = json.loads(text)
    data.pop("version", None)
    data.pop("dictionaries", None)
    return data


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_output_is_pinned(name: str, xz, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    run = xz(*CASES[name], "--format", "json", "--quiet")
    assert run.code in (0, 1), run.stderr
    expected = (EXPECTED / f"{name}.json").read_text(encoding="utf-8")
    assert _comparable(run.stdout) == _comparable(expected)


def test_idf_table_is_pinned(xz, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    run = xz("idf", "build", *BOTH, "--quiet")
    assert run.code == 0, run.stderr
    assert run.stdout == (EXPECTED / "idf-build.tsv").read_text(encoding="utf-8")


def regenerate() -> None:
    """Rewrite the expected outputs with the xzcli on PYTHONPATH (default: this checkout)."""
    EXPECTED.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(REPO))}
    # -P: the working folder (this checkout) must not shadow the xzcli on PYTHONPATH.
    xzcli = [sys.executable, "-P", "-m", "xzcli"]
    for name, args in CASES.items():
        out = subprocess.run([*xzcli, *args, "--format", "json", "--quiet"], cwd=REPO,
                             env=env, capture_output=True, check=False)
        (EXPECTED / f"{name}.json").write_bytes(out.stdout)
    out = subprocess.run([*xzcli, "idf", "build", *BOTH, "--quiet"], cwd=REPO, env=env,
                         capture_output=True, check=True)
    (EXPECTED / "idf-build.tsv").write_bytes(out.stdout)


if __name__ == "__main__":
    regenerate()
