"""Rich view for `usage`: each term's count and rate per document or year, then sparklines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any


def usage_table(rows: Sequence[dict[str, Any]], summary: Sequence[dict[str, Any]],
                terms: Sequence[str], title: str, unit: str) -> Any:
    """One line per document (or year) with each term's rate, then a sparkline per term."""

    def draw(console: Any) -> None:
        from rich.text import Text

        from xzcli.render import Col, fit_table
        from xzcli.usage import SPARKS, sparkline

        # A year row already names its year; it says how many documents it adds up instead.
        second = "year" if unit == "document" else "documents"
        # Counts, rates, years and characters are never cut: the name wraps, and on a narrow
        # screen the characters column goes first (the rates already allow for length).
        cols = [Col(unit, "text", min_text=10), Col(second, "number"),
                Col("chars", "number", optional=1)]
        cols += [Col(term, "number", header=f"{term}\ncount · per 10k") for term in terms]
        tops = {t: max((r[f"{t} per_10k"] for r in rows), default=0.0) for t in terms}
        cells_of_rows = []
        for r in rows:
            cells = [PurePath(str(r["source"])).name, str(r[second] or ""), str(r["chars"])]
            for t in terms:
                n, rate, top = r[t], r[f"{t} per_10k"], tops[t]
                if n == 0:
                    cells.append("–")
                    continue
                mark = SPARKS[int(rate / top * (len(SPARKS) - 1) + 0.5)]
                cells.append(f"{n} · {rate:.2f} {mark}")
            cells_of_rows.append(cells)
        console.print(fit_table(console.width, cols, cells_of_rows, title=title), crop=False)

        # Plain lines, not a table: a sparkline over many documents needs the whole width.
        first_unit = PurePath(str(rows[0]["source"])).name if rows else ""
        last_unit = PurePath(str(rows[-1]["source"])).name if rows else ""
        console.print(f"each term per 10k characters across the {len(rows)} {unit}(s), "
                      f"{first_unit} … {last_unit}:", style="bold")
        for s in summary:
            years = (f", {s['first_year']}–{s['last_year']}"
                     if s["first_year"] is not None else "")
            console.print(f"{s['term']}: {s['count']} in {s['documents']} document(s){years}")
            rates = [r[f"{s['term']} per_10k"] for r in rows]
            console.print(Text(f"▕{sparkline(rates)}▏"), overflow="fold", crop=False)

    return draw
