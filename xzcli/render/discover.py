"""Rich view for `discover`: each candidate with its counts, score, first year and an example."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def discover_table(rows: Sequence[dict[str, Any]], title: str) -> Any:
    """Candidates by score (in rank order); CSV, TSV and JSON carry the rank, cohesion and
    entropies as well."""

    def draw(console: Any) -> None:
        from rich import box
        from rich.table import Table

        table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD)
        table.add_column("term", no_wrap=True, min_width=12)
        for header in ("count", "docs", "score", "first"):
            table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
        table.add_column("example", no_wrap=True, max_width=30, overflow="ellipsis")
        for row in rows:
            first = "" if row["first_year"] is None else str(row["first_year"])
            table.add_row(row["term"],
                          str(row["count"]), str(row["documents"]), f"{row['score']:.2f}",
                          first, row["example"])
        console.print(table)

    return draw
