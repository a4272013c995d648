"""The report as one self-contained HTML page: inline CSS and hand-drawn SVG, no script.

The page makes no request when it is opened: no script, no external style, font or image, and
a Content-Security-Policy that forbids them anyway. Every piece of text that comes from a
document (terms, headings, sentences, file names) goes through `html.escape`, so a hostile
document can add text to the page but never markup. The same data gives the same bytes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import PurePath
from typing import Any

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# The browser's own CJK fonts, most common first; no font file is shipped or fetched.
FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC", '
         '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", '
         '"Heiti SC", "SimHei", sans-serif')
# Okabe-Ito (terms) and Tableau 10 (themes): distinct for colour-blind readers, print well.
TERM_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
               "#999999")
THEME_COLORS = ("#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1",
                "#FF9DA7", "#9C755F", "#BAB0AC")
SECTIONS = (
    ("overview", "Overview · 概览"),
    ("keywords", "Keywords · 关键词"),
    ("themes", "Themes · 主题"),
    ("tfidf", "Distinctive terms and summaries · 特征词与摘要"),
    ("usage", "Term usage over the years · 词语使用"),
    ("dispersion", "Where the terms stand · 词语分布"),
    ("figures", "Figures · 数字"),
    ("lint", "Copy-editing slips · 校对"),
)

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: FONTS; font-size: 15px; line-height: 1.6; color: #1d1d1f;
  background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header, main, footer { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid #ddd; }
h1 { font-size: 26px; line-height: 1.3; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #333; }
h3 { font-size: 16px; margin: 20px 0 6px; }
p.meta, p.note, figcaption, .muted { color: #555; font-size: 13px; }
nav ul { list-style: none; padding: 0; margin: 10px 0 14px; display: flex; flex-wrap: wrap;
  gap: 4px 16px; font-size: 14px; }
nav a { color: #0b57d0; text-decoration: none; }
dl.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 16px; }
dl.stats div { border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 130px; }
dl.stats dt { color: #555; font-size: 13px; }
dl.stats dd { margin: 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
table.data { border-collapse: collapse; width: 100%; font-size: 14px; margin: 6px 0 12px; }
table.data th, table.data td { border-bottom: 1px solid #e4e4e4; padding: 3px 8px;
  text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.data th { font-weight: 600; background: #f4f4f4; border-bottom: 1px solid #bbb; }
table.data td.num, table.data th.num { text-align: right; white-space: nowrap;
  font-variant-numeric: tabular-nums; overflow-wrap: normal; }
td.bar { width: 32%; vertical-align: middle; }
td.strip { width: 58%; vertical-align: middle; }
#dispersion-table tr.group td { border-top: 1px solid #999; }
svg.strip path { fill: none; vector-effect: non-scaling-stroke; }
svg.strip path.heading { stroke: #c8c8c8; stroke-width: 1; }
svg.strip path.hits { stroke-width: 2; }
svg.bar, svg.strip { display: block; width: 100%; height: 12px; }
svg.strip { height: 16px; }
.lv2 { padding-left: 1.5em !important; } .lv3 { padding-left: 3em !important; }
.lv4 { padding-left: 4.5em !important; }
ul.legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap;
  gap: 4px 18px; font-size: 14px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 5px;
  vertical-align: -1px; border-radius: 2px; }
svg.chart { display: block; width: 100%; max-width: 820px; height: auto; }
svg.chart text { font-size: 11px; fill: #444; }
svg.chart .grid { stroke: #e2e2e2; stroke-width: 1; }
svg.chart .axis { stroke: #888; stroke-width: 1; }
article.doc { border: 1px solid #ddd; border-radius: 6px; padding: 4px 16px 10px;
  margin: 12px 0; }
article.doc .cols { display: flex; flex-wrap: wrap; gap: 8px 28px; }
article.doc .cols > div { flex: 1 1 300px; min-width: 0; }
ol.summary { margin: 6px 0; padding-left: 1.6em; }
ol.summary li { margin: 0 0 6px; }
mark { background: #fff1a8; color: inherit; padding: 0 1px; }
footer { margin-top: 40px; padding-top: 10px; padding-bottom: 30px; border-top: 1px solid #ddd;
  color: #555; font-size: 12px; overflow-wrap: anywhere; }
@media (max-width: 700px) { td.bar { width: 22%; } body { font-size: 14px; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 18px; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table.data { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, article.doc, figure, svg.chart, dl.stats div { break-inside: avoid;
    page-break-inside: avoid; }
  a { color: inherit; }
}
""".replace("FONTS", FONTS)


