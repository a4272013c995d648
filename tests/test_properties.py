"""Property tests: whatever text, bytes, dictionary or theme file a user feeds in, every command
and the library functions under it give a result or one line on stderr, never a traceback;
output is deterministic, offsets point at the reported text, and inputs stay unchanged.

Profiles (tests/conftest.py): `ci` (the default: fixed seed, a few dozen examples per test)
and `long` (`pytest --hypothesis-profile=long tests/test_properties.py`, before a release).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from xzcli.errors import XzError  # noqa: E402
from xzcli.sources import analysis_text  # noqa: E402

# Fixtures such as `xz` and `tmp_path` are set up once per test, not per example: each example
# overwrites the one input file, so sharing them is harmless.
SHARED = settings(suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow])

# -- strategies -----------------------------------------------------------------------------------
# Pieces of policy prose written for these tests, and the characters hostile input is made of.
POLICY_PIECES = [
    "推进高质量发展", "加快培育新质生产力", "“十四五”期间", "《中华人民共和国民法典》", "营商环境",
    "一、总体要求\n", "（二）重点任务\n", "第三章　创新驱动\n", "全区生产总值增长5.2%",
    "投资1.5亿元", "增长8%至10%", "2024年3月", "二〇二四年", "-5%", "−5%", "10^400", "1e-21",
    "获得感、获得感与幸福感", "先进制造业、进制造业、", "推进改革、推进改革", "的的", "PM_{2.5}",
    "&nbsp;", "<br>", "**加粗**", "[^1]", "# 标题", "（未闭合", "”九五”", "，", "。", "\n", "\n\n",
    "\r\n", "\r", "\u2028", "\ufeff", "\x00", "\u0301", "😀", "ＡＢＣ１２３", "5G", "a" * 50,
    "、" * 5, "\t", " ",
]
HOSTILE_CHARS = st.characters(codec="utf-8") | st.sampled_from(
    ["\x00", "\r", "\n", "\u2028", "\u2029", "\ufeff", "\u0301", "\u200b", "😀", "𠀀", "、", "“",
     "”", "（", "）", "《", "》", "%", "亿", "万", "年", "〇", "十", "#", "*", "_", "^", "{", "}"])
hostile_text = st.lists(st.sampled_from(POLICY_PIECES) | st.text(HOSTILE_CHARS, max_size=12),
                        max_size=30).map("".join)


def _encoded(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="replace")


hostile_bytes = st.one_of(
    st.binary(max_size=600),
    st.builds(_encoded, hostile_text, st.sampled_from(["utf-8", "utf-8-sig", "gb18030",
                                                      "utf-16", "big5"])),
    st.builds(lambda a, b: a + b, st.builds(_encoded, hostile_text, st.just("utf-8")),
              st.binary(max_size=40)),
)


# -- library functions --------------------------------------------------------------------------
@given(data=hostile_bytes)
def test_decode_gives_a_document_or_one_input_error(data: bytes) -> None:
    from xzcli.sources import decode_bytes

    try:
        doc = decode_bytes(data, "doc.txt")
    except XzError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(doc.text, str)
    assert len(analysis_text(doc.text)) == len(doc.text)


@SHARED
@given(text=hostile_text)
def test_segment_tokens_point_at_their_text(segmenter, text: str) -> None:
    folded = analysis_text(text)
    tokens = segmenter.tokens(folded)
    for token in tokens:
        assert folded[token.start:token.end] == token.text and not token.text.isspace()
    # Only whitespace lies between tokens (and before the first, after the last): nothing
    # of the text is lost, and tokens come in order.
    edges = [0, *(x for t in tokens for x in (t.start, t.end)), len(folded)]
    for i in range(0, len(edges), 2):
        assert edges[i] <= edges[i + 1]
        assert not folded[edges[i]:edges[i + 1]].strip()
    assert [t.text for t in tokens] == segmenter.cut(folded) == segmenter.cut(folded)


@given(text=hostile_text)
def test_structure_spans_point_at_their_text(text: str) -> None:
    from xzcli.structure import parse_structure

    folded = analysis_text(text)
    structure = parse_structure(text)
    for paragraph in structure.paragraphs:
        assert folded[paragraph.start:paragraph.end] == paragraph.text
    for span in [structure.title, structure.subtitle, structure.byline, *structure.captions]:
        if span is not None:
            assert folded[span.start:span.end] == span.text
    for section in structure.sections:
        if section.heading is not None:
            assert section.offset is not None
            assert section.heading in folded[section.offset:section.end]


@given(text=hostile_text, term=st.sampled_from(["发展", "新质生产力", "a", "、", "5G", "\n"]))
def test_kwic_matches_are_cut_from_the_text_as_given(text: str, term: str) -> None:
    from xzcli.kwic import keyword_in_context

    for ctx in keyword_in_context(text, term):
        assert text[ctx.start:ctx.end] == ctx.match
        assert text[:ctx.start].endswith(ctx.left) and text[ctx.end:].startswith(ctx.right)


@given(text=hostile_text, pattern=st.sampled_from([r"发展\w*", r"\d+(?:\.\d+)?%", r"[、，]+",
                                                  r"\p{Han}{2}", r"(a|b)*", r"^", r"$"]))
def test_kwic_regex_matches_are_cut_from_the_text_as_given(text: str, pattern: str) -> None:
    from xzcli.kwic import keyword_in_context

    for ctx in keyword_in_context(text, pattern, regex=True):
        assert text[ctx.start:ctx.end] == ctx.match and ctx.end > ctx.start


@given(text=hostile_text)
def test_figures_point_at_their_text(text: str) -> None:
    from xzcli.figures import find_figures

    folded = analysis_text(text)
    for figure in find_figures(folded, original=text):
        assert text[figure.start:figure.end] == figure.text
        json.dumps(figure.value, allow_nan=False)


@given(text=hostile_text)
def test_lint_findings_point_at_their_text(text: str) -> None:
    from xzcli.lint import lint_text

    folded = analysis_text(text)
    for finding in lint_text(folded):
        assert folded[finding.offset:finding.offset + len(finding.text)] == finding.text
        assert folded.count("\n", 0, finding.offset) + 1 == finding.line


_toml_values = st.recursive(
    st.none().map(lambda _: '""') | st.integers(-10, 10**30).map(str)
    | st.floats(allow_nan=True).map(lambda f: {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(
        str(f), repr(f))) | st.sampled_from(['"发展"', '"新质生产力"', "true", "[]", "{}"]),
    lambda inner: st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
    max_leaves=12,
)


@given(body=st.lists(st.tuples(st.sampled_from(["发展", "产业", "a", "", "新质生产力"]),
                               _toml_values), max_size=5),
       name=st.sampled_from(["a", "新内核", "", "x y"]),
       garbage=st.text(HOSTILE_CHARS, max_size=20))
def test_random_toml_theme_files_load_or_fail_in_one_line(body: list[tuple[str, str]], name: str,
                                                           garbage: str) -> None:
    from xzcli.themes import parse_themes

    terms = ", ".join(f'"{t}" = {v}' for t, v in body)
    text = f'[themes."{name}"]\nterms = {{{terms}}}\n{garbage}'
    try:
        themes = parse_themes(text, kind="toml", source="t.toml")
    except XzError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 2000
        return
    for theme in themes.themes:
        for _, weight in theme.terms:
            assert 0 < weight < float("inf")


@given(text=st.text(HOSTILE_CHARS, max_size=200)
       | hostile_text.map(lambda t: "Dictionary:\n  a: " + t))
def test_random_yaml_theme_files_load_or_fail_in_one_line(text: str) -> None:
    from xzcli.themes import parse_themes

    try:
        parse_themes(text, kind="yaml", source="t.yaml")
    except XzError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 2000


_dict_line = st.one_of(
    st.tuples(st.sampled_from(["新质生产力", "a", "发展"]), st.integers(0, 10**25),
              st.sampled_from(["n", "nz", "x1", "", "²"])).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
    st.text(HOSTILE_CHARS, max_size=30),
)


@SHARED
@given(lines=st.lists(_dict_line, max_size=8))
def test_random_user_dictionaries_load_or_fail_in_one_line(tmp_path: Path,
                                                           lines: list[str]) -> None:
    from xzcli.segment import Segmenter

    path = tmp_path / "user.dict"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        segmenter = Segmenter(user_dicts=[path], lexicon=False)
    except XzError as exc:
        assert "\n" not in str(exc)
        return
    assert "".join(segmenter.cut("推进新质生产力发展")) == "推进新质生产力发展"


@given(lines=st.lists(st.text(HOSTILE_CHARS, max_size=30) | st.sampled_from(
    ["# documents=10", "发展\t3", "发展\t99", "# documents=1" + "0" * 30, "a\t²"]), max_size=8))
def test_random_idf_tables_load_or_fail_in_one_line(lines: list[str]) -> None:
    from xzcli.tfidf import parse_idf_table

    try:
        table = parse_idf_table(lines, "t.idf")
    except XzError as exc:
        assert "\n" not in str(exc)
        return
    assert all(0 <= df <= table.n_documents for df in table.df.values())


@given(text=st.text(HOSTILE_CHARS, max_size=200))
def test_random_alias_files_load_or_fail_in_one_line(text: str) -> None:
    from xzcli.kwic import parse_aliases

    try:
        parse_aliases(text)
    except XzError as exc:
        assert "\n" not in str(exc)


# -- every command ------------------------------------------------------------------------------
COMMANDS = {
    "segment": ["segment", "{doc}", "-f", "json"],
    "keywords": ["keywords", "{doc}", "-f", "json"],
    "sections": ["sections", "{doc}", "-f", "json"],
    "themes": ["themes", "{doc}", "-f", "json"],
    "tfidf": ["tfidf", "{doc}", "-f", "json"],
    "idf": ["idf", "build", "{doc}"],
    "kwic": ["kwic", "发展", "{doc}", "-f", "json"],
    "usage": ["usage", "发展", "{doc}", "-f", "json"],
    "figures": ["figures", "{doc}", "-f", "json"],
    "lint": ["lint", "{doc}", "-f", "json"],
    "compare": ["compare", "{doc}", "-r", "policy", "-f", "json"],
    "collocates": ["collocates", "发展", "{doc}", "-f", "json"],
    "ngrams": ["ngrams", "{doc}", "-f", "json"],
    "report": ["report", "{doc}", "-f", "json"],
    "extract": ["extract", "{doc}"],
    "discover": ["discover", "{doc}", "-f", "json", "--min-count", "1"],
}


def test_every_command_has_a_property_test() -> None:
    from xzcli.cli import COMMANDS as REGISTERED

    assert sorted(COMMANDS) == sorted(REGISTERED)


# A whole command run costs a hundred times a library call: a third of the profile's examples.
@settings(parent=SHARED, max_examples=max(4, settings.default.max_examples // 3))
@pytest.mark.parametrize("command", sorted(COMMANDS))
@given(data=hostile_bytes)
def test_every_command_gives_a_result_or_one_line(xz, tmp_path: Path, command: str,
                                                  data: bytes) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(data)
    args = [a.replace("{doc}", str(doc)) for a in COMMANDS[command]]
    first = xz(*args)
    assert "Traceback" not in first.stderr
    assert first.code in (0, 1), first.stderr
    if first.code == 1 and not (command == "lint" and first.stdout):
        lines = first.stderr.strip().splitlines()
        assert lines and lines[-1].startswith("xzcli: error:"), first.stderr
        assert all(line.startswith("xzcli: ") for line in lines), first.stderr
    if first.code == 0 and "json" in args:
        json.loads(first.stdout, parse_constant=lambda c: pytest.fail(f"JSON holds {c}"))
    again = xz(*args)
    assert (again.code, again.stdout) == (first.code, first.stdout)
    assert doc.read_bytes() == data
