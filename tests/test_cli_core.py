"""`xzcli segment` and `xzcli keywords` as a user meets them: formats, encodings, errors."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

GENERIC_VERBS = {"推进", "加强", "提升", "实现", "推动", "坚持", "加快", "提高", "促进", "发展"}


def _keywords(stdout: str) -> list[tuple[str, int]]:
    return [(k["term"], k["count"]) for k in json.loads(stdout)["keywords"]]


def test_keywords_json_has_the_envelope_and_the_payload(xz, sample_path: Path) -> None:
    run = xz("keywords", sample_path, "--format", "json")
    assert run.code == 0 and run.stderr == ""
    data = json.loads(run.stdout)
    assert data["schema"] == "xzcli.keywords/2"
    assert data["engine"] == "rjieba"
    assert [d["name"] for d in data["dictionaries"]] == [
        "policy_terms.txt", "stopwords.txt", "tag_fixes.txt", "policy_idf.tsv"]
    assert data["rank"] == "tfidf" and data["by"] == "all"
    assert all(len(d["sha256"]) == 64 for d in data["dictionaries"])
    assert data["inputs"] == [{"source": str(sample_path), "format": "txt", "encoding": "utf-8",
                               "chars": len(sample_path.read_text(encoding="utf-8")),
                               "meta": {}}]
    first = data["keywords"][0]
    assert set(first) == {"term", "score", "count", "per_10k", "documents", "in_lexicon",
                          "pos", "nested"}
    terms = {k["term"]: k for k in data["keywords"]}
    assert terms["高质量发展"]["in_lexicon"] is True
    assert "“" not in run.stdout.split('"keywords"')[1].replace('\\"', "")  # no punctuation


def test_default_keywords_are_content_words(xz, sample_path: Path) -> None:
    run = xz("keywords", sample_path, "-f", "json", "--top", "0")
    for term, _ in _keywords(run.stdout):
        assert len(term) > 1, term
        assert not term.isdigit()
        assert term not in GENERIC_VERBS
        assert term not in {"我们", "全区", "以及"}


def test_pos_verb_asks_for_verbs(xz, sample_path: Path) -> None:
    run = xz("keywords", sample_path, "-f", "json", "--top", "0", "--pos", "verb")
    data = json.loads(run.stdout)["keywords"]
    assert data and all(k["pos"].startswith("v") for k in data)
    assert {"推进", "建设"} & {k["term"] for k in data}


def test_top_and_min_count(xz, sample_path: Path) -> None:
    assert len(_keywords(xz("keywords", sample_path, "-f", "json", "-n", "3").stdout)) == 3
    rare = _keywords(xz("keywords", sample_path, "-f", "json", "--min-count", "2",
                        "-n", "0").stdout)
    assert rare and all(count >= 2 for _, count in rare)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16", "crlf"])
def test_every_encoding_gives_the_same_keywords(
    xz, tmp_path: Path, sample_path: Path, encoding: str
) -> None:
    text = sample_path.read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    if encoding == "crlf":
        copy.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    else:
        copy.write_bytes(text.encode(encoding))
    original = xz("keywords", sample_path, "-f", "json", "-n", "0")
    converted = xz("keywords", copy, "-f", "json", "-n", "0")
    assert json.loads(converted.stdout)["keywords"] == json.loads(original.stdout)["keywords"]


def test_article_copies_in_other_encodings_agree(xz, tmp_path: Path, article_path: Path) -> None:
    text = article_path.read_text(encoding="utf-8")
    expected = json.loads(xz("keywords", article_path, "-f", "json").stdout)["keywords"]
    variants = {
        "gb.txt": text.encode("gb18030"),
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "u16.txt": text.encode("utf-16"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        got = json.loads(xz("keywords", tmp_path / name, "-f", "json").stdout)["keywords"]
        assert got == expected, name


def test_stdin_gives_what_the_file_gives(xz, sample_path: Path) -> None:
    from_file = json.loads(xz("keywords", sample_path, "-f", "json").stdout)
    piped = xz("keywords", "-", "-f", "json", stdin=sample_path.read_bytes())
    from_stdin = json.loads(piped.stdout)
    assert from_stdin["keywords"] == from_file["keywords"]
    assert from_stdin["inputs"][0]["source"] == "-"


def test_two_runs_give_byte_identical_json_and_the_input_is_untouched(
    xz, tmp_path: Path, sample_path: Path
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(sample_path.read_bytes())
    os.chmod(path, 0o444)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    first = xz("keywords", path, "-f", "json").stdout
    second = xz("keywords", path, "-f", "json").stdout
    assert first == second
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("content", [b"", "。，、“”！？\n\n  ".encode()])
def test_empty_or_punctuation_only_input_gives_no_keywords(
    xz, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    run = xz("keywords", path, "-f", "json")
    assert run.code == 0
    assert json.loads(run.stdout)["keywords"] == []


def _one_line_error(run, code: int, *needles: str) -> None:
    assert run.code == code
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    for needle in needles:
        assert needle in lines[0]


def test_bad_input_ends_with_one_clear_line(xz, tmp_path: Path, sample_path: Path) -> None:
    _one_line_error(xz("keywords", tmp_path / "missing.txt"), 1, "no such file")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    _one_line_error(xz("keywords", binary), 1, "binary")
    (tmp_path / "empty").mkdir()
    _one_line_error(xz("keywords", tmp_path / "empty"), 1, "holds no file xzcli reads")
    bad_dict = tmp_path / "mine.txt"
    bad_dict.write_text("好词 10 n\n坏词 十 n\n", encoding="utf-8")
    _one_line_error(xz("keywords", sample_path, "--dict", bad_dict), 1, "mine.txt:2")
    _one_line_error(xz("keywords", sample_path, "--bogus"), 2, "--bogus")
    _one_line_error(xz("keywords", sample_path, "--engine", "thulac"), 2, "thulac")
    _one_line_error(xz("keywords", sample_path, "--encoding", "nope"), 2, "encoding")


def test_stray_bytes_in_the_middle_still_give_keywords(
    xz, tmp_path: Path, sample_path: Path
) -> None:
    data = sample_path.read_bytes()
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:300] + b"\xff\xfe" + data[300:])
    run = xz("keywords", path, "-f", "json")
    assert run.code == 0
    assert json.loads(run.stdout)["keywords"]
    assert "warning" in run.stderr and run.stderr.count("\n") == 1


def test_user_dictionary_words_become_keywords(xz, tmp_path: Path, sample_path: Path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("产业引导基金 nz\n", encoding="utf-8")
    run = xz("keywords", sample_path, "--dict", mine, "-f", "json", "-n", "0")
    terms = {k["term"]: k for k in json.loads(run.stdout)["keywords"]}
    assert terms["产业引导基金"]["in_lexicon"] is True
    assert json.loads(run.stdout)["dictionaries"][1]["name"] == "mine.txt"


def test_csv_output_file_has_a_bom_and_is_written_whole(
    xz, tmp_path: Path, sample_path: Path
) -> None:
    out = tmp_path / "kw.csv"
    run = xz("keywords", sample_path, "-f", "csv", "-o", out)
    assert run.code == 0 and run.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0].keys() >= {"term", "count", "per_10k", "documents", "in_lexicon", "pos"}
    assert [p.name for p in tmp_path.iterdir()] == ["kw.csv"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temporary file's 0600


def test_output_may_not_overwrite_an_input(xz, tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(sample_path.read_bytes())
    run = xz("keywords", path, "-o", path)
    assert run.code == 2 and path.read_bytes() == sample_path.read_bytes()


def test_tsv_and_jsonl(xz, sample_path: Path) -> None:
    tsv = xz("keywords", sample_path, "-f", "tsv", "-n", "2").stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["rank", "term", "count"] and len(tsv) == 3
    lines = xz("keywords", sample_path, "-f", "jsonl", "-n", "2").stdout.splitlines()
    assert [json.loads(line)["rank"] for line in lines] == [1, 2]


def test_segment_text_json_and_several_inputs(xz, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("加快发展新质生产力。\n优化营商环境。\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("实现碳中和。", encoding="utf-8")
    text = xz("segment", a).stdout
    assert text == "加快 / 发展 / 新质生产力 / 。\n优化 / 营商环境 / 。\n"
    one = json.loads(xz("segment", a, "-f", "json").stdout)
    assert one["schema"] == "xzcli.segment/1"
    assert one["tokens"] == ["加快", "发展", "新质生产力", "。", "优化", "营商环境", "。"]
    both = json.loads(xz("segment", a, b, "-f", "json").stdout)
    assert [d["source"] for d in both["documents"]] == [str(a), str(b)]
    assert both["documents"][1]["tokens"] == ["实现", "碳中和", "。"]
    assert xz("segment", b, "-d", "|").stdout == "实现|碳中和|。\n"


def test_engine_jieba_gives_the_same_keywords(xz, sample_path: Path) -> None:
    fast = json.loads(xz("keywords", sample_path, "-f", "json").stdout)
    ref = json.loads(xz("keywords", sample_path, "-f", "json", "--engine", "jieba").stdout)
    assert ref["engine"] == "jieba" and fast["keywords"] == ref["keywords"]


def _run_module(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "xzcli", *args], input=stdin, capture_output=True, cwd=REPO,
        timeout=120, check=False,
    )


def test_python_dash_m_runs_for_real(sample_path: Path) -> None:
    done = _run_module("keywords", str(sample_path), "-f", "json", "-n", "3")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["keywords"]) == 3
    assert done.stderr == b""


def test_a_closed_pipe_ends_quietly(tmp_path: Path, sample_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(sample_path.read_bytes() * 400)
    proc = subprocess.Popen(
        [sys.executable, "-m", "xzcli", "segment", str(big)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, cwd=REPO,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert err == b""
    assert proc.returncode == 0


def test_a_huge_single_line_does_not_crash(tmp_path: Path) -> None:
    line = "徐州高新区推动新质生产力发展，营商环境持续优化，" * 350_000  # about 17 MB
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    assert path.stat().st_size > 16_000_000
    # 徐州 counts inside 徐州高新区 as well, so the four terms tie: ask for more than three.
    done = _run_module("keywords", str(path), "-f", "json", "-n", "6")
    assert done.returncode == 0, done.stderr[-500:]
    top = [k["term"] for k in json.loads(done.stdout)["keywords"]]
    assert "新质生产力" in top and "营商环境" in top


def test_every_command_is_documented_in_the_readme() -> None:
    import typer

    from xzcli.cli import app

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    names = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        names += [f"{name} {sub}" for sub in subcommands] if subcommands else [name]
    assert "keywords" in names
    for name in names:
        assert f"xzcli {name}" in readme, name
