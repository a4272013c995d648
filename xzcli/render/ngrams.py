"""Rich view for `ngrams`: each n-gram with its tokens marked apart, count and documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def ngrams_table(rows: Sequence[dict[str, Any]], title: str) -> Any:
    """N-grams by count; the tokens column shows where the segmentation cut them."""

    def draw(console: Any) -> None:
        from rich import box
        from rich.table import Table

        table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD)
        table.add_column("#", justify="right")
        table.add_column("n-gram", no_wrap=True, max_width=20, overflow="ellipsis")
        table.add_column("tokens", no_wrap=True, max_width=26, overflow="ellipsis")
        for header in ("count", "documents", "per 10k"):
            table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
        for row in rows:
            table.add_row(str(row["rank"]), row["ngram"], " / ".join(row["tokens"]),
                          str(row["count"]), str(row["documents"]), f"{row['per_10k']:.2f}")
        console.print(table)

    return draw
