"""Rich view of `xzcli themes`: theme shares as terminal bars per document, section, paragraph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

COLOURS = ("cyan", "green", "magenta", "yellow", "blue", "red")
BAR = 12  # cells for a share of 100%


def _bar(share: float, colour: str, width: int = BAR) -> Any:
    from rich.text import Text

    cells = round(share * width)
    text = Text("█" * cells, style=colour)
    text.append("·" * (width - cells), style="dim")
    text.append(f" {share:>4.0%}")
    return text


def _colour(names: tuple[str, ...], name: str | None) -> str:
    return COLOURS[names.index(name) % len(COLOURS)] if name in names else "default"


def themes_table(console: Any, documents: list[dict[str, Any]], by: str,
                 names: tuple[str, ...], top_terms: int) -> None:
    from rich.text import Text

    from xzcli.render import Col, fit_table

    if by == "document" and len(documents) > 1:
        _documents_table(console, documents, names)
        return
    for doc in documents:
        title = Text(f"{doc['source']} · top theme: {doc['top_theme'] or '—'}")
        if by == "document":
            cols = [Col("theme", "label"), Col("score", "number"), Col("share", "label"),
                    Col("per 1k", "number"), Col("terms (evidence)", "text", min_text=16)]
            cells = []
            for t in doc["themes"]:
                shown = t["terms"] if top_terms == 0 else t["terms"][:top_terms]
                evidence = " ".join(f"{x['term']}×{x['count']}" for x in shown)
                cells.append([Text(t["theme"], style=_colour(names, t["theme"])),
                              _number(t["score"]), _bar(t["share"], _colour(names, t["theme"])),
                              _number(t["per_1k"]), Text(evidence)])
            console.print(fit_table(console.width, cols, cells, title=title), crop=False)
            continue
        # The section's name wraps; scores, shares and the bar never give way.
        cols = [Col("#", "number"), Col("section" if by == "section" else "paragraph", "text",
                                        min_text=12),
                Col("top theme", "label"), Col("score", "number"),
                Col("theme shares", "label")]
        rows = []
        units = doc["sections"] if by == "section" else doc["paragraphs"]
        for unit in units:
            scores = unit["scores"]
            total = sum(scores.values())
            if by == "section":
                indent = "  " * max(unit["level"] - 1, 0)
                name_cell = Text(indent + (unit["heading"] or "(lead)"))
            else:
                name_cell = Text(unit["text"])
            top = unit["top_theme"]
            top_cell = Text(top or "—", style=_colour(names, top))
            if top:
                top_cell.append(f" {scores[top] / total:.0%}")
            rows.append([str(unit["index"]), name_cell, top_cell, _number(round(total, 3)),
                         _stacked(scores, names, total)])
        console.print(fit_table(console.width, cols, rows, title=title,
                                caption=_legend(names)), crop=False)


def _number(value: float) -> str:
    from xzcli.render import number_text

    return number_text(value)


GLYPHS = ("█", "▓", "▒", "░", "▞", "▚")
STACK = 24  # cells of the stacked bar


def _glyph(names: tuple[str, ...], name: str) -> str:
    return GLYPHS[names.index(name) % len(GLYPHS)]


def _stacked(scores: dict[str, float], names: tuple[str, ...], total: float) -> Any:
    """One bar split by theme; each theme has its own glyph, so it reads without colour."""
    from rich.text import Text

    text = Text()
    if not total:
        return Text("·" * STACK, style="dim")
    # Largest-remainder rounding, so the cells always add up to the full bar.
    exact = [scores[n] / total * STACK for n in names]
    cells = [int(x) for x in exact]
    for i in sorted(range(len(names)), key=lambda i: exact[i] - cells[i],
                    reverse=True)[:STACK - sum(cells)]:
        cells[i] += 1
    for name, n in zip(names, cells, strict=True):
        text.append(_glyph(names, name) * n, style=_colour(names, name))
    return text


def _legend(names: tuple[str, ...]) -> Any:
    from rich.text import Text

    legend = Text("  ")
    for name in names:
        legend.append(f"{_glyph(names, name)} {name}  ", style=_colour(names, name))
    return legend


def _documents_table(console: Any, documents: list[dict[str, Any]],
                     names: tuple[str, ...]) -> None:
    """Several inputs: one line each, to compare their theme mix at a glance."""
    from rich.text import Text

    from xzcli.render import Col, fit_table

    cols = [Col("source", "text", min_text=12), Col("top theme", "label"),
            Col("per 1k", "number"), Col("theme shares", "label")]
    rows = []
    # File names say more than a long shared folder prefix in a narrow column.
    names_only = [Path(d["source"]).name for d in documents]
    labels = names_only if len(set(names_only)) == len(names_only) else \
        [d["source"] for d in documents]
    for doc, label in zip(documents, labels, strict=True):
        scores = {t["theme"]: t["score"] for t in doc["themes"]}
        total = sum(scores.values())
        top = doc["top_theme"]
        top_cell = Text(top or "—", style=_colour(names, top))
        if top:
            top_cell.append(f" {scores[top] / total:.0%}")
        per_1k = round(sum(t["per_1k"] for t in doc["themes"]), 3)
        rows.append([Text(label), top_cell, _number(per_1k), _stacked(scores, names, total)])
    console.print(fit_table(console.width, cols, rows,
                            title=f"themes · {len(documents)} documents",
                            caption=_legend(names)), crop=False)
