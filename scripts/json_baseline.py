"""Every command's JSON on the written texts and on a corpus sample, stored for a before/after diff.

A refactor that must not change results runs this twice, once on the old checkout and once on
the new, and compares the two folders byte for byte:

    python scripts/json_baseline.py /tmp/before                     # on main
    python scripts/json_baseline.py /tmp/after                      # on the branch
    python scripts/json_baseline.py --compare /tmp/before /tmp/after

The cases are tests/test_pinned.py's (two written texts) plus the same commands on a folder of
the shared corpus (XZCLI_CORPUS or ../shared/corpus; skipped when it is absent). Outputs are the
raw bytes of stdout, envelope included, so the comparison is byte-identical or it says which
files differ. The xzcli that runs is this checkout's, or the one at --repo (another worktree,
say main's, to take the "before" without switching branches).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from test_pinned import CASES  # noqa: E402

# A folder of the corpus small enough to run every command in seconds, large enough to have
# several documents (the merge paths).
CORPUS_FOLDER = "state-council-reform"


def corpus_cases(corpus: Path) -> dict[str, tuple[str, ...]]:
    folder = str(corpus / CORPUS_FOLDER)
    files = sorted(str(p) for p in (corpus / CORPUS_FOLDER).iterdir() if p.suffix == ".txt")
    return {
        "corpus-segment": ("segment", files[0]),
        "corpus-keywords": ("keywords", folder, "--top", "100"),
        "corpus-sections": ("sections", files[0]),
        "corpus-themes": ("themes", folder),
        "corpus-themes-section": ("themes", files[0], "--by", "section"),
        "corpus-tfidf": ("tfidf", folder),
        "corpus-kwic": ("kwic", "改革,机构", folder),
        "corpus-usage": ("usage", "改革,机构,职能", folder),
        "corpus-figures": ("figures", folder),
        "corpus-lint": ("lint", folder),
        "corpus-compare": ("compare", files[0], "--reference", *files[1:], "--top", "0"),
        "corpus-collocates": ("collocates", "改革", folder, "--top", "0"),
        "corpus-ngrams": ("ngrams", folder, "--top", "200"),
        "corpus-segment-nested": ("segment", files[0], "--nested"),
        "corpus-segment-several": ("segment", *files[:3]),
        "corpus-keywords-count": ("keywords", folder, "--rank", "count", "--pos", "all"),
        "corpus-keywords-by-document": ("keywords", *files[:3], "--by", "document",
                                        "--min-count", "2"),
        "corpus-keywords-group": ("keywords", folder, "--group-by", "year", "--top", "10"),
        "corpus-tfidf-one": ("tfidf", files[0]),
        "corpus-tfidf-paragraph": ("tfidf", *files[:2], "--by", "paragraph", "--tf", "log",
                                   "--sentences", "0", "--top", "5"),
        "corpus-tfidf-policy": ("tfidf", folder, "--idf", "policy", "--tf", "raw"),
        "corpus-discover": ("discover", folder),
        "corpus-discover-all": ("discover", files[0], "--top", "0", "--min-count", "1"),
        "corpus-discover-no-lexicon": ("discover", folder, "--no-lexicon", "--top", "50"),
    }


def run_all(out: Path, extra: list[str], repo: Path = REPO) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cases = dict(CASES)
    corpus = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))
    if (corpus / CORPUS_FOLDER).is_dir():
        cases.update(corpus_cases(corpus))
    env = {**os.environ, "PYTHONPATH": str(repo)}
    for name, args in sorted(cases.items()):
        run = subprocess.run([sys.executable, "-P", "-m", "xzcli", *args, "--format", "json",
                              "--quiet", *extra], cwd=repo, env=env, capture_output=True,
                             check=False)
        (out / f"{name}.json").write_bytes(run.stdout)
        (out / f"{name}.code").write_text(f"{run.returncode}\n{run.stderr.decode()}")
        print(f"{name}: exit {run.returncode}, {len(run.stdout)} bytes", file=sys.stderr)


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = [n for n in names if not (before / n).is_file() or not (after / n).is_file()
              or (before / n).read_bytes() != (after / n).read_bytes()]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} files identical")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder for the outputs")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--jobs", help="pass --jobs N to every command")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="the checkout whose xzcli runs (default: this one)")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give an output folder or --compare BEFORE AFTER")
    run_all(args.out, ["--jobs", args.jobs] if args.jobs else [], args.repo.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
