"""`xzcli report`: the HTML page shows the numbers its JSON holds, escapes every document text,
loads nothing and says what the other commands say."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

# -- small written fixtures ----------------------------------------------------------------------
REPORT_2023 = """区政府工作报告

一、过去一年的工作

全区坚持高质量发展，加快培育新质生产力，地区生产总值增长6.5%，高新技术企业达到215家。
营商环境持续优化，企业开办时间压缩至1个工作日，设立3亿元产业引导基金。

二、今年的主要任务

推进新型工业化，新质生产力加快成长，营商环境再上台阶,全年新增就业岗位1.2万个。
我们要坚持以人民为中心的的发展思想，办好十件民生实事。
"""

REPORT_2024 = """区政府工作报告

一、过去一年的工作

高质量发展扎实推进，营商环境评价位居全市第一，新质生产力占比提高到18%。
完成城中村改造项目6个，新建学校3所，惠及居民2.4万户。

二、今年的主要任务

深化“放管服”改革，推动高质量发展，打造一流营商环境，实施乡村振兴战略。
"""

REPORT_2025 = """区政府工作报告

一、过去一年的工作

乡村振兴取得新进展，建成高标准农田2.3万亩，农村居民人均可支配收入增长7.1%。
新质生产力不断壮大，数字经济核心产业增加值增长12%。

二、今年的主要任务

坚持高质量发展，持续优化营商环境，力争地区生产总值增长6%左右（（。
"""

HOSTILE = """<script>alert('标题')</script>营商环境

一、<img src=x onerror=alert(1)>新质生产力的发展

全区坚持"><svg onload=alert(2)>高质量发展</style></table>，营商环境持续优化，增长8.6%。
设立5亿元基金<iframe src="https://evil.example/"></iframe>，推动新质生产力<b>加快</b>成长。
<!-- comment --> &amp; &lt;b&gt; ]]> <![CDATA[ x ]]> 营商环境再上台阶,新增企业12家。
"""


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    paths = []
    for year, text in (("2023", REPORT_2023), ("2024", REPORT_2024), ("2025", REPORT_2025)):
        path = tmp_path / f"{year}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# -- a strict little DOM --------------------------------------------------------------------------
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> list[Node]:
        out: list[Node] = []
        for c in self.children:
            if isinstance(c, Node):
                out.append(c)
                out.extend(c.walk())
        return out

    def all(self, tag: str) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.walk() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]

    def rows(self) -> list[list[Node]]:
        """The body rows of a table, as lists of cells."""
        body = self.all("tbody")
        assert len(body) == 1
        return [r.all("td") for r in body[0].all("tr")]


class Tree(HTMLParser):
    """Builds the DOM and fails on any end tag that does not close the open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.open = self.root
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.open = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.children.append(Node(tag, dict(attrs), self.open))

    def handle_endtag(self, tag: str) -> None:
        assert self.open.tag == tag, f"</{tag}> closes <{self.open.tag}>"
        assert self.open.parent is not None
        self.open = self.open.parent

    def handle_data(self, data: str) -> None:
        self.open.children.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(html: str) -> Node:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.open is tree.root, f"<{tree.open.tag}> never closed"
    assert not tree.comments
    return tree.root


def num(cell: Node | str) -> float:
    value = cell.text() if isinstance(cell, Node) else cell
    return float(value.strip().replace(",", ""))


def pct(cell: Node) -> float:
    value = cell.text().strip()
    assert value.endswith("%")
    return float(value[:-1]) / 100


def build(xz: Any, tmp_path: Path, *args: str) -> tuple[Node, str, dict[str, Any]]:
    page = tmp_path / "report.html"
    html_run = xz("report", *args, "-o", page)
    assert html_run.code == 0, html_run.stderr
    assert html_run.stdout == ""
    json_run = xz("report", *args, "-f", "json")
    assert json_run.code == 0, json_run.stderr
    html = page.read_text(encoding="utf-8")
    return parse(html), html, json.loads(json_run.stdout)


# -- every section holds the JSON's numbers --------------------------------------------------------
def check_keywords(dom: Node, data: dict[str, Any]) -> None:
    rows = dom.by_id("keywords").by_id("keywords-table").rows()
    items = data["keywords"]["keywords"]
    assert items and len(rows) == len(items)
    for rank, (cells, k) in enumerate(zip(rows, items, strict=True), start=1):
        assert num(cells[0]) == rank
        assert cells[1].text() == k["term"]
        assert num(cells[3]) == k["count"]
        assert (num(cells[4]) if k["nested"] else cells[4].text()) == (k["nested"] or "")
        assert num(cells[5]) == k["per_10k"]
        assert num(cells[6]) == k["documents"]
        assert cells[7].text() == ("yes" if k["in_lexicon"] else "")
        assert cells[8].text() == k["pos"]
        bar = cells[2].all("rect")[1]
        top = max(i["count"] for i in items)
        assert float(bar.attrs["width"] or 0) == pytest.approx(k["count"] / top * 100, abs=0.01)


