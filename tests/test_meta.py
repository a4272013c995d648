"""Metadata from file names and a CSV sidecar, grouping by it, folder globs and --t2s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xzcli.errors import InputError, UsageError
from xzcli.meta import compile_name_pattern, load_sidecar, meta_from_name
from xzcli.sources import expand_paths


@pytest.mark.parametrize(("name", "meta"), [
    ("2024-浙江省.txt", {"year": 2024, "region": "浙江省"}),
    ("2024.txt", {"year": 2024}),
    ("1953-一五计划.txt", {"year": 1953, "title": "一五计划"}),
    ("corpus/2023-广东省-省政府办公厅-关于印发方案的通知.pdf",
     {"year": 2023, "region": "广东省", "issuer": "省政府办公厅", "title": "关于印发方案的通知"}),
    ("2024-国务院-关于优化营商环境的意见.docx",
     {"year": 2024, "issuer": "国务院", "title": "关于优化营商环境的意见"}),
    ("政府工作报告2019.txt", {"year": 2019}),
    ("说明.txt", {}),
    ("-", {}),
])
def test_default_name_pattern(name: str, meta: dict) -> None:
    assert meta_from_name(name) == meta


def test_a_name_pattern_of_ones_own() -> None:
    pattern = compile_name_pattern(r"(?P<issuer>[^_]+)_(?P<year>\d{4})")
    assert meta_from_name("发改委_2022_通知.txt", pattern) == {"issuer": "发改委", "year": 2022}
    with pytest.raises(UsageError, match="named groups"):
        compile_name_pattern(r"\d{4}")
    with pytest.raises(UsageError, match="not a valid"):
        compile_name_pattern(r"(?P<year>")


def test_sidecar_rows_are_keyed_by_file_name(tmp_path: Path) -> None:
    sidecar = tmp_path / "meta.csv"
    # Excel in China saves CSV as GB18030; the key column may stand anywhere.
    sidecar.write_bytes("region,文件名,issuer\n浙江省,a.txt,省政府\n江苏省,b,省发改委\n"
                        .encode("gb18030"))
    assert load_sidecar(sidecar) == {"a.txt": {"region": "浙江省", "issuer": "省政府"},
                                     "b": {"region": "江苏省", "issuer": "省发改委"}}
    sidecar.write_text("file,region\na.txt,x\na.txt,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="two rows"):
        load_sidecar(sidecar)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = {
        "2023-浙江省.txt": "加快发展新质生产力，持续优化营商环境。",
        "2024-浙江省.txt": "因地制宜发展新质生产力。新质生产力加快形成。",
        "2024-江苏省.txt": "持续优化营商环境，推动高质量发展。",
        "说明.txt": "本文件夹收录各省政策文件。",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_every_json_record_carries_its_inputs_meta(xz, corpus: Path) -> None:
    run = xz("keywords", "-f", "json", corpus)
    inputs = {Path(i["source"]).name: i["meta"] for i in json.loads(run.stdout)["inputs"]}
    assert inputs == {"2023-浙江省.txt": {"year": 2023, "region": "浙江省"},
                      "2024-浙江省.txt": {"year": 2024, "region": "浙江省"},
                      "2024-江苏省.txt": {"year": 2024, "region": "江苏省"},
                      "说明.txt": {}}


def test_usage_groups_by_region_and_keeps_by_year(xz, corpus: Path) -> None:
    run = xz("usage", "新质生产力,营商环境", corpus, "--group-by", "region", "-f", "json")
    assert run.code == 0
    result = json.loads(run.stdout)
    assert [(g["value"], g["documents"], g["counts"]) for g in result["groups"]] == [
        ("江苏省", 1, {"新质生产力": 0, "营商环境": 1}),
        ("浙江省", 2, {"新质生产力": 3, "营商环境": 1}),
    ]
    assert "1 document(s) carry no region" in run.stderr
    years = json.loads(xz("usage", "新质生产力", corpus, "--by-year", "-f", "json").stdout)
    assert [(y["year"], y["counts"]["新质生产力"]) for y in years["years"]] == [(2023, 1),
                                                                            (2024, 2)]


def test_sidecar_overrides_and_adds_fields(xz, corpus: Path, tmp_path: Path) -> None:
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text("file,issuer\n2023-浙江省.txt,省政府\n2024-浙江省,省政府\n"
                       "2024-江苏省.txt,省发改委\n", encoding="utf-8-sig")
    run = xz("keywords", "-n", "2", "-f", "json", corpus, "--meta", sidecar,
             "--group-by", "issuer")
    assert run.code == 0, run.stderr
    result = json.loads(run.stdout)
    assert [(g["value"], g["documents"]) for g in result["groups"]] == [("省发改委", 1),
                                                                       ("省政府", 2)]
    assert result["groups"][1]["keywords"][0]["term"] == "新质生产力"
    assert "1 input(s) have no row in --meta" in run.stderr


def test_themes_group_by_year(xz, corpus: Path) -> None:
    run = xz("themes", corpus, "--group-by", "year", "-f", "json")
    assert run.code == 0, run.stderr
    groups = json.loads(run.stdout)["groups"]
    assert [(g["value"], g["documents"]) for g in groups] == [(2023, 1), (2024, 2)]
    assert xz("themes", corpus, "--group-by", "year", "--by", "section").code == 2


def test_group_by_a_field_no_document_has(xz, corpus: Path) -> None:
    run = xz("usage", "新质生产力", corpus, "--group-by", "province")
    assert run.code == 1 and "no document carries that field" in run.stderr


# -- folders (issue 17, item 6) ----------------------------------------------------------------
def test_folders_take_every_readable_type_and_note_the_rest(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.pdf", "d.docx", "e.html", "f.doc", "g.jpg", "h.jpg"):
        (tmp_path / name).write_bytes(b"x")
    notes: list[str] = []
    found = [Path(p).name for p in expand_paths([str(tmp_path)], notes)]
    assert found == ["a.txt", "b.md", "c.pdf", "d.docx", "e.html"]
    assert notes == [f"{tmp_path}: left out 3 file(s) of a type xzcli does not read: "
                     "1 .doc (old Word format: save it as .docx), 2 .jpg"]


def test_include_and_exclude_globs(xz, corpus: Path) -> None:
    (corpus / "SOURCES.md").write_text("资料来源：各省政府网站。", encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "2022-浙江省.md").write_text("营商环境", encoding="utf-8")
    notes: list[str] = []
    every = [Path(p).name for p in expand_paths([str(corpus)], notes)]
    assert "SOURCES.md" in every
    assert any("reading SOURCES.md as document(s); --exclude 'SOURCES.md'" in n for n in notes)
    kept = expand_paths([str(corpus)], exclude=["SOURCES.md", "说明.txt"])
    assert [Path(p).name for p in kept] == ["2023-浙江省.txt", "2024-江苏省.txt",
                                            "2024-浙江省.txt", "2022-浙江省.md"]
    only = expand_paths([str(corpus)], include=["sub/*", "*江苏*"])
    assert [Path(p).name for p in only] == ["2024-江苏省.txt", "2022-浙江省.md"]
    with pytest.raises(InputError, match="globs"):
        expand_paths([str(corpus)], include=["*.pdf"])
    # A file named on the command line is read whatever the globs say.
    named = str(corpus / "SOURCES.md")
    assert expand_paths([named], exclude=["SOURCES.md"]) == [named]
    run = xz("keywords", corpus, "--exclude", "SOURCES.md", "-f", "json")
    assert "SOURCES.md" not in run.stdout and "SOURCES.md" not in run.stderr


# -- traditional Chinese -----------------------------------------------------------------------
def test_t2s_analyses_simplified_with_offsets_into_the_original(xz, tmp_path: Path) -> None:
    pytest.importorskip("opencc")
    original = "香港特別行政區政府關於優化營商環境的通知\n持續優化營商環境，發展新質生產力。\n"
    path = tmp_path / "hk.txt"
    path.write_text(original, encoding="utf-8")
    assert json.loads(xz("kwic", "营商环境", path, "-f", "json").stdout)["count"] == 0
    run = xz("kwic", "营商环境", path, "--t2s", "-f", "json")
    hits = json.loads(run.stdout)["hits"]
    assert len(hits) == 2
    assert [original[h["offset"]:h["offset"] + 4] for h in hits] == ["營商環境", "營商環境"]
    converted = xz("extract", path, "--t2s").stdout
    assert len(converted) == len(original)
    assert converted.startswith("香港特别行政区政府关于优化营商环境的通知")
    keywords = json.loads(xz("keywords", path, "--t2s", "-f", "json").stdout)["keywords"]
    assert {"营商环境", "新质生产力"} <= {k["term"] for k in keywords}


def test_t2s_keeps_length_line_by_line() -> None:
    pytest.importorskip("opencc")
    from xzcli.t2s import to_simplified

    text = "乾隆年間，天氣乾燥。\r\n資訊網路與軟體產業\n\n臺灣"
    out = to_simplified(text)
    assert len(out) == len(text)
    assert out.splitlines(keepends=True)[0] == "乾隆年间，天气干燥。\r\n"