# -- formatting -------------------------------------------------------------------------------
def text(value: Any) -> str:
    """Escaped text for an element or an attribute (quotes escaped too)."""
    return escape("" if value is None else str(value), quote=True)


def number(value: Any) -> str:
    """A count or rate with thousands separators; other values as they are."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return text(value)
    return f"{value:,}"


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def figure_value(value: Any, kind: str | None = None) -> str:
    """A figure's value; years stay as written (2023, never 2,023)."""
    if isinstance(value, (list, tuple)):
        return " – ".join(figure_value(v, kind) for v in value)
    if kind in ("year", "decade") and isinstance(value, int):
        return str(value)
    return number(value)


def short_sources(sources: Sequence[str]) -> dict[str, str]:
    """Labels for the documents: paths without the folders they all share."""
    parts = [PurePath(s).parts for s in sources]
    common = 0
    if len(parts) > 1:
        while all(len(p) > common + 1 for p in parts) and len({p[common] for p in parts}) == 1:
            common += 1
    else:
        common = len(parts[0]) - 1 if parts and parts[0] else 0
    return {s: "/".join(p[common:]) if s != "-" else "(stdin)"
            for s, p in zip(sources, parts, strict=True)}


def _th(label: str, num: bool = False) -> str:
    return f'<th class="num">{text(label)}</th>' if num else f"<th>{text(label)}</th>"


def _td(value: Any, num: bool = False, cls: str = "", title: str | None = None) -> str:
    classes = " ".join(c for c in ("num" if num else "", cls) if c)
    attrs = f' class="{classes}"' if classes else ""
    if title is not None:
        attrs += f' title="{text(title)}"'
    return f"<td{attrs}>{number(value) if num else text(value)}</td>"


def _table(table_id: str, headers: Sequence[tuple[str, bool]], rows: Sequence[str],
           caption: str = "") -> str:
    head = "".join(_th(h, n) for h, n in headers)
    cap = f"<caption class=\"muted\">{text(caption)}</caption>" if caption else ""
    body = "".join(rows)
    return (f'<table class="data" id="{table_id}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _bar(fraction: float, color: str, label: str) -> str:
    width = round(max(0.0, min(1.0, fraction)) * 100, 2)
    return (f'<td class="bar"><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none"'
            f' role="img" aria-label="{text(label)}"><rect width="100" height="10" '
            f'fill="#f0f0f0"/><rect width="{width}" height="10" fill="{color}"/></svg></td>')


def _stacked(shares: dict[str, float], colors: dict[str, str]) -> str:
    rects = ['<rect width="100" height="10" fill="#f0f0f0"/>']
    x = 0.0
    for name, share in shares.items():
        if share <= 0:
            continue
        w = share * 100
        rects.append(f'<rect x="{x:.2f}" width="{w:.2f}" height="10" fill="{colors[name]}">'
                     f"<title>{text(name)} {percent(share)}</title></rect>")
        x += w
    label = ", ".join(f"{name} {percent(s)}" for name, s in shares.items())
    return (f'<td class="bar"><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none"'
            f' role="img" aria-label="{text(label)}">{"".join(rects)}</svg></td>')


def _legend(names: Sequence[str], colors: dict[str, str], extra: dict[str, str] | None = None
            ) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{colors[n]}"></span>{text(n)}'
        + (f' <span class="muted">{text(extra[n])}</span>' if extra and n in extra else "")
        + "</li>"
        for n in names)
    return f'<ul class="legend">{items}</ul>'


