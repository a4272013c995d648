"""Rich view for `usage`: each term's count and rate per document or year, then sparklines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any


def usage_table(rows: Sequence[dict[str, Any]], summary: Sequence[dict[str, Any]],
                terms: Sequence[str], title: str, unit: str) -> Any:
    """One line per document (or year) with each term's rate, then a sparkline per term."""

    def draw(console: Any) -> None:
        from rich.table import Table
        from rich.text import Text

        from xzcli.usage import SPARKS, sparkline

        table = Table(title=title, header_style="bold")
        # A year row already names its year; it says how many documents it adds up instead.
        second = "year" if unit == "document" else "documents"
        table.add_column(unit, no_wrap=True, overflow="ellipsis", max_width=28)
        table.add_column(second, justify="right")
        table.add_column("chars", justify="right")
        for term in terms:
            table.add_column(f"{term}\ncount · per 10k", justify="right", no_wrap=True)
        tops = {t: max((r[f"{t} per_10k"] for r in rows), default=0.0) for t in terms}
        for r in rows:
            cells = [PurePath(str(r["source"])).name, str(r[second] or ""), str(r["chars"])]
            for t in terms:
                n, rate, top = r[t], r[f"{t} per_10k"], tops[t]
                if n == 0:
                    cells.append("–")
                    continue
                mark = SPARKS[int(rate / top * (len(SPARKS) - 1) + 0.5)]
                cells.append(f"{n} · {rate:.2f} {mark}")
            table.add_row(*cells)
        console.print(table)

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
