"""Rich view for `compare`: keyness rows with the measures right-aligned and DP shaded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SHOWN = ("rank", "term", "target_count", "reference_count", "g2", "log_ratio", "percent_diff",
         "dp")
HEADERS = {"rank": "#", "target_count": "target", "reference_count": "ref",
           "percent_diff": "%diff", "log_ratio": "log ratio"}


def compare_table(rows: Sequence[dict[str, Any]], title: str) -> Any:
    """The keyness table: counts on both sides, then the measures (rates are in JSON/CSV)."""

    def draw(console: Any) -> None:
        from rich import box
        from rich.table import Table

        table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD)
        for column in SHOWN:
            header = HEADERS.get(column, column)
            if column == "term":
                table.add_column(header, max_width=18, overflow="ellipsis", no_wrap=True)
            else:
                table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
        for row in rows:
            cells = []
            for column in SHOWN:
                value = row[column]
                if value is None:
                    cells.append("–")
                elif column == "percent_diff":
                    cells.append(f"{value:+.0f}%")
                elif isinstance(value, float):
                    cells.append(f"{value:.2f}")
                else:
                    cells.append(str(value))
            table.add_row(*cells)
        console.print(table)
        console.print("target, ref: counts · g2: log-likelihood, negative = used less · dp: "
                      "Gries' dispersion over the target documents (0 = even)")

    return draw