def _palette(names: Sequence[str], colors: Sequence[str]) -> dict[str, str]:
    return {n: colors[i % len(colors)] for i, n in enumerate(names)}


# -- sections ---------------------------------------------------------------------------------
def _overview(data: dict[str, Any], labels: dict[str, str]) -> str:
    o = data["overview"]
    years = (f"{o['first_year']}–{o['last_year']}" if o["first_year"] != o["last_year"]
             else str(o["first_year"])) if o["years"] else "—"
    stats = [("documents", "ov-documents", number(o["documents"])),
             ("characters", "ov-chars", number(o["chars"])),
             ("years", "ov-years", text(years)),
             ("figures", "ov-figures", number(data["figures"]["total"])),
             ("lint findings", "ov-lint", number(data["lint"]["total"]))]
    top = data["themes"]["top_theme"]
    stats.append(("top theme", "ov-top-theme", text(top or "—")))
    cards = "".join(f'<div><dt>{text(label)}</dt><dd id="{key}">{value}</dd></div>'
                    for label, key, value in stats)
    rows = [f"<tr>{_td(labels[s['source']], title=s['source'])}{_td(s['title'] or '')}"
            f"{_td(s['year'] if s['year'] is not None else '')}{_td(s['encoding'])}"
            f"{_td(s['chars'], True)}</tr>" for s in o["sources"]]
    note = ""
    if o["undated"]:
        note = (f'<p class="note">{number(o["undated"])} document(s) carry no year in their '
                "file name or first lines.</p>")
    return (f'<dl class="stats">{cards}</dl>'
            + _table("sources-table", [("document", False), ("title", False), ("year", False),
                                       ("encoding", False), ("characters", True)], rows)
            + note)


def _keywords(data: dict[str, Any]) -> str:
    k = data["keywords"]
    items = k["keywords"]
    if not items:
        return '<p class="note">No keywords found.</p>'
    top = max(i["count"] for i in items) or 1
    rows = []
    for rank, i in enumerate(items, start=1):
        color = "#0072B2" if i["in_lexicon"] else "#7a9cc6"
        rows.append(f"<tr>{_td(rank, True)}{_td(i['term'])}"
                    f"{_bar(i['count'] / top, color, str(i['count']))}"
                    f"{_td(i['count'], True)}{_td(i.get('nested') or '', True)}"
                    f"{_td(i['per_10k'], True)}{_td(i['documents'], True)}"
                    f"{_td('yes' if i['in_lexicon'] else '')}{_td(i['pos'])}</tr>")
    intro = (f'<p class="note">The {number(len(items))} most frequent content terms over '
             f'{number(k["documents"])} document(s) and {number(k["chars"])} characters '
             "(whitespace not counted), as <code>xzcli keywords</code> ranks them; darker bars "
             "are policy-lexicon terms; <i>inside longer</i> says how many of the count stood "
             "inside a longer term (污染防治 in 污染防治攻坚战).</p>")
    return intro + _table("keywords-table", [("#", True), ("term", False), ("", False),
                                             ("count", True), ("inside longer", True),
                                             ("per 10k", True),
                                             ("documents", True), ("lexicon", False),
                                             ("pos", False)], rows)


