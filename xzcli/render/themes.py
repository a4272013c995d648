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
    from rich.table import Table
    from rich.text import Text

    if by == "document" and len(documents) > 1:
        _documents_table(console, documents, names)
        return
    for doc in documents:
        title = Text(f"{doc['source']} · top theme: {doc['top_theme'] or '—'}")
        if by == "document":
            table = Table(title=title, header_style="bold")
            table.add_column("theme")
            table.add_column("score", justify="right")
            table.add_column("share")
            table.add_column("per 1k", justify="right")
            table.add_column("terms (evidence)", overflow="fold")
            for t in doc["themes"]:
                shown = t["terms"] if top_terms == 0 else t["terms"][:top_terms]
                evidence = " ".join(f"{x['term']}×{x['count']}" for x in shown)
                table.add_row(Text(t["theme"], style=_colour(names, t["theme"])),
                              _number(t["score"]), _bar(t["share"], _colour(names, t["theme"])),
                              f"{t['per_1k']:g}", Text(evidence))
            console.print(table)
            continue
        table = Table(title=title, caption=_legend(names), header_style="bold")
        table.add_column("#", justify="right")
        table.add_column("section" if by == "section" else "paragraph", no_wrap=True,
                         max_width=22, overflow="ellipsis")
        table.add_column("top theme", no_wrap=True)
        table.add_column("score", justify="right", no_wrap=True, min_width=5)
        table.add_column("theme shares", no_wrap=True)
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
            table.add_row(str(unit["index"]), name_cell, top_cell, _number(total),
                          _stacked(scores, names, total))
        console.print(table)


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 100 or value == int(value) else f"{value:.1f}"


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
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"themes · {len(documents)} documents", caption=_legend(names),
                  header_style="bold")
    table.add_column("source", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("top theme", no_wrap=True)
    table.add_column("per 1k", justify="right", no_wrap=True)
    table.add_column("theme shares", no_wrap=True, min_width=STACK)
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
        per_1k = sum(t["per_1k"] for t in doc["themes"])
        table.add_row(Text(label), top_cell, _number(per_1k),
                      _stacked(scores, names, total))
    console.print(table)
