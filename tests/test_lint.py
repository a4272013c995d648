"""lint: copy-editing slips on fixtures, the reference article and planted in real reports."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from xzcli.lint import RULES, lint_text, select_rules
from xzcli.sources import analysis_text, read_document


def found(text: str, *rules: str) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.text) for f in lint_text(text, rules or None)]


# -- each rule on fixtures --------------------------------------------------------------------
def test_repeated_item_in_an_enumeration() -> None:
    assert found("增强群众的获得感、获得感与幸福感。") == [("repeated-item", 1, 10, "获得感")]
    assert found("推进数字化、绿色化、绿色化、融合化发展") == [("repeated-item", 1, 11, "绿色化")]


@pytest.mark.parametrize("text,item,column", [
    ("发展先进制造业、进制造业、现代服务业。", "进制造业", 9),  # the tail typed again
    ("新材料、先进制造业、进制造业和服务业。", "进制造业", 11),
    ("要推进改革、推进改革，扩大开放。", "推进改革", 7),  # after a verb
    ("坚持深化改革、深化改革。", "深化改革", 8),
])
def test_repeated_item_also_as_a_tail_or_after_a_verb(text: str, item: str, column: int) -> None:
    assert found(text, "repeated-item") == [("repeated-item", 1, column, item)]


def test_repeated_item_on_the_corpus_finds_nothing_new(corpus_dir: Path) -> None:
    # The corpus's one known slip stays the only one: legitimate lists such as 东南亚、南亚,
    # 半机械化、机械化 and a line wrapped after 依靠科学技术、科学技术 are left alone.
    found_in = []
    for path in sorted(corpus_dir.rglob("*.txt")):
        text = analysis_text(path.read_text(encoding="utf-8", errors="replace"))
        found_in += [(path.name, f.text) for f in lint_text(text, ["repeated-item"])]
    assert found_in == [("xuzhou-hitech-14th-fyp.txt", "获得感")]


@pytest.mark.parametrize("text", [
    "同东南亚、南亚和中亚国家",  # 南亚 ends 东南亚 but is another item
    "实行施工半机械化、机械化",  # 机械化 ends 半机械化: a word, and short
    "经济建设必须依靠科学技术、科学技术\n工作必须面向经济建设",  # a wrapped line
    "解决国家与企业、企业与职工的关系",  # pairs of relations
    "由依靠投资、出口拉动向依靠消费、投资、出口协调拉动转变",  # two lists, one clause
    "获得感、幸福感、安全感",
])
def test_repeated_item_leaves_legitimate_lists_alone(text: str) -> None:
    assert found(text, "repeated-item") == []


def test_halfwidth_punctuation_next_to_chinese() -> None:
    assert found("图②:鲲鹏(徐州)科学仪器,员工;加班") == [
        ("halfwidth-punct", 1, 3, ":"), ("halfwidth-punct", 1, 6, "("),
        ("halfwidth-punct", 1, 9, ")"), ("halfwidth-punct", 1, 14, ","),
        ("halfwidth-punct", 1, 17, ";"),
    ]
    (finding,) = lint_text("创新,发展")
    assert finding.suggestion == "use ，"


@pytest.mark.parametrize("text", [
    "共计1,000人", "上午10:30开会", "He said: hello, world (really).", "见 https://www.gov.cn 网站",
    "全角（括号）和：冒号，逗号；分号",
])
def test_halfwidth_leaves_numbers_times_and_english_alone(text: str) -> None:
    assert found(text, "halfwidth-punct") == []


def test_unbalanced_quotes_and_brackets() -> None:
    assert found("他说：“要发展。\n根据《决定的精神。\n多了一个）。\n「十四五」“十五五”。") == [
        ("unbalanced", 1, 4, "“"), ("unbalanced", 2, 3, "《"), ("unbalanced", 3, 5, "）"),
    ]


def test_a_closing_quote_typed_as_the_opening_one_is_one_finding() -> None:
    (finding,) = lint_text("”九五”期间，经济平稳发展。")
    assert (finding.rule, finding.column, finding.suggestion) == ("unbalanced", 1, "write “")


def test_unbalanced_allows_quotes_over_several_paragraphs_and_hard_wrapped_lines() -> None:
    # Convention: a quotation over several paragraphs opens each one, closes only the last.
    assert found("“第一段话。\n“第二段话。”", "unbalanced") == []
    # A hard-wrapped line (no closing punctuation) continues the paragraph.
    assert found("毛主席指出：“\n凡是要推翻一个政权，\n总要先造成舆论。”接着", "unbalanced") == []


def test_markup_left_over_from_a_conversion() -> None:
    text = "PM_{2.5}浓度&nbsp;下降，<br>**重点**任务[^1]\n# 第二部分标题"
    assert [(r, t) for r, _, _, t in found(text)] == [
        ("markup", "PM_{2.5}"), ("markup", "&nbsp;"), ("markup", "<br>"),
        ("markup", "**重点**"), ("markup", "[^1]"), ("markup", "# "),
    ]
    assert lint_text("PM_{2.5}浓度")[0].suggestion == "write PM2.5"


def test_markdown_is_allowed_in_markdown_files() -> None:
    text = "# 标题\n**重点**任务[^1]，PM_{2.5}"
    assert [f.text for f in lint_text(text, markdown=True)] == ["PM_{2.5}"]


def test_doubled_characters_that_are_slips() -> None:
    assert found("我们的的工作在在推进，他来了了，这是是好事") == [
        ("doubled-char", 1, 3, "的的"), ("doubled-char", 1, 7, "在在"),
        ("doubled-char", 1, 14, "了了"), ("doubled-char", 1, 18, "是是"),
    ]


@pytest.mark.parametrize("text", [
    "常常", "人人", "天天", "看看", "研究研究", "实实在在的获得感", "为了了解情况", "的的确确",
    "目的的实现", "实事求是是党的思想路线", "不了了之", "和平和发展", "平等互利和和平共处",
])
def test_doubled_char_leaves_reduplications_and_word_joins_alone(text: str) -> None:
    assert found(text, "doubled-char") == []


def test_select_rules() -> None:
    assert select_rules() == tuple(RULES)
    assert select_rules(["markup,unbalanced"]) == ("unbalanced", "markup")
    assert select_rules(["markup", "doubled-char"], ["markup"]) == ("doubled-char",)
    assert "markup" not in select_rules((), ["markup"])


# -- the reference article --------------------------------------------------------------------
def test_article_findings(article_path: Path) -> None:
    doc = read_document(str(article_path))
    findings = lint_text(analysis_text(doc.text))
    assert [(f.rule, f.line, f.column, f.text) for f in findings] == [
        ("halfwidth-punct", 15, 3, ":"),
        ("halfwidth-punct", 16, 3, ":"),
        ("halfwidth-punct", 16, 6, "("),
        ("halfwidth-punct", 16, 9, ")"),
        ("halfwidth-punct", 17, 3, ":"),
        ("halfwidth-punct", 17, 25, ","),
        ("repeated-item", 61, 264, "获得感"),
        ("markup", 69, 19, "PM_{2.5}"),
    ]
    for f in findings:
        assert doc.text[f.offset:f.offset + len(f.text)] == f.text


# -- slips planted in real reports ------------------------------------------------------------
HAN = "\u4e00-\u9fff"


def _repeat_item(line: str) -> str | None:
    m = re.search(f"、([{HAN}]{{2,6}})、", line)
    return None if m is None else line[:m.end()] + m.group(1) + "、" + line[m.end():]


def _halfwidth_comma(line: str) -> str | None:
    m = re.search(f"(?<=[{HAN}])，(?=[{HAN}])", line)
    return None if m is None else line[:m.start()] + "," + line[m.end():]


def _open_title(line: str) -> str | None:
    if re.search("[《》“”「」（）()]", line) or not line.endswith("。"):
        return None
    m = re.search(f"，(?=[{HAN}])", line)
    return None if m is None else line[:m.end()] + "《" + line[m.end():]


def _entity(line: str) -> str | None:
    at = line.find("，")
    return None if at < 0 else line[:at + 1] + "&nbsp;" + line[at + 1:]


def _bold(line: str) -> str | None:
    m = re.search(f"，([{HAN}]{{4}})", line)
    return None if m is None else line[:m.start(1)] + f"**{m.group(1)}**" + line[m.end(1):]


def _double_de(line: str) -> str | None:
    m = re.search(f"(?<=[{HAN}])(?<![目标有端])的(?=[{HAN}])(?!确)", line)
    return None if m is None else line[:m.start()] + "的的" + line[m.end():]


def _halfwidth_colon(line: str) -> str | None:
    m = re.search(f"(?<=[{HAN}])：", line)
    return None if m is None else line[:m.start()] + ":" + line[m.end():]


def _drop_closing_quote(line: str) -> str | None:
    if line.count("“") != 1 or line.count("”") != 1 or line.find("“") > line.find("”"):
        return None
    return line.replace("”", "", 1)


def _line_break_tag(line: str) -> str | None:
    return line + "<br>" if line.endswith("。") else None


def _footnote(line: str) -> str | None:
    at = line.find("。")
    return None if at < 0 else line[:at] + "[^1]" + line[at:]


def _double_le(line: str) -> str | None:
    m = re.search(f"(?<=[{HAN}])(?<![为除罢算完极得好受明终不一])了(?=[，。{HAN}])"
                  "(?![解结却然之无如断])", line)
    return None if m is None else line[:m.start()] + "了了" + line[m.end():]


PLANTERS: list[tuple[str, Callable[[str], str | None]]] = [
    ("repeated-item", _repeat_item), ("halfwidth-punct", _halfwidth_comma),
    ("unbalanced", _open_title), ("markup", _entity), ("markup", _bold),
    ("doubled-char", _double_de), ("halfwidth-punct", _halfwidth_colon),
    ("unbalanced", _drop_closing_quote), ("markup", _line_break_tag), ("markup", _footnote),
    ("doubled-char", _double_le),
]
# Every national work report gets one slip of each planted kind; 1982 and 1986 carry slips of
# their own (unbalanced quotes), which must stay exactly as they are.
REPORTS = ("1982.txt", "1986.txt", "2019.txt", "2024.txt")


def plant_slips(text: str) -> tuple[str, dict[int, str]]:
    """One slip of each kind on its own line, spread through the text; {line: rule}."""
    lines = text.split("\n")
    clean = {f.line for f in lint_text(text)}
    planted: dict[int, str] = {}
    for n, (rule, plant) in enumerate(PLANTERS):
        start = len(lines) * (n + 1) // (len(PLANTERS) + 1)
        for i in [*range(start, len(lines)), *range(1, start)]:
            number = i + 1
            previous = lines[i - 1].rstrip() if i else ""
            following = next((ln for ln in lines[i + 1:] if ln.strip()), "")
            if (number in clean or number in planted or number - 1 in planted
                    or number + 1 in planted or (previous and previous[-1] not in "。！？：")
                    or following.startswith("“")):
                continue
            new = plant(lines[i])
            if new is not None:
                lines[i] = new
                planted[number] = rule
                break
        else:
            raise AssertionError(f"no line to plant {rule} in")
    return "\n".join(lines), planted


def _elsewhere(findings: list, planted: dict[int, str]) -> list[tuple]:
    return [(f.line, f.column, f.rule, f.text) for f in findings if f.line not in planted]


def test_planted_slips_are_found_on_their_lines_and_nothing_else_moves(
        corpus_dir: Path) -> None:
    reports = sorted((corpus_dir / "national-work-reports").glob("*.txt"))
    assert {r.name for r in reports} >= set(REPORTS)
    planted_total = 0
    for report in reports:
        doc = read_document(str(report))
        before = lint_text(analysis_text(doc.text))
        text, planted = plant_slips(doc.text)
        after = lint_text(analysis_text(text))
        assert len(planted) == len(PLANTERS)
        planted_total += len(planted)
        assert sorted((f.line, f.rule) for f in after if f.line in planted) == sorted(
            planted.items()), report.name
        assert _elsewhere(after, planted) == _elsewhere(before, planted), report.name
    assert planted_total >= 11 * 50


def test_planted_slips_through_the_command(xz, corpus_dir: Path, tmp_path: Path) -> None:
    doc = read_document(str(corpus_dir / "national-work-reports" / "2024.txt"))
    text, planted = plant_slips(doc.text)
    copy = tmp_path / "2024.txt"
    copy.write_text(text, encoding="utf-8")
    run = xz("lint", copy)
    assert run.code == 1
    reported = {(int(m.group(1)), m.group(2))
                for m in re.finditer(rf"^{re.escape(str(copy))}:(\d+):\d+: ([a-z-]+): ",
                                     run.stdout, re.MULTILINE)}
    assert set(planted.items()) <= reported
    baseline = {(f.line, f.rule) for f in lint_text(analysis_text(doc.text))}
    assert reported - set(planted.items()) <= baseline


# -- the command ------------------------------------------------------------------------------
def test_cli_exit_codes_and_compiler_style_lines(xz, tmp_path: Path) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("第一行没有问题。\n我们的的工作,很好。\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("常常看看，天天向上。\n", encoding="utf-8")
    run = xz("lint", dirty)
    assert run.code == 1
    assert run.stdout == (
        f"{dirty}:2:3: doubled-char: doubled “的” (write one “的”)\n"
        f"{dirty}:2:7: halfwidth-punct: half-width comma in Chinese text (use ，)\n"
    )
    assert xz("lint", clean).code == 0
    assert xz("lint", "--ignore", "doubled-char,halfwidth-punct", dirty).code == 0
    only = xz("lint", "--rule", "doubled-char", dirty)
    assert only.code == 1 and "halfwidth" not in only.stdout


def test_cli_unknown_rule_is_a_usage_error(xz, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("文字。", encoding="utf-8")
    run = xz("lint", "--rule", "spelling", path)
    assert run.code == 2
    assert "spelling" in run.stderr and run.stdout == ""


def test_cli_json_payload(xz) -> None:
    run = xz("lint", "--format", "json", "-", stdin="鲲鹏(徐州)".encode())
    assert run.code == 1
    data = json.loads(run.stdout)
    assert data["schema"] == "xzcli.lint/1" and data["engine"] is None
    assert data["findings"][0] == {
        "source": "-", "line": 1, "column": 3, "offset": 2, "rule": "halfwidth-punct",
        "text": "(", "message": "half-width parenthesis in Chinese text", "suggestion": "use （",
    }


def test_cli_jsonl_and_output_file(xz, tmp_path: Path) -> None:
    run = xz("lint", "-f", "jsonl", "-", stdin="我们的的工作,很好。".encode())
    assert run.code == 1
    assert [json.loads(line)["rule"] for line in run.stdout.splitlines()] == [
        "doubled-char", "halfwidth-punct"]
    out = tmp_path / "findings.csv"
    run = xz("lint", "-f", "csv", "-o", out, "-", stdin="鲲鹏(徐州)".encode())
    assert run.code == 1 and run.stdout == ""
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "source,line,column,offset,rule,text,message,suggestion")