def _themes(data: dict[str, Any], labels: dict[str, str]) -> str:
    t = data["themes"]
    names = t["names"]
    colors = _palette(names, THEME_COLORS)
    overall = {o["theme"]: o["share"] for o in t["overall"]}
    legend = _legend(names, colors, {n: percent(s) for n, s in overall.items()})
    headers = ([("#", True), ("section", False)] if t["by"] == "section"
               else [("document", False)]) + [("shares", False)]
    headers += [(n, True) for n in names] + [("top theme", False)]

    def row(first: str, unit: dict[str, Any]) -> str:
        shares = unit["shares"]
        cells = "".join(_td(percent(shares[n]), True) for n in names)
        return (f"<tr>{first}{_stacked(shares, colors)}{cells}"
                f"{_td(unit['top_theme'] or '—')}</tr>")

    overall_unit = {"shares": overall, "top_theme": t["top_theme"]}
    if t["by"] == "section":
        rows = [row(_td("", True) + _td("whole document", cls="total"), overall_unit)]
        for u in t["units"]:
            level = min(4, max(1, u["level"]))
            rows.append(row(_td(u["index"], True) + _td(u["label"], cls=f"lv{level}"), u))
        what = "each section of the document"
    else:
        rows = [row(_td("all documents", cls="total"), overall_unit)]
        rows += [row(_td(labels[u["source"]], title=u["source"]), u) for u in t["units"]]
        what = "each document"
    intro = (f'<p class="note">Share of each theme ({text(t["theme_file"])}) in the weighted '
             f"theme-term score of {what}, as <code>xzcli themes</code> scores them; body text "
             "only. Overall shares next to the legend.</p>")
    return intro + legend + _table("themes-table", headers, rows)


def _highlight(sentence: str, terms: Sequence[str]) -> str:
    wanted = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not wanted:
        return text(sentence)
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    out: list[str] = []
    at = 0
    for m in pattern.finditer(sentence):
        out.append(text(sentence[at:m.start()]))
        out.append(f"<mark>{text(m.group())}</mark>")
        at = m.end()
    out.append(text(sentence[at:]))
    return "".join(out)


def _tfidf(data: dict[str, Any], labels: dict[str, str]) -> str:
    t = data["tfidf"]
    intro = (f'<p class="note">What sets each document apart: its top TF-IDF terms and the '
             f"sentences that carry most of them, as <code>xzcli tfidf --by document</code> "
             f"weighs them (IDF: {text(t['idf'])}). Top terms are marked in the sentences.</p>")
    cards = []
    for n, doc in enumerate(t["documents"], start=1):
        terms = doc["terms"]
        top = max((x["weight"] for x in terms), default=0) or 1
        rows = [f"<tr>{_td(x['term'])}{_bar(x['weight'] / top, '#009E73', str(x['weight']))}"
                f"{_td(x['weight'], True)}</tr>" for x in terms]
        table = (_table(f"tfidf-terms-{n}", [("term", False), ("", False), ("weight", True)],
                        rows) if rows else '<p class="note">No content terms.</p>')
        words = [x["term"] for x in terms]
        sentences = "".join(f"<li>{_highlight(s['text'], words)}</li>" for s in doc["summary"])
        summary = (f'<ol class="summary" id="tfidf-summary-{n}">{sentences}</ol>' if sentences
                   else '<p class="note">No summary sentence.</p>')
        cards.append(f'<article class="doc" id="tfidf-doc-{n}"><h3 title="{text(doc["source"])}">'
                     f"{text(labels[doc['source']])}</h3><div class=\"cols\"><div>{table}</div>"
                     f"<div>{summary}</div></div></article>")
    return intro + "".join(cards)


def _nice_step(top: float, ticks: int = 5) -> float:
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return float(m * power)
    return float(10 * power)