def check_themes(dom: Node, data: dict[str, Any]) -> None:
    t = data["themes"]
    names = t["names"]
    rows = dom.by_id("themes").by_id("themes-table").rows()
    assert len(rows) == 1 + len(t["units"])
    first = 2 if t["by"] == "section" else 1  # cells before the stacked bar
    overall = {o["theme"]: o["share"] for o in t["overall"]}
    units = [{"shares": overall, "top_theme": t["top_theme"]}, *t["units"]]
    for cells, unit in zip(rows, units, strict=True):
        shares = [pct(c) for c in cells[first + 1:first + 1 + len(names)]]
        assert shares == pytest.approx([unit["shares"][n] for n in names], abs=0.000501)
        assert cells[-1].text() == (unit["top_theme"] or "—")
        segments = cells[first].all("rect")[1:]
        drawn = [n for n in names if unit["shares"][n] > 0]
        assert [float(s.attrs["width"] or 0) for s in segments] == pytest.approx(
            [unit["shares"][n] * 100 for n in drawn], abs=0.01)
    for cells, unit in zip(rows[1:], t["units"], strict=True):
        if t["by"] == "section":
            assert num(cells[0]) == unit["index"]
            assert cells[1].text() == unit["label"]
        else:
            assert cells[0].attrs["title"] == unit["source"]
    legend = dom.by_id("themes").all("ul")[0].all("li")
    assert [li.text().split()[0] for li in legend] == names
    assert [float(li.text().split()[1].rstrip("%")) / 100 for li in legend] == pytest.approx(
        [overall[n] for n in names], abs=0.000501)


def check_tfidf(dom: Node, data: dict[str, Any]) -> None:
    docs = data["tfidf"]["documents"]
    assert docs
    for n, doc in enumerate(docs, start=1):
        card = dom.by_id(f"tfidf-doc-{n}")
        assert card.all("h3")[0].attrs["title"] == doc["source"]
        rows = card.by_id(f"tfidf-terms-{n}").rows()
        assert [(c[0].text(), num(c[2])) for c in rows] == [
            (t["term"], t["weight"]) for t in doc["terms"]]
        sentences = [li.text() for li in card.by_id(f"tfidf-summary-{n}").all("li")]
        assert sentences == [s["text"] for s in doc["summary"]]
        assert doc["summary"]


def check_usage(dom: Node, data: dict[str, Any]) -> None:
    u = data["usage"]
    terms = u["terms"]
    section = dom.by_id("usage")
    rows = section.by_id("usage-table").rows()
    timeline = len(u["years"]) >= 2
    units = u["years"] if timeline else u["documents"]
    assert len(rows) == len(units)
    for cells, unit in zip(rows, units, strict=True):
        if timeline:
            assert num(cells[0]) == unit["year"]
        else:
            assert cells[0].attrs["title"] == unit["source"]
        assert num(cells[1]) == unit["chars"]
        for cell, term in zip(cells[2:], terms, strict=True):
            count, rate = cell.text().split()
            assert (num(count), num(rate)) == (unit["counts"][term], unit["per_10k"][term])
    if timeline:
        dots = [c.all("title")[0].text() for c in section.all("circle")]
        assert dots == [f"{t} {y['year']}: {y['per_10k'][t]:,} per 10k ({y['counts'][t]:,})"
                        for t in terms for y in u["years"]]
    summary = section.by_id("usage-summary").rows()
    assert [(c[0].text(), num(c[1]), num(c[2])) for c in summary] == [
        (s["term"], s["count"], s["documents"]) for s in u["summary"]]
    for cells, s in zip(summary, u["summary"], strict=True):
        assert cells[3].text() == (str(s["first_year"]) if s["first_year"] else "—")
        assert cells[4].text() == (str(s["last_year"]) if s["last_year"] else "—")


