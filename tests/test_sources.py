"""Reading inputs: encodings detected, binary refused, folders expanded, offsets kept."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from xzcli.errors import InputError, UsageError
from xzcli.sources import analysis_text, decode_bytes, expand_paths, read_document

TEXT = "徐州高新区“十四五”期间，营商环境持续优化。\n新质生产力加快发展。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_encodings_are_detected_and_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    doc = decode_bytes(data, "x.txt")
    assert doc.text == TEXT
    assert doc.encoding == encoding
    assert not doc.warnings


def test_encoding_override_and_unknown_encoding() -> None:
    data = TEXT.encode("gb18030")
    assert decode_bytes(data, "x", "gbk").text == TEXT
    with pytest.raises(InputError, match="--encoding"):
        decode_bytes(data, "x", "utf-8")
    with pytest.raises(UsageError, match="unknown encoding"):
        decode_bytes(data, "x", "klingon")


def test_binary_data_is_refused_with_one_clear_line() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary") as exc:
        decode_bytes(png, "photo.png")
    assert "\n" not in str(exc.value)


def test_a_few_stray_bytes_inside_text_are_replaced_with_a_warning() -> None:
    good = ("营商环境持续优化。" * 200).encode("utf-8")
    data = good[:900] + b"\xff\xfe\xfa" + good[900:]
    doc = decode_bytes(data, "x.txt")
    assert doc.encoding == "utf-8"
    assert doc.text.count("\ufffd") >= 1
    assert doc.warnings and "replaced" in doc.warnings[0]


def test_crlf_is_kept_in_the_text_and_folded_for_analysis() -> None:
    doc = decode_bytes("第一行\r\n第二行\r第三行ＡＢＣ１２".encode(), "x")
    assert doc.text == "第一行\r\n第二行\r第三行ＡＢＣ１２"
    folded = analysis_text(doc.text)
    assert len(folded) == len(doc.text)
    assert folded == "第一行 \n第二行\n第三行ABC12"


def test_folders_expand_sorted_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "a.md").write_text("甲", encoding="utf-8")
    (tmp_path / "c.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden.txt").write_text("隐", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("隐", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("丁", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert found == ["a.md", "b.txt", "sub/d.txt"]


def test_missing_paths_and_empty_folders_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        expand_paths([str(tmp_path / "nope.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no file xzcli reads"):
        expand_paths([str(tmp_path / "empty")])
    with pytest.raises(UsageError):
        expand_paths([])


def test_read_document_never_writes_the_input(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert read_document(str(path)).text == TEXT
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