def _tick(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def line_chart(xs: Sequence[int], series: Mapping[str, Sequence[float]],
               counts: Mapping[str, Sequence[int]], colors: dict[str, str]) -> str:
    """Rates over the years: one line per term, a dot per year (its figures in a tooltip)."""
    width, height = 800, 280
    left, right, top, bottom = 52, 18, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max((v for values in series.values() for v in values), default=0.0)
    step = _nice_step(highest)
    y_max = step * max(1, math.ceil(highest / step)) if highest > 0 else step * 5
    x_lo, x_hi = min(xs), max(xs)
    span = (x_hi - x_lo) or 1

    def px(x: float) -> float:
        return round(left + (x - x_lo) / span * plot_w, 1)

    def py(y: float) -> float:
        return round(top + plot_h - y / y_max * plot_h, 1)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="term rates per 10,000 characters by year">']
    y = 0.0
    while y <= y_max + 1e-9:
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{py(y)}" '
                     f'y2="{py(y)}"/><text x="{left - 6}" y="{py(y) + 4}" '
                     f'text-anchor="end">{_tick(y)}</text>')
        y += step
    labelled = -1e9
    for x in xs:
        # A year label every 44 pixels at least (about the width of one), the first always.
        if px(x) - labelled >= 44:
            labelled = px(x)
            parts.append(f'<line class="axis" x1="{px(x)}" x2="{px(x)}" y1="{top + plot_h}" '
                         f'y2="{top + plot_h + 4}"/><text x="{px(x)}" y="{height - 10}" '
                         f'text-anchor="middle">{x}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}"/>')
    for term, values in series.items():
        color = colors[term]
        points = " ".join(f"{px(x)},{py(v)}" for x, v in zip(xs, values, strict=True))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" '
                     f'points="{points}"/>')
        for x, v, n in zip(xs, values, counts[term], strict=True):
            parts.append(f'<circle cx="{px(x)}" cy="{py(v)}" r="3" fill="{color}"><title>'
                         f"{text(term)} {x}: {number(v)} per 10k ({number(n)})</title></circle>")
    parts.append("</svg>")
    return "".join(parts)


def _usage(data: dict[str, Any], labels: dict[str, str]) -> str:
    u = data["usage"]
    terms = u["terms"]
    if not terms:
        return '<p class="note">No term to follow (name some with --term).</p>'
    colors = _palette(terms, TERM_COLORS)
    chosen = ("the terms asked for" if u["chosen"] == "given"
              else "the most frequent policy-lexicon terms (choose others with --term)")
    intro = (f'<p class="note">How often {chosen} occur, per 10,000 characters, as '
             "<code>xzcli usage --by-year</code> counts them.</p>")
    parts = [intro, _legend(terms, colors)]
    years = u["years"]
    if len(years) >= 2:
        xs = [y["year"] for y in years]
        series = {t: [y["per_10k"][t] for y in years] for t in terms}
        counts = {t: [y["counts"][t] for y in years] for t in terms}
        parts.append(f"<figure>{line_chart(xs, series, counts, colors)}<figcaption>Occurrences "
                     "per 10,000 characters, year by year (documents of one year added up)."
                     "</figcaption></figure>")
        unit_rows = [(_td(y["year"]), y) for y in years]
        first = "year"
    else:
        parts.append('<p class="note">Fewer than two years among the documents: no time '
                     "series, the counts are below.</p>")
        unit_rows = [(_td(labels[d["source"]], title=d["source"]), d) for d in u["documents"]]
        first = "document"
    rows = []
    for cell, unit in unit_rows:
        values = "".join(f'<td class="num"><span class="n">{number(unit["counts"][t])}</span> '
                         f'<span class="muted r">{number(unit["per_10k"][t])}</span></td>'
                         for t in terms)
        rows.append(f"<tr>{cell}{_td(unit['chars'], True)}{values}</tr>")
    parts.append(_table("usage-table", [(first, False), ("characters", True),
                                        *((t, True) for t in terms)], rows,
                        caption="each cell: count, then per 10,000 characters"))
    if u["undated"] and len(years) >= 2:
        parts.append(f'<p class="note">Left out of the years (no year found): '
                     f'{text(", ".join(labels[s] for s in u["undated"]))}.</p>')
    summary = [f"<tr>{_td(s['term'])}{_td(s['count'], True)}{_td(s['documents'], True)}"
               f"{_td(s['first_year'] if s['first_year'] is not None else '—')}"
               f"{_td(s['last_year'] if s['last_year'] is not None else '—')}</tr>"
               for s in u["summary"]]
    parts.append(_table("usage-summary", [("term", False), ("count", True), ("documents", True),
                                          ("first year", False), ("last year", False)], summary))
    return "".join(parts)