def check_dispersion(dom: Node, data: dict[str, Any]) -> None:
    d = data["dispersion"]
    rows = dom.by_id("dispersion").by_id("dispersion-table").rows()
    expected = [(t, doc) for t in d["terms"] for doc in d["documents"]]
    assert len(rows) == len(expected) > 0
    several = len(d["documents"]) > 1
    term = None
    for cells, (t, doc) in zip(rows, expected, strict=True):
        if cells[0].attrs.get("rowspan") or not several:
            term = cells[0].text()
            cells = cells[1:]
        assert term == t
        if several:
            assert cells[0].attrs["title"] == doc["source"]
            cells = cells[1:]
        positions = doc["positions"][t]
        assert num(cells[1]) == len(positions)
        paths = {p.attrs["class"]: p.attrs["d"] or "" for p in cells[0].all("path")}
        xs = [float(x) for x in re.findall(r"M([\d.]+) 1V15", paths.get("hits", ""))]
        assert xs == [round(p / doc["length"] * 1000, 1) for p in positions]
        heads = [float(x) for x in re.findall(r"M([\d.]+) 0V16", paths.get("heading", ""))]
        assert heads == [round(h / doc["length"] * 1000, 1) for h in doc["headings"]]
        assert len(heads) == len(doc["headings"]) > 0


def check_figures(dom: Node, data: dict[str, Any]) -> None:
    f = data["figures"]
    section = dom.by_id("figures")
    if not f["total"]:
        assert not section.all("table") and "No figures" in section.text()
        return
    kinds = section.by_id("figures-kinds").rows()
    assert [(c[0].text(), num(c[2])) for c in kinds] == list(f["by_kind"].items())
    if len(f["documents"]) > 1:
        matrix = section.by_id("figures-by-document").rows()
        assert [(c[0].attrs["title"], [num(x) for x in c[1:]]) for c in matrix] == [
            (d["source"], [d["total"], *(d["by_kind"].get(k, 0) for k in f["by_kind"])])
            for d in f["documents"]]
    for n, doc in enumerate(f["documents"], start=1):
        if not doc["total"]:
            continue
        rows = section.by_id(f"figures-doc-{n}").rows()
        assert len(rows) == len(doc["figures"])
        for cells, r in zip(rows, doc["figures"], strict=True):
            assert num(cells[0]) == r["line"]
            assert cells[1].text() == r["text"]
            assert cells[1].attrs["title"] == r["context"]
            value = cells[2].text()
            if isinstance(r["value"], list):
                assert [num(v) for v in value.split(" – ")] == r["value"]
            elif isinstance(r["value"], (int, float)):
                assert num(value) == r["value"]
            else:
                assert value == r["value"]
            assert [c.text() for c in cells[3:]] == [r["unit"] or "", r["kind"],
                                                     r["qualifier"] or ""]


def check_lint(dom: Node, data: dict[str, Any]) -> None:
    lint = data["lint"]
    section = dom.by_id("lint")
    if not lint["total"]:
        assert not section.all("table") and "No findings" in section.text()
        return
    rules = section.by_id("lint-rules").rows()
    assert [(c[0].text(), num(c[2])) for c in rules] == list(lint["by_rule"].items())
    for n, doc in enumerate(lint["documents"], start=1):
        if not doc["total"]:
            continue
        rows = section.by_id(f"lint-doc-{n}").rows()
        assert [(num(c[0]), num(c[1]), c[2].text(), c[3].text(), c[4].text(), c[5].text())
                for c in rows] == [(r["line"], r["column"], r["rule"], r["text"], r["message"],
                                    r["suggestion"]) for r in doc["findings"]]


def check_overview(dom: Node, data: dict[str, Any]) -> None:
    o = data["overview"]
    assert num(dom.by_id("ov-documents")) == o["documents"]
    assert num(dom.by_id("ov-chars")) == o["chars"]
    assert num(dom.by_id("ov-figures")) == data["figures"]["total"]
    assert num(dom.by_id("ov-lint")) == data["lint"]["total"]
    years = dom.by_id("ov-years").text()
    if o["years"]:
        assert [int(y) for y in years.split("–")] in ([o["first_year"], o["last_year"]],
                                                      [o["first_year"]])
    else:
        assert years == "—"
    assert dom.by_id("ov-top-theme").text() == (data["themes"]["top_theme"] or "—")
    rows = dom.by_id("sources-table").rows()
    assert [(c[0].attrs["title"], c[1].text(), c[2].text(), c[3].text(), num(c[4]))
            for c in rows] == [(s["source"], s["title"] or "", str(s["year"] or ""),
                                s["encoding"], s["chars"]) for s in o["sources"]]
    assert dom.all("h1")[0].text() == data["title"] == dom.all("title")[0].text()


def check_all(dom: Node, data: dict[str, Any]) -> None:
    assert [s.attrs["id"] for s in dom.all("section")] == [
        "overview", "keywords", "themes", "tfidf", "usage", "dispersion", "figures", "lint"]
    for check in (check_overview, check_keywords, check_themes, check_tfidf, check_usage,
                  check_dispersion, check_figures, check_lint):
        check(dom, data)


def test_every_section_of_several_reports_holds_the_json_numbers(
        xz: Any, tmp_path: Path, reports: list[Path]) -> None:
    dom, _, data = build(xz, tmp_path, *map(str, reports))
    assert data["schema"] == "xzcli.report/1"
    assert data["themes"]["by"] == "document" and len(data["themes"]["units"]) == 3
    assert [y["year"] for y in data["usage"]["years"]] == [2023, 2024, 2025]
    assert data["figures"]["total"] > 0 and data["lint"]["total"] > 0
    check_all(dom, data)


def test_every_section_of_one_document_holds_the_json_numbers(
        xz: Any, tmp_path: Path, sample_path: Path) -> None:
    dom, _, data = build(xz, tmp_path, str(sample_path), "--rows", "5")
    assert data["themes"]["by"] == "section" and len(data["themes"]["units"]) > 2
    assert data["tfidf"]["idf"] == "policy"
    shown = data["figures"]["documents"][0]
    assert len(shown["figures"]) == 5 < shown["total"]
    check_all(dom, data)


def test_the_reference_article_page_holds_the_json_numbers(
        xz: Any, tmp_path: Path, article_path: Path) -> None:
    dom, _, data = build(xz, tmp_path, str(article_path))
    check_all(dom, data)


# -- safety: no markup from documents, no request -------------------------------------------------
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
                "p", "nav", "ul", "ol", "li", "a", "main", "section", "dl", "div", "dt", "dd",
                "table", "caption", "thead", "tbody", "tr", "th", "td", "svg", "rect", "line",
                "polyline", "path", "circle", "text", "figure", "figcaption", "article", "span",
                "mark", "code", "footer", "i"}


def test_a_hostile_document_adds_text_never_markup(xz: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(3)>.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "2024.txt").write_text(REPORT_2024, encoding="utf-8")
    page = tmp_path / "page.html"
    run = xz("report", str(folder), "-o", page, "-t", "<b>营商环境</b>", "-t", "新质生产力",
             "--title", "</title><script>alert(4)</script>")
    assert run.code == 0, run.stderr
    html = page.read_text(encoding="utf-8")
    dom = parse(html)  # well formed: every element closes where it opened
    for node in dom.walk():
        assert node.tag in ALLOWED_TAGS, node.tag
        for name, value in node.attrs.items():
            assert not name.startswith("on"), name
            assert name != "src"
            if name == "href":
                assert value is not None and value.startswith("#")
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    text = dom.text()
    for hostile in ("<script>alert('标题')</script>", "<img src=x onerror=alert(3)>.txt",
                    "<b>营商环境</b>", "</title><script>alert(4)</script>"):
        assert hostile in text, hostile
    assert dom.all("h1")[0].text() == "</title><script>alert(4)</script>"
    summary = [li.text() for li in dom.all("li") if "iframe" in li.text()]
    assert any('<iframe src="https://evil.example/"></iframe>' in s for s in summary)


def test_the_page_loads_nothing(xz: Any, tmp_path: Path, reports: list[Path]) -> None:
    dom, html, _ = build(xz, tmp_path, *map(str, reports))
    metas = [m.attrs for m in dom.all("meta") if m.attrs.get("http-equiv")]
    assert metas == [{"http-equiv": "Content-Security-Policy",
                      "content": "default-src 'none'; style-src 'unsafe-inline'; "
                                 "img-src data:"}]
    hrefs = [a.attrs.get("href") for a in dom.all("a")]
    assert hrefs == ["#overview", "#keywords", "#themes", "#tfidf", "#usage", "#dispersion",
                     "#figures", "#lint"]
    assert all(not any(k in ("src", "srcset", "xlink:href", "href") for k in n.attrs)
               for n in dom.walk() if n.tag != "a")
    assert "url(" not in html and "@import" not in html and "http" not in html.split(
        "<footer>")[0].replace("http-equiv", "")


def test_the_output_is_deterministic(xz: Any, tmp_path: Path, reports: list[Path]) -> None:
    pages = []
    for name in ("a.html", "b.html"):
        assert xz("report", *map(str, reports), "-o", tmp_path / name, "-j", "1").code == 0
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    first = xz("report", *map(str, reports), "-f", "json").stdout
    assert first == xz("report", *map(str, reports), "-f", "json").stdout


# -- the same results as the other commands --------------------------------------------------------
def test_the_report_says_what_the_other_commands_say(
        xz: Any, reports: list[Path]) -> None:
    paths = [str(p) for p in reports]
    data = json.loads(xz("report", *paths, "-f", "json", "-n", "12").stdout)
    keywords = json.loads(xz("keywords", *paths, "-f", "json", "-n", "12").stdout)
    assert data["keywords"]["keywords"] == keywords["keywords"]
    lexicon = json.loads(xz("keywords", *paths, "-f", "json", "-n", "5",
                            "--pos", "lexicon").stdout)
    assert data["usage"]["terms"] == [k["term"] for k in lexicon["keywords"]]
    terms = [a for t in data["usage"]["terms"] for a in ("-t", t)]
    usage = json.loads(xz("usage", *terms, "--by-year", *paths, "-f", "json").stdout)
    assert data["usage"]["years"] == [{k: v for k, v in y.items() if k != "sources"}
                                      for y in usage["years"]]
    assert data["usage"]["summary"] == usage["summary"]
    themes = json.loads(xz("themes", *paths, "-f", "json").stdout)
    assert data["themes"]["overall"] == [
        {"theme": t, "score": s["score"], "share": s["share"]}
        for t in data["themes"]["names"] for s in themes["themes"] if s["theme"] == t]
    assert [u["shares"] for u in data["themes"]["units"]] == [
        {t["theme"]: t["share"] for t in sorted(d["themes"], key=lambda t: data["themes"][
            "names"].index(t["theme"]))} for d in themes["documents"]]
    tfidf = json.loads(xz("tfidf", *paths, "--by", "document", "-f", "json").stdout)
    assert data["tfidf"]["documents"] == tfidf["documents"]
    figures = json.loads(xz("figures", *paths, "-f", "json").stdout)["figures"]
    shown = [r for d in data["figures"]["documents"] for r in d["figures"]]
    assert shown == [{k: r[k] for k in shown[0]} for r in figures]
    lint = json.loads(xz("lint", *paths, "-f", "json").stdout)["findings"]
    assert [r for d in data["lint"]["documents"] for r in d["findings"]] == lint
    kwic = json.loads(xz("kwic", data["usage"]["terms"][0], *paths, "-f", "json").stdout)
    placed = [(d["source"], p) for d in data["dispersion"]["documents"]
              for p in d["positions"][data["usage"]["terms"][0]]]
    assert placed == [(h["source"], h["offset"]) for h in kwic["hits"]]


def test_standard_input_is_read_once_and_counted_in_both_passes(xz: Any) -> None:
    run = xz("report", "-", "-f", "json", "-t", "营商环境", stdin=REPORT_2023.encode("gb18030"))
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["inputs"][0]["encoding"] == "gb18030"
    assert data["usage"]["documents"][0]["counts"] == {"营商环境": 2}
    assert len(data["dispersion"]["documents"][0]["positions"]["营商环境"]) == 2
    assert data["keywords"]["chars"] > 0


# -- errors ---------------------------------------------------------------------------------------
def test_user_errors_are_one_line(xz: Any, tmp_path: Path, reports: list[Path]) -> None:
    missing = xz("report", str(tmp_path / "nope.txt"))
    assert missing.code == 1 and missing.stdout == ""
    assert len(missing.stderr.strip().splitlines()) == 1
    empty = xz("report", str(reports[0]), "-t", " ")
    assert empty.code == 2 and "--term" in empty.stderr
    bad = xz("report", str(reports[0]), "-f", "pdf")
    assert bad.code == 2
    over = xz("report", str(reports[0]), "-o", reports[0])
    assert over.code == 2 and reports[0].read_text(encoding="utf-8") == REPORT_2023
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    partly = xz("report", str(reports[0]), str(binary), "-f", "json")
    assert partly.code == 1 and json.loads(partly.stdout)["overview"]["documents"] == 1


def test_the_core_of_the_report_imports_neither_typer_nor_rich() -> None:
    import subprocess
    import sys

    code = ("import sys, xzcli.report, xzcli.render.report_html; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_report_weighs_tf_idf_without_importing_scikit_learn(reports: list[Path],
                                                                 tmp_path: Path) -> None:
    # scikit-learn and scipy took about 2.5 s to import: the report weighs TF-IDF as
    # `xzcli tfidf` does (packed units, numpy), and the test above checks the same numbers.
    import subprocess
    import sys

    code = ("import sys\nfrom xzcli.cli import main\n"
            f"sys.argv = ['xzcli', 'report', *{[str(p) for p in reports]!r}, '-f', 'json', "
            f"'-o', {str(tmp_path / 'r.json')!r}, '--quiet']\n"
            "try:\n    main()\nexcept SystemExit as end:\n    assert not end.code, end.code\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "r.json").stat().st_size > 0