def _x(offset: int, length: int) -> str:
    return f"{round(offset / length * 1000, 1)}"


def _strip(positions: Sequence[int], length: int, color: str, headings: Sequence[int] = ()
           ) -> str:
    """One text as a strip: a grey line where each heading stands, a mark for each hit (one
    path each, so a report of many documents stays small)."""
    marks = ticks = ""
    if length and headings:
        d = "".join(f"M{_x(h, length)} 0V16" for h in headings)
        marks = f'<path class="heading" d="{d}"/>'
    if length and positions:
        d = "".join(f"M{_x(p, length)} 1V15" for p in positions)
        ticks = f'<path class="hits" stroke="{color}" d="{d}"/>'
    return (f'<td class="strip"><svg class="strip" viewBox="0 0 1000 16" '
            f'preserveAspectRatio="none" role="img" aria-label="{len(positions)} hits">'
            f'<rect width="1000" height="16" fill="#f3f3f3"/>{marks}{ticks}</svg></td>')


def _dispersion(data: dict[str, Any], labels: dict[str, str]) -> str:
    d = data["dispersion"]
    terms = d["terms"]
    if not terms:
        return '<p class="note">No term to place (name some with --term).</p>'
    colors = _palette(terms, TERM_COLORS)
    several = len(d["documents"]) > 1
    rows = []
    for term in terms:
        for i, doc in enumerate(d["documents"]):
            hits = doc["positions"][term]
            # Several documents: the term once, spanning its documents' rows.
            first = (f'<td rowspan="{len(d["documents"])}">{text(term)}</td>' if several
                     else _td(term)) if i == 0 else ""
            where = _td(labels[doc["source"]], title=doc["source"]) if several else ""
            group = ' class="group"' if i == 0 else ""
            strip = _strip(hits, doc["length"], colors[term], doc["headings"])
            rows.append(f"<tr{group}>{first}{where}{strip}{_td(len(hits), True)}</tr>")
    headers = [("term", False)] + ([("document", False)] if several else [])
    headers += [("from the start to the end of the text", False), ("hits", True)]
    intro = ('<p class="note">Each mark is one occurrence (as <code>xzcli kwic</code> finds '
             "it), placed by its character offset between the start and the end of the text; "
             "thin grey lines are where headings stand.</p>")
    return intro + _table("dispersion-table", headers, rows)


def _counts_table(table_id: str, label: str, counts: dict[str, int], color: str) -> str:
    if not counts:
        return ""
    top = max(counts.values()) or 1
    rows = [f"<tr>{_td(name)}{_bar(n / top, color, str(n))}{_td(n, True)}</tr>"
            for name, n in counts.items()]
    return _table(table_id, [(label, False), ("", False), ("count", True)], rows)


def _figures(data: dict[str, Any], labels: dict[str, str]) -> str:
    f = data["figures"]
    if not f["total"]:
        return '<p class="note">No figures found.</p>'
    parts = [f'<p class="note">{number(f["total"])} quantities claimed, as <code>xzcli figures'
             "</code> reads them (values normalised: money in 元, percentages as numbers).</p>",
             _counts_table("figures-kinds", "kind", f["by_kind"], "#CC79A7")]
    if len(f["documents"]) > 1:
        kinds = list(f["by_kind"])
        rows = [f"<tr>{_td(labels[d['source']], title=d['source'])}{_td(d['total'], True)}"
                + "".join(_td(d["by_kind"].get(k, 0), True) for k in kinds) + "</tr>"
                for d in f["documents"]]
        parts.append(_table("figures-by-document", [("document", False), ("all", True),
                                                    *((k, True) for k in kinds)], rows))
    for n, doc in enumerate(f["documents"], start=1):
        if not doc["total"]:
            continue
        shown = len(doc["figures"])
        more = f" (the first {number(shown)} of {number(doc['total'])})" if shown < doc["total"] \
            else f" ({number(doc['total'])})"
        rows = [f"<tr>{_td(r['line'], True)}{_td(r['text'], title=r['context'])}"
                f'<td class="num">{figure_value(r["value"], r["item_kind"] or r["kind"])}</td>'
                f'{_td(r["unit"] or "")}'
                f"{_td(r['kind'])}{_td(r['qualifier'] or '')}</tr>" for r in doc["figures"]]
        parts.append(f'<h3 title="{text(doc["source"])}">{text(labels[doc["source"]])}'
                     f'<span class="muted">{more}</span></h3>')
        parts.append(_table(f"figures-doc-{n}", [("line", True), ("as written", False),
                                                 ("value", True), ("unit", False),
                                                 ("kind", False), ("qualifier", False)], rows))
    return "".join(parts)


def _lint(data: dict[str, Any], labels: dict[str, str]) -> str:
    lint = data["lint"]
    if not lint["total"]:
        return ('<p class="note">No findings: <code>xzcli lint</code> found no copy-editing '
                "slip.</p>")
    parts = [f'<p class="note">{number(lint["total"])} possible slips, as <code>xzcli lint'
             "</code> reports them.</p>",
             _counts_table("lint-rules", "rule", lint["by_rule"], "#E69F00")]
    for n, doc in enumerate(lint["documents"], start=1):
        if not doc["total"]:
            continue
        shown = len(doc["findings"])
        more = f" (the first {number(shown)} of {number(doc['total'])})" if shown < doc["total"] \
            else f" ({number(doc['total'])})"
        rows = [f"<tr>{_td(r['line'], True)}{_td(r['column'], True)}{_td(r['rule'])}"
                f"{_td(r['text'])}{_td(r['message'])}{_td(r['suggestion'])}</tr>"
                for r in doc["findings"]]
        parts.append(f'<h3 title="{text(doc["source"])}">{text(labels[doc["source"]])}'
                     f'<span class="muted">{more}</span></h3>')
        parts.append(_table(f"lint-doc-{n}", [("line", True), ("col", True), ("rule", False),
                                              ("text", False), ("message", False),
                                              ("suggestion", False)], rows))
    return "".join(parts)


# -- the page ---------------------------------------------------------------------------------
def render_html(head: dict[str, Any], data: dict[str, Any]) -> str:
    """The whole page as one string; `head` is the JSON envelope (version, engine, inputs)."""
    labels = short_sources([s["source"] for s in data["overview"]["sources"]])
    bodies = {
        "overview": _overview(data, labels),
        "keywords": _keywords(data),
        "themes": _themes(data, labels),
        "tfidf": _tfidf(data, labels),
        "usage": _usage(data, labels),
        "dispersion": _dispersion(data, labels),
        "figures": _figures(data, labels),
        "lint": _lint(data, labels),
    }
    nav = "".join(f'<li><a href="#{key}">{text(title)}</a></li>' for key, title in SECTIONS)
    sections = "".join(f'<section id="{key}"><h2>{text(title)}</h2>{bodies[key]}</section>'
                       for key, title in SECTIONS)
    o = data["overview"]
    meta = (f"{number(o['documents'])} document(s) · {number(o['chars'])} characters"
            + (f" · {o['first_year']}–{o['last_year']}" if o["years"] else ""))
    dictionaries = "; ".join(f"{d['name']} sha256 {d['sha256'][:12]}"
                             for d in head.get("dictionaries", ()))
    footer = (f"Made with xzcli {text(head.get('version'))} (schema {text(head.get('schema'))}, "
              f"engine {text(head.get('engine'))}). Dictionaries: {text(dictionaries)}. "
              "The same data: <code>xzcli report --format json</code>.")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="xzcli {text(head.get("version"))}">\n'
        f"<title>{text(data['title'])}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{text(data['title'])}</h1><p class=\"meta\">{text(meta)}</p>"
        f"<nav><ul>{nav}</ul></nav></header>\n"
        f"<main>{sections}</main>\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )
